/**
 * compose/docker-compose.yml as a pure function of the stack definition. The file in the repository
 * is exactly `renderCompose()`; `npm run stack:compose` rewrites it, test/unit/stack-compose.test.ts
 * fails when the two differ.
 */
import { stringify } from 'yaml';
import { composeParams, composePasswordVar, stackSpec, type StackSpec } from './definition.js';

export interface ComposeDocument {
  name: string;
  services: Record<string, Record<string, unknown>>;
  networks: Record<string, { name: string; labels: Record<string, string> }>;
  volumes: Record<string, { name: string; labels: Record<string, string> }>;
}

/** The compose document of a spec. Config mounts become read-only bind mounts of compose/ (compose runs beside the files). */
export function composeDocument(spec: StackSpec): ComposeDocument {
  const services: ComposeDocument['services'] = {};
  for (const s of spec.services) {
    const svc: Record<string, unknown> = {
      image: s.image,
      container_name: s.containerName,
    };
    if (s.command.length > 0) svc.command = s.command;
    if (Object.keys(s.environment).length > 0) svc.environment = s.environment;
    svc.ports = s.ports.map((p) => `${p.hostIp}:${p.hostPort}:${p.containerPort}`);
    svc.volumes = [...s.volumes.map((v) => `${v.key}:${v.target}`), ...s.configs.map((c) => `./${c.source}:${c.target}:ro`)];
    if (s.extraHosts.length > 0) svc.extra_hosts = s.extraHosts;
    svc.labels = s.labels;
    svc.networks = [spec.network.key];
    svc.restart = s.restart;
    services[s.name] = svc;
  }
  return {
    name: spec.name,
    services,
    networks: { [spec.network.key]: { name: spec.network.name, labels: spec.network.labels } },
    volumes: Object.fromEntries(spec.volumes.map((v) => [v.key, { name: v.name, labels: v.labels }])),
  };
}

const header = `# GENERATED from electron/core/stack/definition.ts by \`npm run stack:compose\`: do not edit by hand
# (test/unit/stack-compose.test.ts fails when this file and the app's stack definition drift).
#
# The same stack the Claude Code Monitor app runs, for people who don't run the app:
#   ${composePasswordVar}='choose-one' docker compose -f compose/docker-compose.yml up -d
# Grafana http://127.0.0.1:3001 (admin / $${composePasswordVar}; anonymous Viewer), Prometheus
# http://127.0.0.1:9090, Loki http://127.0.0.1:3100. Overrides: CCMON_STACK_NAME, CCMON_IMAGE_PROMETHEUS,
# CCMON_IMAGE_LOKI, CCMON_IMAGE_GRAFANA, CCMON_PROMETHEUS_PORT, CCMON_LOKI_PORT, CCMON_GRAFANA_PORT.
# Containers, network and volumes carry the app's names and labels, so the app adopts a stack started here.
# \`docker compose down\` keeps the data volumes; \`down -v\` (or \`ccmon stack purge --yes\`) deletes them.
`;

export function renderCompose(spec: StackSpec = stackSpec(composeParams())): string {
  return header + stringify(composeDocument(spec), { lineWidth: 0 });
}
