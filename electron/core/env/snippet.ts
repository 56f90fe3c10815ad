/**
 * The environment that makes Claude Code send its telemetry to the stack, and the same variables
 * written for each shell. Pure: everything here is a function of the settings and the choice.
 * What the variables mean and why each is there: docs/telemetry (TELEMETRY.md).
 */
import type { Settings, TelemetryMode } from '../config/settings-schema.js';
import type { EnvSnippet, EnvVars, Shell } from './types.js';
import { joinUrl } from '../config/base-url.js';
import { otlpMetricsEndpoint } from '../config/endpoints.js';
import { AppError } from '../api/error-codes.js';
import { otelList, type PushTarget } from './push-target.js';

export type { EnvSnippet, EnvVars, Shell } from './types.js';
export { shells, telemetryModes } from '../api/domain.js';

/** How often a desktop session exports: fast enough for a live view, cheap enough to forget. */
export const metricExportIntervalMs = 10_000;
export const logsExportIntervalMs = 5_000;

/** Every variable either mode may set: the ones `--revert` and a mode switch may remove. */
export const managedKeys = [
  'CLAUDE_CODE_ENABLE_TELEMETRY',
  'OTEL_METRICS_EXPORTER',
  'OTEL_LOGS_EXPORTER',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL',
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_METRIC_EXPORT_INTERVAL',
  'OTEL_LOGS_EXPORT_INTERVAL',
  'OTEL_EXPORTER_PROMETHEUS_PORT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_RESOURCE_ATTRIBUTES',
  'NODE_EXTRA_CA_CERTS',
] as const;

/** One line a person can read to choose a mode. */
export const modeExplanations: Record<TelemetryMode, string> = {
  push: 'Recommended. Every Claude Code process pushes its metrics (OTLP) to Prometheus and its events to Loki, so concurrent and short sessions all count.',
  scrape:
    "The seed's way. Prometheus scrapes Claude Code's exporter on :9464; only one session at a time can own the port, and sessions shorter than a scrape can be missed. Events still go to Loki.",
};

type EnvSettings = Pick<Settings, 'prometheusUrl' | 'lokiUrl' | 'exporterUrl'> & Partial<Pick<Settings, 'otlpMetricsUrl'>>;

/**
 * The variables for a mode, in the order they are shown. With a shared backend's push target: where
 * the pushes say they come from (OTEL_RESOURCE_ATTRIBUTES), its headers that are not secrets, its CA;
 * events only where it has a Loki. Its credentials are never here (the headers helper sends them).
 */
export function envVars(mode: TelemetryMode, settings: EnvSettings, target?: PushTarget): EnvVars {
  if (target?.kind === 'remote') {
    if (mode !== 'push') throw new AppError('invalid-arguments', 'A shared backend takes pushes only: it cannot scrape the exporter on this machine.', 'Use the push mode (the default) with a shared backend.');
    return remoteEnvVars(settings, target);
  }
  const logs: EnvVars = {
    OTEL_LOGS_EXPORTER: 'otlp',
  };
  if (mode === 'push') {
    return {
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_METRICS_EXPORTER: 'otlp',
      ...logs,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: otlpMetricsEndpoint(settings),
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: joinUrl(settings.lokiUrl, '/otlp/v1/logs'),
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative',
      OTEL_METRIC_EXPORT_INTERVAL: String(metricExportIntervalMs),
      OTEL_LOGS_EXPORT_INTERVAL: String(logsExportIntervalMs),
    };
  }
  const vars: EnvVars = {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_METRICS_EXPORTER: 'prometheus',
    ...logs,
    OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: joinUrl(settings.lokiUrl, '/otlp/v1/logs'),
    OTEL_LOGS_EXPORT_INTERVAL: String(logsExportIntervalMs),
  };
  const port = exporterPort(settings.exporterUrl);
  if (port !== null && port !== 9464) vars.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
  return vars;
}

