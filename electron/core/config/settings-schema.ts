import { z } from 'zod';

/** Where Claude Code's telemetry reaches the stack: OTLP push (recommended) or the :9464 scrape. */
export const telemetryModeSchema = z.enum(['push', 'scrape']);
export type TelemetryMode = z.infer<typeof telemetryModeSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });

/** Optional credentials for a Prometheus behind a proxy (team backends). */
export const prometheusAuthSchema = z
  .object({
    bearerToken: z.string().min(1).optional(),
    basic: z.object({ username: z.string(), password: z.string() }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** The app's settings, shared by the tray app (electron-store), the CLI and web mode. */
export const settingsSchema = z
  .object({
    prometheusUrl: httpUrl.default('http://127.0.0.1:9090'),
    grafanaUrl: httpUrl.default('http://127.0.0.1:3001'),
    lokiUrl: httpUrl.default('http://127.0.0.1:3100'),
    exporterUrl: httpUrl.default('http://127.0.0.1:9464/metrics'),
    prometheusAuth: prometheusAuthSchema.optional(),
    refreshIntervalSeconds: z.number().int().min(2).max(3600).default(15),
    telemetryMode: telemetryModeSchema.default('push'),
    dailyBudgetUsd: z.number().positive().nullable().default(null),
    monthlyBudgetUsd: z.number().positive().nullable().default(null),
    stopStackOnQuit: z.boolean().default(false),
    launchAtLogin: z.boolean().default(false),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type PrometheusAuth = z.infer<typeof prometheusAuthSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
