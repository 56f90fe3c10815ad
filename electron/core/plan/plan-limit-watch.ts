/**
 * The plan-limit watch: after each of today's summaries, each plan window at the thresholds set in
 * Settings (default 80% and 95%), announced once per window (a window is one period: it ends at its
 * reset), and once more when a window resets after having crossed the first threshold ("you're back
 * to 0%"). Shares the once-per-period ledger with the budget watch.
 */
import type { SummaryOutcome } from '../live/summary-feed.js';
import type { PlanLimitsView, PlanWindowView } from '../api/types.js';
import type { Announcement, SummaryWatch } from '../budget/summary-watches.js';
import { crossThresholds, updateLedger, type LedgerStore, type Measure, type ThresholdLedger } from '../budget/threshold-ledger.js';

export type PlanWindowKey = 'fiveHour' | 'sevenDay';
export type PlanLimitLedger = ThresholdLedger<PlanWindowKey>;

const labels: Record<PlanWindowKey, string> = { fiveHour: '5-hour', sevenDay: 'weekly' };

export interface PlanLimitWatchOptions {
  /** Percentages from Settings (planAlertPercents), read on every check. */
  percents(): readonly number[];
  ledger: LedgerStore<PlanLimitLedger>;
  now?: () => Date;
}

/** The period a window's figure belongs to: its reset time, or "after it" once it has passed. */
export function windowPeriod(w: PlanWindowView, now: Date): string {
  return new Date(w.resetsAt) <= now ? `after ${w.resetsAt}` : w.resetsAt;
}

const clock = (iso: string): string => new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The watch's decision for one summary (pure). */
export function planLimitAlerts(limits: PlanLimitsView, percents: readonly number[], ledger: PlanLimitLedger, now: Date): { announcements: Announcement[]; ledger: PlanLimitLedger } {
  const thresholds = [...new Set(percents)].filter((p) => p > 0 && p <= 100).sort((a, b) => a - b).map((p) => p / 100);
  const windows = (['fiveHour', 'sevenDay'] as const).flatMap((key) => (limits[key] ? [{ key, w: limits[key] }] : []));
  const announcements: Announcement[] = [];
  for (const { key, w } of windows) {
    // The window we warned about is over (its reset passed, or a report came with a new reset time).
    const held = ledger[key];
    if (held && held.period !== windowPeriod(w, now) && held.notified.length > 0) {
      announcements.push({ title: `Claude Code: the ${labels[key]} limit has reset`, body: `You're back to ${Math.round(w.usedPercent)}% of your ${labels[key]} limit.` });
    }
  }
  const measures: Measure<PlanWindowKey>[] = windows.map(({ key, w }) => ({ key, period: windowPeriod(w, now), value: w.usedPercent, limit: 100 }));
  const result = crossThresholds(thresholds, measures, ledger);
  for (const c of result.crossings) {
    const w = limits[c.key]!;
    const pct = Math.round(c.value);
    announcements.push({
      title: pct >= 100 ? `Claude Code: ${labels[c.key]} limit reached` : `Claude Code: ${pct}% of your ${labels[c.key]} limit`,
      body: `Resets at ${clock(w.resetsAt)}.${w.limitAt && pct < 100 ? ` At this pace you reach it at ${clock(w.limitAt)}.` : ''}`,
    });
  }
  return { announcements, ledger: result.ledger };
}

export class PlanLimitWatch implements SummaryWatch {
  private readonly now: () => Date;
  constructor(private readonly options: PlanLimitWatchOptions) {
    this.now = options.now ?? (() => new Date());
  }

  check(outcome: SummaryOutcome): Promise<Announcement[]> {
    if (!outcome.ok) return Promise.resolve([]);
    const now = this.now();
    const { announcements } = updateLedger(this.options.ledger, (ledger) => planLimitAlerts(outcome.summary.planLimits, this.options.percents(), ledger, now));
    return Promise.resolve(announcements);
  }
}
