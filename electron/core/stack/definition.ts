/**
 * The one definition of the monitoring stack. The app builds its containers from `stackSpec()`;
 * compose/docker-compose.yml is `composeDocument()` of the same spec with `${VAR:-default}`
 * placeholders (see ./compose.ts), and test/unit/stack-compose.test.ts fails if the file drifts.
 */
import type { ServiceName } from '../api/types.js';

export const serviceNames = ['prometheus', 'loki', 'grafana'] as const satisfies readonly ServiceName[];

export const defaultStackName = 'claude-code-monitor';

/** Pinned images: Prometheus 3.5 LTS, Loki 3.x, Grafana 12.x. */
export const defaultImages: Record<ServiceName, string> = {
  prometheus: 'prom/prometheus:v3.5.0',
  loki: 'grafana/loki:3.5.0',
  grafana: 'grafana/grafana:12.1.0',
};

/** Environment variables that override the images (tests, mirrors, air-gapped sites). */
export const imageEnvVars: Record<ServiceName, string> = {
  prometheus: 'CCMON_IMAGE_PROMETHEUS',
  loki: 'CCMON_IMAGE_LOKI',
  grafana: 'CCMON_IMAGE_GRAFANA',
};

/** Default host ports (Grafana on 3001 as in the seed). The app derives them from the configured URLs. */
export const defaultHostPorts: Record<ServiceName, number> = { prometheus: 9090, loki: 3100, grafana: 3001 };

/** Compose-only: host port variables (the app reads the ports from its URL settings instead). */
export const portEnvVars: Record<ServiceName, string> = {
  prometheus: 'CCMON_PROMETHEUS_PORT',
  loki: 'CCMON_LOKI_PORT',
  grafana: 'CCMON_GRAFANA_PORT',
};

/** The setting (and its environment variable) whose URL gives each service's host port. */
export const portSettings: Record<ServiceName, { setting: string; env: string }> = {
  prometheus: { setting: 'prometheusUrl', env: 'CCMON_PROMETHEUS_URL' },
  loki: { setting: 'lokiUrl', env: 'CCMON_LOKI_URL' },
  grafana: { setting: 'grafanaUrl', env: 'CCMON_GRAFANA_URL' },
};

/** Labels that mark what the app owns. Everything without `dev.ccmon.stack=<name>` is left alone. */
export const labels = {
  stack: 'dev.ccmon.stack',
  service: 'dev.ccmon.service',
} as const;

/** A service's container name in stack `stack` (the app, compose and status all use it). */
export function containerName(stack: string, service: ServiceName): string {
  return `${stack}-${service}`;
}

/** Where each service answers "ready" (probed from the host: Loki's and Grafana's images have no shell or curl). */
export const readinessPaths: Record<ServiceName, string> = {
  prometheus: '/-/ready',
  loki: '/ready',
  grafana: '/api/health',
};

/** A file or folder of compose/ that must reach the container (source relative to compose/). */
export interface ConfigMount {
  source: string;
  target: string;
}

export interface VolumeMount {
  /** Key in the compose file (`volumes:`), stable across stack names. */
  key: string;
  name: string;
  target: string;
}

export interface PortBinding {
  hostIp: '127.0.0.1';
  /** A number in the app; a `${VAR:-default}` placeholder in the compose file. */
  hostPort: number | string;
  containerPort: number;
}

export interface ServiceSpec {
  name: ServiceName;
  containerName: string;
  image: string;
  command: string[];
  environment: Record<string, string>;
  ports: PortBinding[];
  volumes: VolumeMount[];
  configs: ConfigMount[];
  extraHosts: string[];
  labels: Record<string, string>;
  restart: 'unless-stopped';
  readinessPath: string;
}

export interface StackSpec {
  name: string;
  network: { key: string; name: string; labels: Record<string, string> };
  volumes: Array<{ key: string; name: string; labels: Record<string, string> }>;
  services: ServiceSpec[];
}

export interface StackParams {
  name: string;
  images: Record<ServiceName, string>;
  hostPorts: Record<ServiceName, number | string>;
  grafanaAdminPassword: string;
}

/** Prometheus keeps this much history: the app's periods reach back 30 days, leave room for the dashboards. */
export const prometheusRetention = '90d';

