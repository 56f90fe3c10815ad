/** The dashboard variables as label matchers, shared by the PromQL (queries.ts) and the LogQL (logql.ts). Pure. */
import type { ClaudeMetric } from '../telemetry/metrics.js';

/** Metrics that carry a `model` label (the `$model` variable filters only these). */
const MODEL_METRICS: ReadonlySet<ClaudeMetric> = new Set<ClaudeMetric>(['cost', 'tokens', 'linesOfCode']);

export function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matchers that tolerate what Claude Code writes differently in metrics and events (observed, 2.1.197):
 * - user: metrics carry the 64-hex `user.id`, events a 40-character prefix of it. A person known only
 *   by that id is its 40-character prefix (see `withPerson`), which matches both.
 * - model: the cost and token metrics (and api_error events) say `claude-opus-4-8[1m]` where lines of
 *   code and api_request events say `claude-opus-4-8`. The `$model` variable holds names without the
 *   bracketed context suffix, and matches with or without it.
 */
export const MODEL_MATCHER = 'model=~"$model(\\\\[.*\\\\])?"';
export const SESSION_MATCHER = 'session_id=~"$session"';
export const TERMINAL_MATCHER = 'terminal_type=~"$terminal"';
/** `host.name` of OTEL_RESOURCE_ATTRIBUTES (`ccmon env` writes it for a shared backend); All (`.*`) also matches series without it. */
export const MACHINE_MATCHER = 'host_name=~"$machine"';

/**
 * The dashboard variables that are label matchers. `$user` and `$project` are not: a person is the first
 * of three labels a series has, a project is in another series (ccmon's record), so `scope()` applies them.
 */
export function variableMatchers(metric: ClaudeMetric | 'any'): string[] {
  const m = [SESSION_MATCHER, TERMINAL_MATCHER, MACHINE_MATCHER];
  if (metric !== 'any' && MODEL_METRICS.has(metric)) m.push(MODEL_MATCHER);
  return m;
}
