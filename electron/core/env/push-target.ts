/**
 * Where and how Claude Code's pushes go when they go to a shared backend: which machine they say they
 * come from (host.name, and the backend's own resource attributes), the headers that are not secrets,
 * the CA, where events go, and whether credentials are needed (then the headers helper sends them).
 * Pure but for `pushTarget`, which reads this machine's name.
 */
import os from 'node:os';
import type { Settings } from '../config/settings-schema.js';
import { backendKind, type BackendKind } from '../config/backend.js';

export interface PushTarget {
  kind: BackendKind;
  /** OTEL_RESOURCE_ATTRIBUTES of a shared backend: host.name first, then the backend's own (team, cost_center…). */
  resourceAttributes: Record<string, string>;
  /** Headers sent with every push that are not secrets (X-Scope-OrgID…): OTEL_EXPORTER_OTLP_HEADERS. */
  headers: Record<string, string>;
  /** Credentials are needed: Claude Code asks `ccmon otel-headers` for them (its otelHeadersHelper setting). */
  credentials: boolean;
  caFile: string | null;
  /** Where events go on a shared backend; null: none are sent. */
  lokiUrl: string | null;
}

export const hostNameEnvKey = 'CCMON_HOST_NAME';

/**
 * A machine name as a label value both Claude Code and ccmon write the same way: OTEL_RESOURCE_ATTRIBUTES
 * is split at commas and equals signs and not decoded by every reader, so anything beyond
 * letters, digits, dot, dash and underscore becomes a dash.
 */
export const labelSafe = (value: string): string => value.trim().replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 128) || 'unknown';

type PushSettings = Pick<Settings, 'prometheusUrl' | 'backend'>;

export function pushTargetOf(settings: PushSettings, env: NodeJS.ProcessEnv, hostName: string): PushTarget {
  const kind = backendKind(settings, env);
  const backend = settings.backend;
  if (kind === 'local') return { kind, resourceAttributes: {}, headers: {}, credentials: false, caFile: null, lokiUrl: null };
  return {
    kind,
    resourceAttributes: { 'host.name': labelSafe(hostName), ...backend.resourceAttributes },
    headers: { ...backend.headers },
    credentials: backend.auth !== 'none',
    caFile: backend.caFile,
    lokiUrl: backend.lokiUrl,
  };
}

/** This machine's push target: its name is CCMON_HOST_NAME, else the OS's host name. */
export const pushTarget = (settings: PushSettings, env: NodeJS.ProcessEnv = process.env): PushTarget => pushTargetOf(settings, env, env[hostNameEnvKey] || os.hostname());

/** `k1=v1,k2=v2`, the OTel list format (values are label-safe or header values without commas). */
export const otelList = (pairs: Record<string, string>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
