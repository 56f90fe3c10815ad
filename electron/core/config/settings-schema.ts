import { z } from 'zod';
import { telemetryModes } from '../api/domain.js';
import { baseUrlProblem } from './base-url.js';
import { attributeRule, headerRule, localPrometheusUrl, type PairRule } from './backend-rules.js';
import { projectRecordings } from '../projects/recording.js';

/** Where Claude Code's telemetry reaches the stack: OTLP push (recommended) or the :9464 scrape. */
export const telemetryModeSchema = z.enum(telemetryModes);
export type { TelemetryMode } from '../api/domain.js';

/**
 * A base URL the app appends API paths to: http(s), no query or fragment (they would end up in the
 * middle of every request's path), and no credentials (those belong in the auth settings, never in a URL).
 */
export const httpUrl = z.string().superRefine((u, ctx) => {
  const problem = baseUrlProblem(u);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** name=value pairs a backend setting holds (headers, resource attributes), by their rule. */
const pairs = (rule: PairRule) => z.record(z.string().regex(rule.name), z.string().max(rule.maxValue).regex(rule.value, rule.valueRule)).default({});

/** Optional credentials for a Prometheus behind a proxy (team backends). */
export const prometheusAuthSchema = z
  .object({
    bearerToken: z.string().min(1).optional(),
    basic: z.object({ username: z.string(), password: z.string() }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/**
 * Where the app reads and Claude Code pushes, beyond the URLs: the local stack (default) or a shared
 * backend (VictoriaMetrics, Mimir, Thanos, Grafana Cloud) with its headers, auth kind, CA and the
 * resource attributes every push carries. Secrets (a bearer token, a basic-auth password) are never
 * here: they live in the OS keychain (the tray) or a 0600 file (the CLI), or come from CCMON_BEARER_TOKEN.
 */
export const backendSchema = z
  .object({
    kind: z.enum(['local', 'remote']).default('local'),
    name: z.string().max(80).default(''),
    /** Sent with every read and push, e.g. `X-Scope-OrgID` for Mimir. Not for secrets (backend-rules.ts). */
    headers: pairs(headerRule),
    auth: z.enum(['none', 'bearer', 'basic']).default('none'),
    basicUsername: z.string().max(256).default(''),
    /** A PEM file of the CA that signed the backend's certificate (verification stays on). */
    caFile: z.string().max(4096).nullable().default(null),
    /** Added to OTEL_RESOURCE_ATTRIBUTES (team, cost_center...); host.name is always there for a shared backend. */
    resourceAttributes: pairs(attributeRule),
    /** Where Claude Code's events go on a shared backend (a Loki's base URL); null: no events are sent. */
    lokiUrl: httpUrl.nullable().default(null),
    /** Who "me" is (an email), where Claude Code's own identity is not enough. */
    identity: z.string().max(256).nullable().default(null),
  })
  .strict();
export type BackendSettings = z.infer<typeof backendSchema>;

/** The app's settings, shared by the tray app (electron-store), the CLI and web mode. */
export const settingsSchema = z
  .object({
    prometheusUrl: httpUrl.default(localPrometheusUrl),
    grafanaUrl: httpUrl.default('http://127.0.0.1:3001'),
    lokiUrl: httpUrl.default('http://127.0.0.1:3100'),
    exporterUrl: httpUrl.default('http://127.0.0.1:9464/metrics'),
    /** Where Claude Code and ccmon push OTLP metrics; null: the stack Prometheus's OTLP receiver (endpoints.ts). */
    otlpMetricsUrl: httpUrl.nullable().default(null),
    prometheusAuth: prometheusAuthSchema.optional(),
    refreshIntervalSeconds: z.number().int().min(2).max(3600).default(15),
    telemetryMode: telemetryModeSchema.default('push'),
    dailyBudgetUsd: z.number().positive().nullable().default(null),
    monthlyBudgetUsd: z.number().positive().nullable().default(null),
    stopStackOnQuit: z.boolean().default(false),
    launchAtLogin: z.boolean().default(false),
    /** Plan-limit usage (percent) at which the tray notifies, once per window. */
    planAlertPercents: z.array(z.number().min(1).max(100)).max(5).default([80, 95]),
    backend: backendSchema.default(backendSchema.parse({})),
    /** How the hooks record a session's project: its name, a hash of it, or not at all. */
    projectRecording: z.enum(projectRecordings).default('name'),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type PrometheusAuth = z.infer<typeof prometheusAuthSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

const settingKeys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/**
 * Validates settings field by field, so one bad value costs only that value: the valid ones are kept,
 * each invalid one named with its value and what is wrong with it. Unknown keys are ignored. Pure.
 */
export function validateFields(data: Readonly<Record<string, unknown>>): { settings: Settings; invalid: Array<{ key: keyof Settings; description: string }> } {
  const candidate: Record<string, unknown> = {};
  const invalid: Array<{ key: keyof Settings; description: string }> = [];
  for (const key of settingKeys) {
    if (!(key in data)) continue;
    const field = settingsSchema.shape[key].safeParse(data[key]);
    if (field.success) candidate[key] = field.data;
    else invalid.push({ key, description: `${key} (${JSON.stringify(data[key])?.slice(0, 80)}: ${field.error.issues[0]?.message ?? 'invalid'})` });
  }
  return { settings: settingsSchema.parse(candidate), invalid };
}
