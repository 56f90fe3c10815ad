import type { InstantSample, RangeSeries } from '../prometheus/client.js';
import { collectionLabels, metricOfName, type ClaudeMetric } from '../telemetry/metrics.js';
import { isResumedStart, labelKey, restartGapOf, resumedProcessStarts, sampleIncrease } from './exact-total.js';

/**
 * Carries a summary forward from the moment it was computed: what every counter series added since,
 * sample by sample, with the same rules as the one-shot summary (exact-total.ts):
 *   - a series seen before continues from its last value; one never seen counts its first value in full;
 *   - a value that falls is a new process (a resumed session) counting from zero;
 *   - in a session that resumed (Claude Code said so, or a value fell) a pause far longer than the
 *     series' usual spacing is a new process too.
 * Pure: the caller fetches the raw samples (see live-summary.ts). Samples newer than the horizon are
 * counted in the answer but not committed, so samples still on their way when asked (a scrape being
 * written, a push in flight) are read again next time. The samples the ledger already committed are
 * asked for again too (the overlap): if Prometheus no longer answers with them, its data changed
 * under us (purged, backfilled, late samples) and the caller must start over from a full summary.
 */

/** What one series (one collection of it: `job`/`instance` kept) added since the seed. */
export interface SeriesUsage {
  metric: ClaudeMetric;
  labels: Record<string, string>;
  total: number;
}

export interface LedgerSeed {
  /** Epoch seconds: the base summary counted every sample at or before this. */
  at: number;
  /** The last value at or before `at` of every series the base summary read (their times are not needed). */
  lastValues: readonly InstantSample[];
  /** Raw samples of the overlap before `at`: exact times for the series that were recently alive. */
  recent: readonly RangeSeries[];
  flaggedSessions: Iterable<string>;
  sessions: Iterable<string>;
}

/** Everything a ledger knows, as plain data (to carry a summary forward across processes). */
export interface LedgerSnapshot {
  settledAt: number;
  overlapSeconds: number;
  series: Array<{ metric: ClaudeMetric; labels: Record<string, string>; last: [number, number]; total: number }>;
  flagged: string[];
  sessions: string[];
}

export type LedgerAnswer =
  /** `sessions`: every session counted so far, with the labels of its series that say whose and where. */
  | { ok: true; usage: SeriesUsage[]; sessions: ReadonlyMap<string, Readonly<Record<string, string>>> }
  | { ok: false; reason: string };

interface SeriesState {
  metric: ClaudeMetric;
  labels: Record<string, string>;
  /** Its labels without job/instance: collections of the same usage share it. */
  usageKey: string;
  last: readonly [number, number];
  /** Seconds between its last two committed samples, when both times are known: its export spacing. */
  spacing?: number;
  /** Committed increments since the seed. */
  total: number;
}

/** Metrics whose samples mark a session as active (as the one-shot summary counts sessions). */
const sessionMetrics: ReadonlySet<ClaudeMetric> = new Set(['sessionCount', 'cost']);

export class UsageLedger {
  /** Epoch seconds up to which every sample is committed. */
  settledAt: number;
  private readonly series = new Map<string, SeriesState>();
  private readonly flagged: Set<string>;
  private readonly sessions: Set<string>;
  /** Per session, when its resumed processes began (seen so far): a series a process writes only later restarts there too. */
  private readonly starts = new Map<string, number[]>();

  constructor(
    seed: LedgerSeed,
    /** How far before `settledAt` each batch of samples starts. */
    readonly overlapSeconds: number,
  ) {
    this.settledAt = seed.at;
    this.flagged = new Set(seed.flaggedSessions);
    this.sessions = new Set(seed.sessions);
    // Last values are known for every series; their times only for those sampled within the overlap.
    // An older series gets a time before the overlap: a pause, as far as the restart rule is concerned.
    const unknownTime = 0;
    for (const s of seed.lastValues) this.track(s.metric, [unknownTime, s.value]);
    for (const s of seed.recent) {
      const last = s.values.at(-1);
      if (last && last[0] <= seed.at) this.track(s.metric, last);
    }
  }

