import type { UsageSummary } from '../api/types.js';
import type { PrometheusClient } from '../prometheus/client.js';
import { metricsSelector, type ClaudeMetric } from '../telemetry/metrics.js';
import { computeSummaryDetailed } from './summary.js';
import { assembleSummary, costGroupBy, summaryParts, tokenGroupBy, type SummaryParts } from './summary-parts.js';
import { startOfLocalDay } from './time-windows.js';
import { UsageLedger, type SeriesUsage } from './usage-ledger.js';
import type { LiveSnapshot, LiveSummaryStore } from './live-summary-store.js';
import type { GroupedTotal } from './window-totals.js';

export interface LiveSummaryOptions {
  /** Read our recording rules in the full summaries (default true). */
  useRules?: boolean | undefined;
  /**
   * Samples younger than this are counted but read again next time (default 30 s: a scrape is written
   * within its 5 s interval, a push arrives within its 10 s one). A sample later still is not lost:
   * counters are cumulative, so the next sample carries it.
   */
  settleSeconds?: number | undefined;
  /** How far behind the committed samples each refresh starts reading, to check them (default 30 s: several samples of a live series). */
  overlapSeconds?: number | undefined;
  /** Longer without a refresh than this, a full summary is cheaper than catching up (default 1 h). */
  maxCatchUpSeconds?: number | undefined;
  /**
   * How often to ask whether Prometheus restarted (default 300 s). A restart may come with other data (a purge
   * starts a new, empty Prometheus), which the overlap check misses when no session was active lately. The
   * question is asked after a refresh, off its path (Prometheus takes longer to answer it than a refresh's
   * query), and its answer acted on by the next refresh.
   */
  restartCheckSeconds?: number | undefined;
  /**
   * Carry the summary across processes (`ccmon summary` run again): the state is loaded before the first
   * refresh and saved after each. A loaded state asks whether Prometheus restarted on its first refresh,
   * on the refresh's path, since nothing is known of what happened while no process held it.
   */
  store?: LiveSummaryStore | undefined;
  /** Label matchers that scope every figure (see SummaryRequest.scope). */
  scope?: string | undefined;
}

/** How the last summary was made: in full, or carried forward from the previous one (and why not). */
export type LiveSummaryMode = { kind: 'full'; reason: string } | { kind: 'incremental' };

interface LiveState {
  ledger: UsageLedger;
  base: UsageSummary;
  day: number;
  /** Prometheus's start time when the base summary was taken, and the latest answer to the restart check. */
  startTime: string | undefined;
  observedStartTime?: string;
  checkedAt: number;
  /** Loaded from the store: whether Prometheus restarted since is not known yet. */
  loaded?: boolean;
}

const ledgerMetrics: readonly ClaudeMetric[] = ['cost', 'tokens', 'linesOfCode', 'commits', 'pullRequests', 'activeTime', 'sessionCount'];

/**
 * Today's summary for hosts that refresh it (the tray, the web page): one full summary, then each
 * refresh reads only the raw samples since the last one (a single query over the newest data) and
 * carries the figures forward with a UsageLedger, which counts exactly as the full summary does.
 * A new local day, a long pause, a restarted Prometheus or data that changed under us (a purge, a
 * backfill, late samples) start over from a full summary. Refreshes are serialized; a failed one leaves the state as it was.
 */
export class LiveSummary {
  private state: LiveState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly settle: number;
  private readonly overlap: number;
  private readonly maxCatchUp: number;
  private readonly restartCheck: number;
  lastMode: LiveSummaryMode = { kind: 'full', reason: 'not started' };

  constructor(
    private readonly client: PrometheusClient,
    private readonly options: LiveSummaryOptions = {},
  ) {
    this.settle = options.settleSeconds ?? 30;
    this.overlap = options.overlapSeconds ?? 30;
    this.maxCatchUp = options.maxCatchUpSeconds ?? 3600;
    this.restartCheck = options.restartCheckSeconds ?? 300;
  }

