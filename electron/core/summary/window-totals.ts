import type { PrometheusClient } from '../prometheus/client.js';
import { collectionLabels, matchers, metricOfName, metricSelector, metricsSelector, rulesHeartbeat, snapshotSelector, type SnapshotMetric } from '../telemetry/metrics.js';
import { exactWindowTotal, isResumedStart, labelKey, resumedProcessStarts } from './exact-total.js';
import {
  baselineExpr,
  exactAlternation,
  flaggedSessionsExpr,
  groupedTotalExpr,
  rawSamplesExpr,
  resetSeriesExpr,
  resumedSessionsExpr,
  rulesCoverExpr,
  sessionIdsExpr,
  snapshotGroupedTotalExpr,
  snapshotMinWindowMs,
  snapshotResetExpr,
  snapshotResumedExprs,
  snapshotSessionIdsExpr,
  type WindowSpec,
} from './promql.js';

const uniqueMetrics = (metrics: readonly SnapshotMetric[]): SnapshotMetric[] => [...new Set(metrics)];

export interface GroupedTotal {
  labels: Record<string, string>;
  value: number;
}

/**
 * Whether our snapshot recording rules ran throughout a window (memoized for one summary). A window
 * inside one already found covered, ending at the same time, is covered too: it misses no more
 * evaluations and shares the recent heartbeat. Ask for the longest window first to save queries.
 */
export class RulesCoverage {
  private readonly cache = new Map<string, Promise<boolean>>();
  private readonly covered: WindowSpec[] = [];
  /** `enabled: false` always reads raw samples (CCMON_SUMMARY_RULES=off), to compare or to rule out the rules. */
  constructor(
    private readonly client: PrometheusClient,
    private readonly enabled = true,
  ) {}