function remoteEnvVars(settings: EnvSettings, target: PushTarget): EnvVars {
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_METRICS_EXPORTER: 'otlp',
    ...(target.lokiUrl ? { OTEL_LOGS_EXPORTER: 'otlp' } : {}),
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: otlpMetricsEndpoint(settings),
    ...(target.lokiUrl ? { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: joinUrl(target.lokiUrl, '/otlp/v1/logs') } : {}),
    OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative',
    OTEL_METRIC_EXPORT_INTERVAL: String(metricExportIntervalMs),
    ...(target.lokiUrl ? { OTEL_LOGS_EXPORT_INTERVAL: String(logsExportIntervalMs) } : {}),
    ...(Object.keys(target.headers).length ? { OTEL_EXPORTER_OTLP_HEADERS: otelList(target.headers) } : {}),
    OTEL_RESOURCE_ATTRIBUTES: otelList(target.resourceAttributes),
    ...(target.caFile ? { NODE_EXTRA_CA_CERTS: target.caFile } : {}),
  };
}

function exporterPort(url: string): number | null {
  try {
    const u = new URL(url);
    return u.port ? Number(u.port) : null;
  } catch {
    return null;
  }
}

const posixSafe = /^[A-Za-z0-9_@%+=:,./-]+$/;
const posixQuote = (v: string): string => (posixSafe.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
const fishQuote = (v: string): string => (posixSafe.test(v) ? v : `'${v.replace(/[\\']/g, '\\$&')}'`);
const psQuote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

const headers: Record<TelemetryMode, string> = {
  push: 'Claude Code telemetry, pushed to the local stack (Claude Code Monitor)',
  scrape: "Claude Code telemetry, scraped from Claude Code's exporter (Claude Code Monitor)",
};
const remoteHeader = 'Claude Code telemetry, pushed to a shared backend (Claude Code Monitor)';
const credentialsNote = "The backend's credentials are not here: `ccmon env --apply` sets Claude Code's otelHeadersHelper to `ccmon otel-headers`, which sends them.";

/** The variables as text for one shell (or as the settings.json `env` object for `json`). */
export function renderSnippet(shell: Shell, vars: EnvVars, mode: TelemetryMode, target?: PushTarget): string {
  const entries = Object.entries(vars);
  const remote = target?.kind === 'remote';
  const comments = [remote ? remoteHeader : headers[mode], ...(remote && target.credentials ? [credentialsNote] : [])];
  const lines = (mark: string) => comments.map((c) => `${mark} ${c}`);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return [...lines('#'), ...entries.map(([k, v]) => `export ${k}=${posixQuote(v)}`)].join('\n') + '\n';
    case 'fish':
      return [...lines('#'), ...entries.map(([k, v]) => `set -gx ${k} ${fishQuote(v)}`)].join('\n') + '\n';
    case 'powershell':
      return [...lines('#'), ...entries.map(([k, v]) => `$env:${k} = ${psQuote(v)}`)].join('\n') + '\n';
    case 'cmd':
      return [...lines('rem'), ...entries.map(([k, v]) => `set "${k}=${v}"`)].join('\r\n') + '\r\n';
    case 'json':
      return `${JSON.stringify({ env: vars }, null, 2)}\n`;
  }
}

/** Where to put the snippet so new terminals have it. */
export const shellProfiles: Record<Shell, string> = {
  bash: 'Add to ~/.bashrc (or ~/.bash_profile on macOS), then open a new terminal.',
  zsh: 'Add to ~/.zshrc, then open a new terminal.',
  fish: 'Add to ~/.config/fish/config.fish, then open a new terminal.',
  powershell: 'Add to your $PROFILE, then open a new PowerShell window.',
  cmd: 'Applies to this cmd window only; use "Apply to Claude Code settings" to make it stick.',
  json: 'Merge into ~/.claude/settings.json, or let "Apply to Claude Code settings" do it for you.',
};

export function envSnippet(shell: Shell, mode: TelemetryMode, settings: EnvSettings, target?: PushTarget): EnvSnippet {
  const env = envVars(mode, settings, target);
  const explanation = target?.kind === 'remote' ? 'Every Claude Code process pushes its metrics (OTLP) to the shared backend, saying which machine it runs on (host.name).' : modeExplanations[mode];
  return { shell, mode, env, text: renderSnippet(shell, env, mode, target), explanation, where: shellProfiles[shell] };
}