/** The stack, as a pure function of its parameters. */
export function stackSpec(p: StackParams): StackSpec {
  const own = (extra: Record<string, string> = {}): Record<string, string> => ({ [labels.stack]: p.name, ...extra });
  const volume = (service: ServiceName, target: string): VolumeMount => ({ key: `${service}-data`, name: `${p.name}-${service}-data`, target });
  const service = (name: ServiceName, rest: Omit<ServiceSpec, 'name' | 'containerName' | 'image' | 'labels' | 'restart' | 'readinessPath'>): ServiceSpec => ({
    name,
    containerName: containerName(p.name, name),
    image: p.images[name],
    ...rest,
    labels: own({ [labels.service]: name }),
    restart: 'unless-stopped',
    readinessPath: readinessPaths[name],
  });
  const services: ServiceSpec[] = [
    service('prometheus', {
      command: [
        '--config.file=/etc/prometheus/prometheus.yml',
        '--storage.tsdb.path=/prometheus',
        `--storage.tsdb.retention.time=${prometheusRetention}`,
        // Push mode: Claude Code sends OTLP metrics to /api/v1/otlp/v1/metrics (cumulative temporality).
        '--web.enable-otlp-receiver',
      ],
      environment: {},
      ports: [{ hostIp: '127.0.0.1', hostPort: p.hostPorts.prometheus, containerPort: 9090 }],
      volumes: [volume('prometheus', '/prometheus')],
      configs: [
        { source: 'prometheus/prometheus.yml', target: '/etc/prometheus/prometheus.yml' },
        { source: 'prometheus/rules', target: '/etc/prometheus/rules' },
      ],
      // Scrape mode: Claude Code's exporter on the host. Docker Desktop resolves the name itself; Linux needs host-gateway.
      extraHosts: ['host.docker.internal:host-gateway'],
    }),
    service('loki', {
      command: ['-config.file=/etc/loki/loki.yml'],
      environment: {},
      ports: [{ hostIp: '127.0.0.1', hostPort: p.hostPorts.loki, containerPort: 3100 }],
      volumes: [volume('loki', '/loki')],
      configs: [{ source: 'loki/loki.yml', target: '/etc/loki/loki.yml' }],
      extraHosts: [],
    }),
    service('grafana', {
      command: [],
      environment: {
        GF_SECURITY_ADMIN_USER: 'admin',
        GF_SECURITY_ADMIN_PASSWORD: p.grafanaAdminPassword,
        GF_AUTH_ANONYMOUS_ENABLED: 'true',
        GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
        GF_USERS_ALLOW_SIGN_UP: 'false',
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        GF_PATHS_PROVISIONING: '/etc/grafana/provisioning',
      },
      ports: [{ hostIp: '127.0.0.1', hostPort: p.hostPorts.grafana, containerPort: 3000 }],
      volumes: [volume('grafana', '/var/lib/grafana')],
      configs: [
        { source: 'grafana/provisioning', target: '/etc/grafana/provisioning' },
        // Dashboards live outside the data volume so each start ships the current ones.
        { source: 'grafana/dashboards', target: '/etc/grafana/dashboards' },
      ],
      extraHosts: [],
    }),
  ];
  return {
    name: p.name,
    network: { key: 'monitor', name: p.name, labels: own() },
    volumes: services.flatMap((s) => s.volumes.map((v) => ({ key: v.key, name: v.name, labels: own({ [labels.service]: s.name }) }))),
    services,
  };
}

/** The Grafana admin password variable compose users must set (there is no admin/admin default). */
export const composePasswordVar = 'CCMON_GRAFANA_ADMIN_PASSWORD';

/** The parameters of compose/docker-compose.yml: every overridable value as `${VAR:-default}`. */
export function composeParams(): StackParams {
  const v = (name: string, fallback: string | number): string => `\${${name}:-${fallback}}`;
  const map = <T>(f: (s: ServiceName) => T): Record<ServiceName, T> => ({ prometheus: f('prometheus'), loki: f('loki'), grafana: f('grafana') });
  return {
    name: v('CCMON_STACK_NAME', defaultStackName),
    images: map((s) => v(imageEnvVars[s], defaultImages[s])),
    hostPorts: map((s) => v(portEnvVars[s], defaultHostPorts[s])),
    grafanaAdminPassword: `\${${composePasswordVar}:?set ${composePasswordVar} to the Grafana admin password (no admin/admin default)}`,
  };
}

/**
 * Resolves `${VAR:-default}` / `${VAR:?message}` the way compose does, from `env`
 * (a missing `:?` variable resolves to `undefined` marker text). Used by the drift test.
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (op === '-') return arg ?? '';
    return `<unset ${name}>`;
  });
}