  covers(w: WindowSpec): Promise<boolean> {
    if (!this.enabled || w.until.getTime() - w.since.getTime() < snapshotMinWindowMs) return Promise.resolve(false);
    if (this.covered.some((c) => c.until.getTime() === w.until.getTime() && c.since.getTime() <= w.since.getTime())) return Promise.resolve(true);
    const key = `${w.since.getTime()}-${w.until.getTime()}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.client.query(rulesCoverExpr(rulesHeartbeat, w), w.until).then((r) => {
        if (r.length > 0) this.covered.push(w);
        return r.length > 0;
      });
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/**
 * What Claude Code's counters added inside one window, equal to what Claude Code reported.
 * Most sessions are totalled by Prometheus (from our snapshot rules when they cover the window, else
 * from raw samples). Sessions that resumed or whose values fell (a counter reset) are "flagged" once per
 * window and totalled here, exactly, from their raw samples; the other queries leave them out.
 */
export class WindowCounter {
  private readonly rules: Promise<boolean>;
  private readonly flagged: Promise<string[]>;
  private exact: Promise<Map<SnapshotMetric, GroupedTotal[]>> | undefined;
  private readonly memo = new Map<string, Promise<GroupedTotal[]>>();

  constructor(
    private readonly client: PrometheusClient,
    private readonly w: WindowSpec,
    /** Every metric this window will be asked for: reset detection covers exactly these. */
    private readonly metrics: readonly SnapshotMetric[],
    coverage: RulesCoverage,
    /** Label matchers every selector of this window carries (a scope: `user_id="…"`); empty: everything. */
    private readonly scope = '',
  ) {
    this.rules = coverage.covers(w);
    this.flagged = this.rules.then((rules) => this.findFlagged(rules));
  }

  /** Totals of one metric, summed by `groupBy` labels. */
  totals(metric: SnapshotMetric, groupBy: readonly string[]): Promise<GroupedTotal[]> {
    const key = `${metric}:${groupBy.join(',')}`;
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.computeTotals(metric, groupBy);
      this.memo.set(key, hit);
    }
    return hit;
  }

  private async computeTotals(metric: SnapshotMetric, groupBy: readonly string[]): Promise<GroupedTotal[]> {
    const [rules, flagged] = await Promise.all([this.rules, this.flagged]);
    const exclude = flagged.length > 0 ? `session_id!~"${exactAlternation(flagged)}"` : '';
    const raw = metricSelector(metric, matchers(exclude, this.scope));
    const expr = rules ? snapshotGroupedTotalExpr(raw, snapshotSelector(metric, matchers(exclude, this.scope)), this.w, groupBy) : groupedTotalExpr(raw, this.w, groupBy);
    const [grouped, exact] = await Promise.all([this.client.query(expr, this.w.until), flagged.length > 0 ? this.exactTotals(flagged) : undefined]);
    const totals = new Map<string, GroupedTotal>();
    const add = (labels: Record<string, string>, value: number): void => {
      const picked = Object.fromEntries(groupBy.map((g) => [g, labels[g] ?? '']));
      const key = labelKey(picked);
      const entry = totals.get(key);
      if (entry) entry.value += value;
      else totals.set(key, { labels: picked, value });
    };
    for (const sample of grouped) add(sample.metric, sample.value);
    for (const row of exact?.get(metric) ?? []) add(row.labels, row.value);
    return [...totals.values()];
  }

  /** The sessions with at least one sample in the window (session counter or cost), sorted, each with the labels that say whose and where. */
  async sessions(): Promise<Map<string, Record<string, string>>> {
    const metrics: SnapshotMetric[] = ['sessionCount', 'cost'];
    const expr = (await this.rules)
      ? snapshotSessionIdsExpr(metrics.map((m) => [metricSelector(m, this.scope), snapshotSelector(m, this.scope)] as const), this.w)
      : sessionIdsExpr(metrics.map((m) => metricSelector(m, this.scope)), this.w);
    const rows = await this.client.query(expr, this.w.until);
    const sessions = new Map<string, Record<string, string>>();
    for (const r of [...rows].sort((a, b) => (a.metric.session_id ?? '').localeCompare(b.metric.session_id ?? ''))) {
      const id = r.metric.session_id ?? '';
      sessions.set(id, { ...r.metric, ...sessions.get(id) });
    }
    return sessions;
  }

  /** Sessions totalled exactly from raw samples in this window: they resumed, or a value fell. */
  flaggedSessions(): Promise<string[]> {
    return this.flagged;
  }

  private async findFlagged(rules: boolean): Promise<string[]> {
    const resumed = matchers('start_type!~"fresh|"', this.scope);
    const resumeRaw = metricSelector('sessionCount', resumed);
    const expr = rules
      ? flaggedSessionsExpr(
          this.metrics.map((m) => snapshotResetExpr(snapshotSelector(m, this.scope), this.w)),
          snapshotResumedExprs(resumeRaw, snapshotSelector('sessionCount', resumed), this.w),
        )
      : flaggedSessionsExpr(
          this.metrics.map((m) => resetSeriesExpr(metricSelector(m, this.scope), this.w)),
          [resumedSessionsExpr(resumeRaw, this.w)],
        );
    const rows = await this.client.query(expr, this.w.until);
    return rows.map((r) => r.metric.session_id ?? '').sort();
  }

  /** Exact totals of every series of the flagged sessions, per metric, from one raw query for all of them. */
  private exactTotals(flagged: string[]): Promise<Map<SnapshotMetric, GroupedTotal[]>> {
    this.exact ??= (async () => {
      // The session counters come too: a resumed process's start is where its session's series restart.
      const selector = metricsSelector(uniqueMetrics([...this.metrics, 'sessionCount']), matchers(`session_id=~"${exactAlternation(flagged)}"`, this.scope));
      const [raw, baselines] = await Promise.all([
        this.client.querySamples(rawSamplesExpr(selector, this.w), this.w.until),
        this.client.query(baselineExpr(selector, this.w), this.w.until),
      ]);
      const alive = new Set(baselines.map((b) => labelKey(b.metric)));
      const sinceSeconds = this.w.since.getTime() / 1000;
      const starts = new Map<string, number[]>();
      for (const s of raw) {
        if (metricOfName(s.metric.__name__ ?? '') !== 'sessionCount' || !isResumedStart(s.metric.start_type)) continue;
        const session = s.metric.session_id ?? '';
        starts.set(session, [...(starts.get(session) ?? []), ...resumedProcessStarts(s.values)]);
      }
      // The same usage collected twice (job/instance differ) counts once: keep the larger total.
      const deduped = new Map<string, { metric: SnapshotMetric; row: GroupedTotal }>();
      for (const s of raw) {
        const metric = metricOfName(s.metric.__name__ ?? '') as SnapshotMetric | undefined;
        if (!metric || !this.metrics.includes(metric)) continue;
        const value = exactWindowTotal(s.values, sinceSeconds, alive.has(labelKey(s.metric)), starts.get(s.metric.session_id ?? ''));
        const key = `${metric}|${labelKey(s.metric, ['__name__', ...collectionLabels])}`;
        const existing = deduped.get(key);
        if (!existing || existing.row.value < value) deduped.set(key, { metric, row: { labels: s.metric, value } });
      }
      const byMetric = new Map<SnapshotMetric, GroupedTotal[]>();
      for (const { metric, row } of deduped.values()) byMetric.set(metric, [...(byMetric.get(metric) ?? []), row]);
      return byMetric;
    })();
    return this.exact;
  }
}