  snapshot(): LedgerSnapshot {
    return {
      settledAt: this.settledAt,
      overlapSeconds: this.overlapSeconds,
      series: [...this.series.values()].map((s) => ({ metric: s.metric, labels: s.labels, last: [s.last[0], s.last[1]], total: s.total })),
      flagged: [...this.flagged],
      sessions: [...this.sessions],
    };
  }

  static restore(snapshot: LedgerSnapshot): UsageLedger {
    const ledger = new UsageLedger({ at: snapshot.settledAt, lastValues: [], recent: [], flaggedSessions: snapshot.flagged, sessions: snapshot.sessions }, snapshot.overlapSeconds);
    for (const s of snapshot.series) ledger.track(s.labels, s.last, s.total);
    return ledger;
  }

  /**
   * Counts `batch`: raw samples of every tracked metric from `settledAt - overlapSeconds` to now.
   * Commits the samples at or before `horizon`; the rest count in this answer only.
   */
  advance(batch: readonly RangeSeries[], horizon: number): LedgerAnswer {
    const keyed = batch.flatMap((s) => {
      const metric = metricOfName(s.metric.__name__ ?? '');
      return metric ? [{ s, metric, key: labelKey(s.metric) }] : [];
    });
    const changed = this.changedSinceCounted(keyed);
    if (changed) return { ok: false, reason: `the samples of ${changed.key} up to ${new Date(this.settledAt * 1000).toISOString()} ${changed.what}` };
    this.flagResumed(keyed);
    const starts = this.processStarts(keyed);
    const pending = new Map<string, SeriesUsage>();
    const sessions = new Set(this.sessions);
    for (const { s, metric, key } of keyed) {
      const session = s.metric.session_id ?? '';
      const restartGap = this.flagged.has(session) ? this.restartGap(key, s.values) : Infinity;
      let previous = this.series.get(key)?.last;
      let uncommitted = 0;
      for (const sample of s.values) {
        if (sample[0] <= this.settledAt) continue;
        if (sessionMetrics.has(metric)) sessions.add(session);
        const added = sampleIncrease(previous, sample, restartGap, starts.get(session));
        previous = sample;
        if (sample[0] <= horizon) {
          this.track(s.metric, sample, added);
          if (sessionMetrics.has(metric)) this.sessions.add(session);
        } else uncommitted += added;
      }
      if (uncommitted !== 0) pending.set(key, { metric, labels: s.metric, total: uncommitted });
    }
    this.settledAt = Math.max(this.settledAt, horizon);
    const labels = this.sessionLabels(keyed);
    return { ok: true, usage: this.usage(pending), sessions: new Map([...sessions].map((id) => [id, labels.get(id) ?? {}])) };
  }

  /**
   * A series whose committed samples (those in the overlap) Prometheus no longer answers with as they
   * were counted, and what happened to them; undefined when none. Checked before anything is counted.
   */
  private changedSinceCounted(keyed: ReadonlyArray<{ s: RangeSeries; key: string }>): { key: string; what: string } | undefined {
    const from = this.settledAt - this.overlapSeconds;
    for (const { s, key } of keyed) {
      const state = this.series.get(key);
      const expected = state && state.last[0] > from ? state.last : undefined;
      const lastOld = s.values.filter(([t]) => t > from && t <= this.settledAt).at(-1);
      if (expected ? !lastOld || lastOld[0] !== expected[0] || lastOld[1] !== expected[1] : lastOld) return { key, what: 'changed since they were counted' };
    }
    const seen = new Set(keyed.map(({ key }) => key));
    for (const [key, state] of this.series) if (state.last[0] > from && !seen.has(key)) return { key, what: 'are gone' };
    return undefined;
  }

