/**
 * The domain's small vocabularies, defined once (no dependencies: the sandboxed preload and the
 * renderer bundle import this too). Zod schemas, the contract, the CLI's flags and the UI's choices
 * are all built from these lists, so a new shell or range is added in one place.
 */

/** Where Claude Code's telemetry reaches the stack: OTLP push (recommended) or the :9464 scrape. */
export const telemetryModes = ['push', 'scrape'] as const;
export type TelemetryMode = (typeof telemetryModes)[number];

/** Shells an env-var snippet is written for; `json` is the `env` object of Claude Code's settings.json. */
export const shells = ['bash', 'zsh', 'fish', 'powershell', 'cmd', 'json'] as const;
export type Shell = (typeof shells)[number];

/** The chart ranges of the window and of the Grafana links. */
export const chartRanges = ['24h', '7d', '30d'] as const;
export type ChartRange = (typeof chartRanges)[number];

/** Whose usage a view shows on a shared backend: this machine's Claude Code identity, or everyone's. */
export const scopes = ['me', 'all'] as const;
export type Scope = (typeof scopes)[number];

/** The services of the monitoring stack. */
export const serviceNames = ['prometheus', 'loki', 'grafana'] as const;
export type ServiceName = (typeof serviceNames)[number];

export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
