import { collectionLabels } from '../telemetry/metrics.js';

/**
 * PromQL that counts exactly what Claude Code reported inside a window (S, U], per series:
 *   - a series alive at S (it has a sample at S within the lookback): last value in the window minus its value at S;
 *   - a series that starts inside the window: its last value, so its first value counts too
 *     (`increase()` drops it: it needs two samples and extrapolates);
 *   - a series whose value fell inside the window (a counter reset: the session resumed in a new process)
 *     is left out here and computed exactly from its raw samples, see `exact-total.ts`.
 * The same usage collected twice (scraped and pushed) is counted once: `max without (job, instance)`.
 */

/** Prometheus's default lookback for instant selectors (`--query.lookback-delta`). */
export const lookbackMs = 5 * 60 * 1000;

export interface WindowSpec {
  since: Date;
  until: Date;
}

const at = (d: Date): string => (d.getTime() / 1000).toFixed(3);
const range = (ms: number): string => `${Math.max(1, Math.round(ms))}ms`;

/** Per-series total in the window for series without a reset, labels kept (name dropped). */
export function perSeriesTotalExpr(selector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  const last = `last_over_time(${selector}[${range(windowMs)}] @ ${at(w.until)})`;
  const base = `(${selector} @ ${at(w.since)})`;
  return `(((${last} - ${base}) >= 0) or ${last}) unless (${resetSeriesExpr(selector, w)})`;
}

/** Series whose value fell between the baseline sample and the end of the window. */
export function resetSeriesExpr(selector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `resets(${selector}[${range(windowMs + lookbackMs)}] @ ${at(w.until)}) > 0`;
}

/** Window totals of the series without resets, deduplicated, summed by `groupBy`. */
export function groupedTotalExpr(selector: string, w: WindowSpec, groupBy: readonly string[]): string {
  return `sum by (${groupBy.join(', ')}) (max without (${collectionLabels.join(', ')}) (${perSeriesTotalExpr(selector, w)}))`;
}

/** Distinct `session_id`s with at least one sample in the window, across the given selectors. */
export function distinctSessionsExpr(selectors: readonly string[], w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  const parts = selectors.map((s) => `group by (session_id) (last_over_time(${s}[${range(windowMs)}] @ ${at(w.until)}))`);
  return `count(${parts.join(' or ')})`;
}

/** Raw samples from the baseline lookback to the end of the window, for the series a reset was seen in. */
export function rawSamplesExpr(selector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `${selector}[${range(windowMs + lookbackMs)}] @ ${at(w.until)}`;
}

/** Values at the window's start, honouring staleness: a series absent here started inside the window. */
export function baselineExpr(selector: string, w: WindowSpec): string {
  return `${selector} @ ${at(w.since)}`;
}

/** A regex matcher value that matches exactly these strings. */
export function exactAlternation(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('|');
}