  /** Whose and where each session is, from the labels of its session counter or cost series (tracked or in `keyed`). */
  private sessionLabels(keyed: ReadonlyArray<{ s: RangeSeries; metric: ClaudeMetric }>): Map<string, Record<string, string>> {
    const labels = new Map<string, Record<string, string>>();
    const note = (metric: ClaudeMetric, l: Record<string, string>): void => {
      if (sessionMetrics.has(metric) && !labels.has(l.session_id ?? '')) labels.set(l.session_id ?? '', l);
    };
    for (const { s, metric } of keyed) note(metric, s.metric);
    for (const state of this.series.values()) note(state.metric, state.labels);
    return labels;
  }

  /** Per session, where a resumed process began (its resumed-session counter), in these samples or before. */
  private processStarts(keyed: ReadonlyArray<{ s: RangeSeries; metric: ClaudeMetric; key: string }>): Map<string, number[]> {
    for (const { s, metric, key } of keyed) {
      if (metric !== 'sessionCount' || !isResumedStart(s.metric.start_type)) continue;
      const session = s.metric.session_id ?? '';
      const fresh = s.values.filter(([t]) => t > this.settledAt);
      const found = resumedProcessStarts(fresh, this.series.get(key)?.last, this.restartGap(key, s.values));
      if (found.length > 0) this.starts.set(session, [...new Set([...(this.starts.get(session) ?? []), ...found])]);
    }
    return this.starts;
  }

  /** The restart rule's pause for a series: from its spacing as committed before and the gaps in `values`. */
  private restartGap(key: string, values: ReadonlyArray<readonly [number, number]>): number {
    const spacing = this.series.get(key)?.spacing;
    const gaps = spacing === undefined ? [] : [spacing];
    for (let i = 1; i < values.length; i++) gaps.push(values[i]![0] - values[i - 1]![0]);
    return restartGapOf(gaps);
  }

  /**
   * Sessions whose new samples show a new process: Claude Code reported them resumed, or a value fell.
   * Known before any sample is counted, so the restart rule applies to all of their series alike.
   */
  private flagResumed(keyed: ReadonlyArray<{ s: RangeSeries; metric: ClaudeMetric; key: string }>): void {
    for (const { s, metric, key } of keyed) {
      const session = s.metric.session_id ?? '';
      if (metric === 'sessionCount' && isResumedStart(s.metric.start_type)) this.flagged.add(session);
      let previous = this.series.get(key)?.last[1];
      for (const [t, v] of s.values) {
        if (t <= this.settledAt) continue;
        if (previous !== undefined && v < previous) this.flagged.add(session);
        previous = v;
      }
    }
  }

  /** Usage since the seed per series, committed plus `pending`, with collections of the same usage counted once. */
  private usage(pending: ReadonlyMap<string, SeriesUsage>): SeriesUsage[] {
    const byUsage = new Map<string, SeriesUsage>();
    // The same usage collected twice (scraped and pushed: job/instance differ) counts once.
    const consider = (u: SeriesUsage, usageKey: string): void => {
      if (u.total === 0) return;
      const existing = byUsage.get(usageKey);
      if (!existing || existing.total < u.total) byUsage.set(usageKey, u);
    };
    for (const [key, state] of this.series) consider({ metric: state.metric, labels: state.labels, total: state.total + (pending.get(key)?.total ?? 0) }, state.usageKey);
    for (const [key, u] of pending) if (!this.series.has(key)) consider(u, labelKey(u.labels, [...collectionLabels]));
    return [...byUsage.values()];
  }

  private track(labels: Record<string, string>, last: readonly [number, number], added = 0): void {
    const metric = metricOfName(labels.__name__ ?? '');
    if (!metric) return;
    const key = labelKey(labels);
    const state = this.series.get(key);
    if (state) {
      if (state.last[0] > 0 && last[0] > state.last[0]) state.spacing = last[0] - state.last[0];
      state.last = last;
      state.total += added;
    } else this.series.set(key, { metric, labels, usageKey: labelKey(labels, [...collectionLabels]), last, total: added });
  }
}