  /** Today's summary as of `now` (local midnight to now), equal to a full `computeSummary`. */
  summary(now = new Date()): Promise<UsageSummary> {
    const next = this.queue.then(() => this.refresh(now));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(now: Date): Promise<UsageSummary> {
    if (!this.state && this.options.store) this.state = restoreState(await this.options.store.load());
    const summary = await this.advance(now);
    if (this.options.store && this.state) await this.options.store.save(this.snapshot(this.state));
    return summary;
  }

  private async advance(now: Date): Promise<UsageSummary> {
    const seconds = now.getTime() / 1000;
    const state = this.state;
    const reason = !state
      ? 'first summary'
      : state.day !== startOfLocalDay(now).getTime()
        ? 'a new day'
        : seconds < state.ledger.settledAt
          ? 'asked about an earlier time'
          : seconds - state.ledger.settledAt > this.maxCatchUp
            ? 'too long since the last refresh'
            : undefined;
    if (state && !reason) {
      const [samples, startTime] = await Promise.all([this.samplesSince(state.ledger.settledAt, now), state.loaded ? this.client.startTime() : undefined]);
      if (state.loaded) {
        state.loaded = false;
        state.checkedAt = seconds;
        if (startTime !== undefined) state.observedStartTime = startTime;
      }
      if (state.observedStartTime !== undefined && state.observedStartTime !== state.startTime) {
        return this.seed(now, `Prometheus restarted (${state.startTime ?? 'unknown'} -> ${state.observedStartTime ?? 'unknown'})`);
      }
      const answer = state.ledger.advance(samples, seconds - this.settle);
      if (answer.ok) {
        if (seconds - state.checkedAt >= this.restartCheck) {
          state.checkedAt = seconds;
          // A failed answer (undefined) says nothing: only a start time that differs calls for a full summary.
          void this.client.startTime().then((startTime) => {
            if (startTime !== undefined) state.observedStartTime = startTime;
          });
        }
        this.lastMode = { kind: 'incremental' };
        return carryForward(state.base, answer.usage, answer.sessions, now);
      }
      return this.seed(now, answer.reason);
    }
    return this.seed(now, reason ?? 'first summary');
  }

  /** A full summary as of `now - settle`, then carried forward to `now`. */
  private async seed(now: Date, reason: string): Promise<UsageSummary> {
    this.state = undefined;
    const at = new Date(Math.max(startOfLocalDay(now).getTime() + 1, now.getTime() - this.settle * 1000));
    const since = startOfLocalDay(now);
    const selector = metricsSelector(ledgerMetrics, this.options.scope);
    const [startTime, detailed, lastValues, recent] = await Promise.all([
      this.client.startTime(),
      computeSummaryDetailed(this.client, { now: at, useRules: this.options.useRules, scope: this.options.scope }),
      this.client.query(`last_over_time(${selector}[${Math.max(1, at.getTime() - since.getTime())}ms])`, at),
      this.client.querySamples(`${selector}[${this.overlap}s]`, at),
    ]);
    const ledger = new UsageLedger(
      { at: at.getTime() / 1000, lastValues, recent, flaggedSessions: detailed.flaggedSessionIds, sessions: detailed.sessionIds },
      this.overlap,
    );
    const answer = ledger.advance(await this.samplesSince(ledger.settledAt, now), now.getTime() / 1000 - this.settle);
    if (!answer.ok) throw new Error(`Prometheus's data changed while the summary was being computed (${answer.reason}); try again.`);
    this.state = { ledger, base: detailed.summary, day: since.getTime(), startTime, checkedAt: now.getTime() / 1000 };
    this.lastMode = { kind: 'full', reason };
    return carryForward(detailed.summary, answer.usage, answer.sessions, now);
  }

  private snapshot(state: LiveState): LiveSnapshot {
    return {
      version: 2,
      prometheusUrl: this.client.url,
      useRules: this.options.useRules ?? true,
      day: state.day,
      base: state.base,
      startTime: state.startTime,
      checkedAt: state.checkedAt,
      ledger: state.ledger.snapshot(),
    };
  }

  /** Raw samples of every summary metric from the overlap before `settledAt` to `now`: one query. */
  private samplesSince(settledAt: number, now: Date): ReturnType<PrometheusClient['querySamples']> {
    const rangeMs = Math.max(1, Math.round(now.getTime() - (settledAt - this.overlap) * 1000));
    return this.client.querySamples(`${metricsSelector(ledgerMetrics, this.options.scope)}[${rangeMs}ms]`, now);
  }
}

function restoreState(snapshot: LiveSnapshot | undefined): LiveState | undefined {
  if (!snapshot) return undefined;
  return { ledger: UsageLedger.restore(snapshot.ledger), base: snapshot.base, day: snapshot.day, startTime: snapshot.startTime, checkedAt: snapshot.checkedAt, loaded: true };
}

/** `base` (a full summary) plus what each series added since, as of `now`. */
export function carryForward(base: UsageSummary, usage: readonly SeriesUsage[], sessions: ReadonlyMap<string, Readonly<Record<string, string>>>, now: Date): UsageSummary {
  const baseParts = summaryParts(base);
  const parts: SummaryParts = { ...baseParts, now, until: now, sessions: new Map([...sessions].map(([id, labels]) => [id, { ...baseParts.sessions.get(id), ...labels }])) };
  const add = (rows: GroupedTotal[], u: SeriesUsage, groupBy: readonly string[]): void =>
    void rows.push({ labels: Object.fromEntries(groupBy.map((g) => [g, g === 'model' ? u.labels.model || 'unknown' : (u.labels[g] ?? '')])), value: u.total });
  let costAdded = 0;
  for (const u of usage) {
    if (u.metric === 'cost') {
      add(parts.cost, u, costGroupBy);
      costAdded += u.total;
    } else if (u.metric === 'tokens') add(parts.tokens, u, tokenGroupBy);
    else if (u.metric === 'linesOfCode') add(parts.loc, u, ['type']);
    else if (u.metric === 'commits') add(parts.commits, u, []);
    else if (u.metric === 'pullRequests') add(parts.prs, u, []);
    else if (u.metric === 'activeTime') add(parts.active, u, ['type']);
  }
  const p = base.periods;
  parts.periods = { today: p.today + costAdded, last7Days: p.last7Days + costAdded, last30Days: p.last30Days + costAdded };
  return assembleSummary(parts);
}
