/** Pure pieces of the stack manager: ports from URLs, status derivation, fault explanations. */
import type { ServiceName, ServiceState, ServiceStatus, StackStatus } from '../api/types.js';
import { portSettings, serviceNames } from './definition.js';

export interface StackUrls {
  prometheusUrl: string;
  lokiUrl: string;
  grafanaUrl: string;
}

export function serviceUrl(urls: StackUrls, name: ServiceName): string {
  return name === 'prometheus' ? urls.prometheusUrl : name === 'loki' ? urls.lokiUrl : urls.grafanaUrl;
}

/** The host port of a URL (its explicit port, else the scheme's). */
export function portOfUrl(url: string): number {
  const u = new URL(url);
  if (u.port) return Number(u.port);
  return u.protocol === 'https:' ? 443 : 80;
}

/** Host ports the stack publishes (on 127.0.0.1), derived from the configured URLs. */
export function hostPortsFromUrls(urls: StackUrls): Record<ServiceName, number> {
  const ports = { prometheus: portOfUrl(urls.prometheusUrl), loki: portOfUrl(urls.lokiUrl), grafana: portOfUrl(urls.grafanaUrl) };
  const seen = new Map<number, ServiceName>();
  for (const name of serviceNames) {
    const other = seen.get(ports[name]);
    if (other) {
      throw Object.assign(new Error(`${portSettings[other].setting} and ${portSettings[name].setting} both use port ${ports[name]}; each service needs its own port.`), {
        hint: `Change ${portSettings[name].setting} (${portSettings[name].env}).`,
      });
    }
    seen.set(ports[name], name);
  }
  return ports;
}

/** The host port a "port is taken" error from the engine names, or null if it's another error. */
export function portConflictFromError(message: string): number | null {
  const patterns = [
    /Bind for [^\s]*?:(\d+) failed: port is already allocated/i,
    /listen tcp[46]? [^\s]*?:(\d+): bind: address already in use/i,
    /:(\d+): bind: address already in use/i,
    /ports are not available: .*?:(\d+)/i,
  ];
  for (const re of patterns) {
    const m = re.exec(message);
    if (m) return Number(m[1]);
  }
  return null;
}

export function portConflictExplained(service: ServiceName, port: number): { error: string; hint: string } {
  const { setting, env } = portSettings[service];
  return {
    error: `Port ${port} on 127.0.0.1 is already taken, so ${service} cannot publish it.`,
    hint: `Stop the program using port ${port}, or move ${service} to a free port with the ${setting} setting (e.g. ${env}=http://127.0.0.1:<free port>).`,
  };
}

const engineStates: Record<string, ServiceState> = {
  created: 'created',
  running: 'running',
  restarting: 'restarting',
  exited: 'exited',
  paused: 'paused',
  dead: 'dead',
  removing: 'exited',
};

export function serviceState(engineState: string | undefined | null): ServiceState {
  if (!engineState) return 'missing';
  return engineStates[engineState] ?? 'unknown';
}

/** What the engine says about one container (a subset of `docker inspect`). */
export interface ContainerFacts {
  state: string;
  exitCode: number;
  error?: string;
  /** The last log lines, when the container stopped on its own. */
  logTail?: string[];
  /** False when a container of this name exists without our stack label (not ours: left alone). */
  ours: boolean;
  containerName?: string;
}

/** One service's status from its container (null: none) and the host-side readiness probe. */
export function deriveServiceStatus(name: ServiceName, url: string, container: ContainerFacts | null, ready: boolean): ServiceStatus {
  if (!container) return { name, state: 'missing', ready: false, url };
  if (!container.ours) {
    return {
      name, state: 'unknown', ready: false, url,
      error: `A container with this stack's name for ${name} exists but is not part of the stack (no dev.ccmon.stack label); it is left alone.`,
      hint: 'Remove or rename that container, or give the stack another name with CCMON_STACK_NAME.',
    };
  }
  const state = serviceState(container.state);
  const status: ServiceStatus = { name, state, ready: state === 'running' && ready, url };
  if ((state === 'exited' || state === 'dead' || state === 'restarting') && container.exitCode !== 0) {
    const crash = crashExplained(name, container.exitCode, container.logTail ?? [], container.error, container.containerName);
    status.error = crash.error;
    status.hint = crash.hint;
  } else if (state === 'running' && !ready) {
    status.error = `${name} is running but not ready yet at ${url}.`;
  }
  return status;
}

export function crashExplained(name: ServiceName, exitCode: number, logTail: string[], engineError?: string, containerName = `<${name} container>`): { error: string; hint: string } {
  const lines = logTail.map((l) => l.trimEnd()).filter(Boolean).slice(-10);
  const last = lines.length ? ` Last log lines:\n  ${lines.join('\n  ')}` : '';
  return {
    error: `${name} exited with code ${exitCode}${engineError ? ` (${engineError})` : ''}.${last}`,
    hint: `See the full log with \`docker logs ${containerName}\`; a bad configuration or an image that doesn't fit (CCMON_IMAGE_${name.toUpperCase()}) are the usual causes.`,
  };
}

/** A stable key of a status, to emit 'stack:status' only when something changed. */
export function statusKey(s: StackStatus): string {
  return JSON.stringify(s);
}

export function allReady(s: StackStatus): boolean {
  return s.engine.reachable && s.services.length > 0 && s.services.every((x) => x.state === 'running' && x.ready);
}

/** Docker log frames from a non-TTY container are multiplexed: 8-byte header per frame. */
export function demuxLogs(buf: Buffer): string {
  const out: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 0 || buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0 && buf[i + 2] === 0 && buf[i + 3] === 0) {
    const len = buf.readUInt32BE(i + 4);
    out.push(buf.subarray(i + 8, i + 8 + len));
    i += 8 + len;
  }
  if (i === 0) return buf.toString('utf8');
  return Buffer.concat(out).toString('utf8');
}
