import type { PrometheusClient } from '../prometheus/client.js';
import { collectionLabels, metricSelector, rulesHeartbeat, snapshotRules, type SnapshotMetric } from '../telemetry/metrics.js';
import { exactWindowTotal, labelKey } from './exact-total.js';
import {
  baselineExpr,
  distinctSessionsExpr,
  exactAlternation,
  groupedTotalExpr,
  rawSamplesExpr,
  resetSeriesExpr,
  resumedSessionsExpr,
  rulesCoverExpr,
  snapshotDistinctSessionsExpr,
  snapshotGroupedTotalExpr,
  snapshotMinWindowMs,
  snapshotFlaggedSessionsExpr,
  type WindowSpec,
} from './promql.js';

export interface GroupedTotal {
  labels: Record<string, string>;
  value: number;
}

/** Whether our snapshot recording rules ran throughout a window (memoized per window for one summary). */
export class RulesCoverage {
  private readonly cache = new Map<string, Promise<boolean>>();
  /** `enabled: false` always reads raw samples (CCMON_SUMMARY_RULES=off), to compare or to rule out the rules. */
  constructor(
    private readonly client: PrometheusClient,
    private readonly enabled = true,
  ) {}

  covers(w: WindowSpec): Promise<boolean> {
    if (!this.enabled || w.until.getTime() - w.since.getTime() < snapshotMinWindowMs) return Promise.resolve(false);
    const key = `${w.since.getTime()}-${w.until.getTime()}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.client.query(rulesCoverExpr(rulesHeartbeat, w), w.until).then((r) => r.length > 0);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/**
 * What a Claude Code counter added inside the window, summed by `groupBy` labels, equal to what
 * Claude Code reported. Series without a reset are totalled by Prometheus (from our snapshot rules when
 * they cover the window, else from raw samples); series with a reset (a resumed session) are totalled
 * exactly here from their raw samples.
 */
export async function windowTotals(
  client: PrometheusClient,
  metric: SnapshotMetric,
  w: WindowSpec,
  groupBy: readonly string[],
  coverage: RulesCoverage,
): Promise<GroupedTotal[]> {
  const selector = (extra?: string): string => metricSelector(metric, extra);
  const useRules = await coverage.covers(w);
  let grouped: Array<{ metric: Record<string, string>; value: number }>;
  let exact: Promise<GroupedTotal[]> | undefined;
  if (useRules) {
    const flagged = snapshotFlaggedSessionsExpr(
      snapshotRules[metric],
      metricSelector('sessionCount', 'start_type="resume"'),
      `${snapshotRules.sessionCount}{start_type="resume"}`,
      w,
    );
    const [rows, flaggedSessions] = await Promise.all([
      client.query(snapshotGroupedTotalExpr(selector(), snapshotRules[metric], flagged, w, groupBy), w.until),
      client.query(flagged, w.until),
    ]);
    grouped = rows;
    const sessions = flaggedSessions.map((s) => s.metric.session_id ?? '');
    if (sessions.length > 0) exact = exactTotalsFromRaw(client, selector, w, sessions, () => true);
  } else {
    const resumed = resumedSessionsExpr(metricSelector('sessionCount', 'start_type="resume"'), w);
    const [rows, resetSeries, resumedSessions] = await Promise.all([
      client.query(groupedTotalExpr(selector(), w, groupBy, resumed), w.until),
      client.query(resetSeriesExpr(selector(), w), w.until),
      client.query(resumed, w.until),
    ]);
    grouped = rows;
    const whole = new Set(resumedSessions.map((s) => s.metric.session_id ?? ''));
    const resetSeriesOutsideThem = resetSeries.filter((s) => !whole.has(s.metric.session_id ?? ''));
    if (whole.size > 0 || resetSeriesOutsideThem.length > 0) {
      const wanted = new Set(resetSeriesOutsideThem.map((s) => labelKey(s.metric, ['__name__'])));
      const sessions = [...whole, ...resetSeriesOutsideThem.map((s) => s.metric.session_id ?? '')];
      exact = exactTotalsFromRaw(client, selector, w, sessions, (labels) => whole.has(labels.session_id ?? '') || wanted.has(labelKey(labels, ['__name__'])));
    }
  }
  const totals = new Map<string, GroupedTotal>();
  const add = (labels: Record<string, string>, value: number): void => {
    const picked = Object.fromEntries(groupBy.map((g) => [g, labels[g] ?? '']));
    const key = labelKey(picked);
    const entry = totals.get(key);
    if (entry) entry.value += value;
    else totals.set(key, { labels: picked, value });
  };
  for (const sample of grouped) add(sample.metric, sample.value);
  if (exact) for (const { labels, value } of await exact) add(labels, value);
  return [...totals.values()];
}

/** Distinct sessions with at least one sample in the window. */
export async function distinctSessions(client: PrometheusClient, w: WindowSpec, coverage: RulesCoverage): Promise<number> {
  const metrics: SnapshotMetric[] = ['sessionCount', 'cost'];
  const expr = (await coverage.covers(w))
    ? snapshotDistinctSessionsExpr(metrics.map((m) => [metricSelector(m), snapshotRules[m]] as const), w)
    : distinctSessionsExpr(metrics.map((m) => metricSelector(m)), w);
  const result = await client.query(expr, w.until);
  return result[0]?.value ?? 0;
}

/** Exact window totals, from raw samples, of the chosen series of the given sessions. */
async function exactTotalsFromRaw(
  client: PrometheusClient,
  selector: (extra?: string) => string,
  w: WindowSpec,
  sessionIds: string[],
  include: (labels: Record<string, string>) => boolean,
): Promise<GroupedTotal[]> {
  const sessions = [...new Set(sessionIds)];
  const narrowed = selector(`session_id=~"${exactAlternation(sessions)}"`);
  const [raw, baselines] = await Promise.all([
    client.querySamples(rawSamplesExpr(narrowed, w), w.until),
    client.query(baselineExpr(narrowed, w), w.until),
  ]);
  const baselineOf = new Map(baselines.map((b) => [labelKey(b.metric, ['__name__']), b.value]));
  const sinceSeconds = w.since.getTime() / 1000;
  // The same usage collected twice (job/instance differ) counts once: keep the larger total.
  const deduped = new Map<string, GroupedTotal>();
  for (const s of raw) {
    const key = labelKey(s.metric, ['__name__']);
    if (!include(s.metric)) continue;
    const value = exactWindowTotal(s.values, sinceSeconds, baselineOf.has(key));
    const dedupeKey = labelKey(s.metric, ['__name__', ...collectionLabels]);
    const existing = deduped.get(dedupeKey);
    if (!existing || existing.value < value) deduped.set(dedupeKey, { labels: s.metric, value });
  }
  return [...deduped.values()];
}
