/**
 * The plan-limit figures as ccmon records them in the backend: three gauges per window, per session
 * that reported them. Several sessions report the same account-wide figures; readers take, per window,
 * the newest observation (`observed_at`), so nothing is doubled and the newest report wins.
 * The names carry no unit the OTLP receivers would append, so they read the same on every engine.
 */
import type { GaugeMetric } from '../otlp/metrics-request.js';
import type { StatusInput } from '../statusline/input.js';

export const planMetrics = {
  usedPercent: 'ccmon_plan_used_percent',
  resetsAt: 'ccmon_plan_resets_at_seconds',
  observedAt: 'ccmon_plan_observed_at_seconds',
} as const;

/** The gauges for one status line report (none without plan limits or a session id). */
export function planGauges(input: StatusInput, nowMs: number, extra: Readonly<Record<string, string>> = {}): GaugeMetric[] {
  if (!input.sessionId) return [];
  const reports = Object.entries(input.rateLimits);
  if (reports.length === 0) return [];
  const attrs = (window: string): Record<string, string> => ({ ...extra, session_id: input.sessionId!, window, ...(input.model.id ? { model: input.model.id } : {}) });
  const points = (value: (r: (typeof reports)[number][1]) => number) => reports.map(([window, r]) => ({ attributes: attrs(window), timeMs: nowMs, value: value(r) }));
  return [
    { name: planMetrics.usedPercent, description: "Share of the plan's limit used in the window, as Claude Code reported it (0-100).", points: points((r) => r.usedPercent) },
    { name: planMetrics.resetsAt, description: 'When the window resets, epoch seconds.', points: points((r) => r.resetsAt) },
    { name: planMetrics.observedAt, description: 'When these figures were reported, epoch seconds (readers keep the newest).', points: points(() => Math.floor(nowMs / 1000)) },
  ];
}

/** What changed since the last push: the figures, not the time. */
export function planFingerprint(input: StatusInput): string {
  return Object.entries(input.rateLimits)
    .map(([w, r]) => `${w}:${r.usedPercent}:${r.resetsAt}`)
    .sort()
    .join('|');
}
