/**
 * The few settings the hot path needs (the status line and the hook: a new process on every message
 * update or session start), read without zod: where to push, where to read, with which credentials.
 * The same precedence as the full resolver (environment > the app's settings file > defaults) and the
 * same URL rule; a value that breaks the rule is skipped (the full CLI and `ccmon doctor` say why).
 *
 * The install record (`ccmon env --apply`'s, named by our command's `--install <id>`) comes between the
 * environment and the settings file: it holds where that apply pointed Claude Code's pushes, so ccmon's
 * own pushes go exactly there. (Claude Code does not hand its settings' `env` to these commands.)
 */
import { readFileSync } from 'node:fs';
import { authHeaders } from './auth-headers.js';
import { baseUrlProblem } from './base-url.js';
import { otlpMetricsEndpoint } from './endpoints.js';
import { settingsEnvKeys } from './env-keys.js';
import { appConfigDir, settingsFilePath } from './paths.js';
import { backendAuth } from './backend.js';
import { localPrometheusUrl } from './backend-rules.js';
import { fileSecretStore } from './secrets.js';
import type { BackendAuth } from './auth-headers.js';
import type { InstallRecord } from '../env/install-record.js';
import { projectRecordings, type ProjectRecording } from '../projects/recording.js';
import { isOneOf } from '../api/domain.js';

export interface HotSettings {
  prometheusUrl: string;
  otlpMetricsUrl: string;
  /** Sent with every read and push (bearer/basic credentials, extra headers). */
  headers: Record<string, string>;
  /** Headers Claude Code itself sends with its pushes (OTEL_EXPORTER_OTLP_HEADERS), added to ours on pushes. */
  otlpHeaders: Record<string, string>;
  /** OTEL_RESOURCE_ATTRIBUTES, as Claude Code's own series carry them (host.name, team...). */
  resourceAttributes: Record<string, string>;
  /** How the hook records a session's project (the settings file's choice; default its name). */
  projectRecording: ProjectRecording;
  /** A shared backend's own CA (its PEM file), trusted beside the public roots. */
  caFile: string | undefined;
}

const defaults = { prometheusUrl: localPrometheusUrl };

function fileSettings(env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(readFileSync(settingsFilePath(env), 'utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const goodUrl = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && baseUrlProblem(v) === null ? v.replace(/\/+$/, '') : undefined);

/** `k1=v1,k2=v2` with percent-encoded values (the OTel spec's format for headers and resource attributes). */
export function parseOtelList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim();
    try {
      out[key] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      out[key] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

export function hotSettings(env: NodeJS.ProcessEnv = process.env, install: Pick<InstallRecord, 'prometheusUrl' | 'otlpMetricsUrl' | 'resourceAttributes' | 'headers'> | null = null): HotSettings {
  const file = fileSettings(env);
  const prometheusUrl = goodUrl(env[settingsEnvKeys.prometheusUrl]) ?? goodUrl(install?.prometheusUrl) ?? goodUrl(file.prometheusUrl) ?? defaults.prometheusUrl;
  const otlp = goodUrl(env[settingsEnvKeys.otlpMetricsUrl]) ?? goodUrl(install?.otlpMetricsUrl) ?? goodUrl(env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) ?? goodUrl(file.otlpMetricsUrl);
  const backend = typeof file.backend === 'object' && file.backend !== null ? (file.backend as Record<string, unknown>) : {};
  const auth = backendAuth(
    {
      prometheusUrl,
      backend: {
        headers: stringMap(backend.headers),
        auth: isOneOf(['none', 'bearer', 'basic'] as const, backend.auth) ? backend.auth : 'none',
        basicUsername: typeof backend.basicUsername === 'string' ? backend.basicUsername : '',
        caFile: typeof backend.caFile === 'string' && backend.caFile ? backend.caFile : null,
      },
      prometheusAuth: legacyAuth(file.prometheusAuth),
    },
    fileSecretStore(appConfigDir(env)).read(),
    env,
  );
  return {
    prometheusUrl,
    otlpMetricsUrl: otlpMetricsEndpoint({ prometheusUrl, otlpMetricsUrl: otlp ?? null }),
    headers: authHeaders(auth),
    // What the apply gave Claude Code's pushes (its settings' env does not reach these commands), else this process' env.
    otlpHeaders: install?.headers ?? parseOtelList(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS || env.OTEL_EXPORTER_OTLP_HEADERS),
    resourceAttributes: install?.resourceAttributes ?? parseOtelList(env.OTEL_RESOURCE_ATTRIBUTES),
    projectRecording: isOneOf(projectRecordings, file.projectRecording) ? file.projectRecording : 'name',
    caFile: auth.caFile,
  };
}

const stringMap = (v: unknown): Record<string, string> | undefined =>
  typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined;

function legacyAuth(v: unknown): BackendAuth | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const a = v as Record<string, unknown>;
  const basic = a.basic as { username?: unknown; password?: unknown } | undefined;
  return {
    ...(typeof a.bearerToken === 'string' ? { bearerToken: a.bearerToken } : {}),
    ...(typeof basic?.username === 'string' && typeof basic.password === 'string' ? { basic: { username: basic.username, password: basic.password } } : {}),
    ...(stringMap(a.headers) ? { headers: stringMap(a.headers) } : {}),
  };
}
