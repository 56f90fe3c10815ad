import { collectionLabels, sessionLabels } from '../telemetry/metrics.js';

/** What a session's series all carry: its id and whose and where it is (so a session with no cost yet is still someone's). */
const sessionKeys = sessionLabels.join(', ');

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
const lookbackMs = 5 * 60 * 1000;

export interface WindowSpec {
  since: Date;
  until: Date;
}

const at = (d: Date): string => (d.getTime() / 1000).toFixed(3);
const range = (ms: number): string => `${Math.max(1, Math.round(ms))}ms`;

/** The last raw value of each series in the window (name dropped). */
function lastInWindowExpr(selector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `last_over_time(${selector}[${range(windowMs)}] @ ${at(w.until)})`;
}

/**
 * Σ over series of (last value in the window − value at its start), in one pass over the data: the
 * last values summed, minus the baselines, each series' baseline counted only when the series was alive at
 * the start (staleness honoured) and sampled again soon after it. A series without a baseline started
 * inside the window, so its whole last value counts: its first value too, which `increase()` drops.
 * Both sides are deduplicated (the same usage collected twice, scraped and pushed, counts once) and the
 * baselines enter the sum negated under a label of their own, so the costly `last` side runs once.
 * Valid for series whose values never fell in (start − lookback, end]: the caller leaves out the
 * flagged sessions (resets, resumes) and totals those exactly from raw samples.
 */
function windowTotalExpr(last: string, raw: string, w: WindowSpec, groupBy: readonly string[]): string {
  const early = new Date(w.since.getTime() + lookbackMs);
  const dedupe = (e: string): string => `max without (${collectionLabels.join(', ')}) (${e})`;
  const base = `(${raw} @ ${at(w.since)}) and last_over_time(${raw}[${range(lookbackMs)}] @ ${at(early)})`;
  return `sum by (${groupBy.join(', ')}) (${dedupe(last)} or label_replace(-(${dedupe(base)}), "ccmon_part", "baseline", "", ""))`;
}

/**
 * Sessions Claude Code reported as resumed (`start_type` other than "fresh" on its session counter: resume, continue) with a sample
 * in the window or just before it: their new process counts from zero, which a value that keeps
 * growing can hide, so they are totalled from raw samples with process boundaries in mind.
 */
export function resumedSessionsExpr(resumeSelector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `last_over_time(${resumeSelector}[${range(windowMs + lookbackMs)}] @ ${at(w.until)})`;
}

/** Series whose value fell between the baseline sample and the end of the window. */
export function resetSeriesExpr(selector: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `resets(${selector}[${range(windowMs + lookbackMs)}] @ ${at(w.until)}) > 0`;
}

/** Window totals from raw samples, summed by `groupBy` (the selector leaves out the flagged sessions). */
export function groupedTotalExpr(selector: string, w: WindowSpec, groupBy: readonly string[]): string {
  return windowTotalExpr(lastInWindowExpr(selector, w), selector, w, groupBy);
}

/**
 * Sessions to total exactly from raw samples: a value fell in one of their series (a reset), or Claude
 * Code reported them resumed. `resetExprs` are `resets(...) > 0` expressions (raw or snapshot series).
 */
export function flaggedSessionsExpr(resetExprs: readonly string[], resumedExprs: readonly string[]): string {
  return `group by (session_id) (${[...resetExprs.map((e) => `(${e})`), ...resumedExprs].join(' or ')})`;
}

/** One row per `session_id` with at least one sample in the window, across the given selectors. */
export function sessionIdsExpr(selectors: readonly string[], w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return selectors.map((s) => `group by (${sessionKeys}) (last_over_time(${s}[${range(windowMs)}] @ ${at(w.until)}))`).join(' or ');
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

/** Snapshot rules are evaluated every minute; a window must be this long for them to pay off. */
export const snapshotMinWindowMs = 15 * 60 * 1000;
/** How far back the raw series is read at the end of the window (snapshots lag up to a minute). */
const rawTailMs = 3 * 60 * 1000;

/**
 * The rules cover the window when their heartbeat missed at most a few evaluations in it (the snapshots'
 * 5-minute lookback bridges those) and ran within the last two minutes. Non-empty when covered.
 */
export function rulesCoverExpr(heartbeat: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  const expected = Math.floor(windowMs / 60_000);
  return `(count_over_time(${heartbeat}[${range(windowMs)}] @ ${at(w.until)}) >= ${Math.max(1, expected - 3)}) and on() (count_over_time(${heartbeat}[2m] @ ${at(w.until)}) > 0)`;
}

/**
 * The last value of each series in the window, read from the snapshots instead of every raw sample: raw
 * for the last minutes (snapshots lag), snapshots taken more than 5 minutes after the start (their
 * lookback lies inside the window), raw for the first 5 minutes.
 */
function snapshotLastExpr(raw: string, snapshot: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  const early = new Date(w.since.getTime() + lookbackMs);
  return (
    `(last_over_time(${raw}[${range(rawTailMs)}] @ ${at(w.until)})` +
    ` or last_over_time(${snapshot}[${range(windowMs - lookbackMs)}] @ ${at(w.until)})` +
    ` or last_over_time(${raw}[${range(lookbackMs)}] @ ${at(early)}))`
  );
}

/** Series whose snapshots fell inside the window (a reset). */
export function snapshotResetExpr(snapshot: string, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  return `resets(${snapshot}[${range(windowMs + lookbackMs)}] @ ${at(w.until)}) > 0`;
}

/** Sessions reported resumed, from their snapshots and, for the last minutes, the raw series. */
export function snapshotResumedExprs(resumeRaw: string, resumeSnapshot: string, w: WindowSpec): string[] {
  const windowMs = w.until.getTime() - w.since.getTime();
  return [`last_over_time(${resumeSnapshot}[${range(windowMs + lookbackMs)}] @ ${at(w.until)})`, `last_over_time(${resumeRaw}[${range(rawTailMs)}] @ ${at(w.until)})`];
}

/** Window totals from snapshots, summed by `groupBy` (the selectors leave out the flagged sessions). */
export function snapshotGroupedTotalExpr(raw: string, snapshot: string, w: WindowSpec, groupBy: readonly string[]): string {
  return windowTotalExpr(snapshotLastExpr(raw, snapshot, w), raw, w, groupBy);
}

/** Sessions with a sample in the window, read from snapshots as above; `pairs` are [raw, snapshot]. */
export function snapshotSessionIdsExpr(pairs: ReadonlyArray<readonly [string, string]>, w: WindowSpec): string {
  const windowMs = w.until.getTime() - w.since.getTime();
  const early = new Date(w.since.getTime() + lookbackMs);
  return pairs
    .map(
      ([raw, snapshot]) =>
        `group by (${sessionKeys}) (last_over_time(${raw}[${range(rawTailMs)}] @ ${at(w.until)})` +
        ` or last_over_time(${snapshot}[${range(windowMs - lookbackMs)}] @ ${at(w.until)})` +
        ` or last_over_time(${raw}[${range(lookbackMs)}] @ ${at(early)}))`,
    )
    .join(' or ');
}
