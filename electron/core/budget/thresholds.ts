/**
 * Budget thresholds (pure): notify at 80% and 100% of the daily and the monthly budget, once per
 * period. The ledger of what was already notified is returned for the host to persist, so a restart
 * doesn't repeat a notification; a new day (or month) starts a fresh ledger entry.
 */
import { crossThresholds, type Crossing, type Measure, type ThresholdLedger } from './threshold-ledger.js';

export const BUDGET_THRESHOLDS = [0.8, 1] as const;
export type BudgetThreshold = (typeof BUDGET_THRESHOLDS)[number];
export type BudgetPeriodKind = 'daily' | 'monthly';

export type BudgetLedger = ThresholdLedger<BudgetPeriodKind>;

export interface BudgetInput {
  now: Date;
  /** Cost so far today (local midnight to now). */
  todayCostUsd: number | null;
  /** Cost so far this month (local first of month to now). */
  monthCostUsd: number | null;
  dailyBudgetUsd: number | null;
  monthlyBudgetUsd: number | null;
  ledger: BudgetLedger;
}

export interface BudgetAlert {
  kind: BudgetPeriodKind;
  /** 0.8 or 1. */
  threshold: BudgetThreshold;
  period: string;
  costUsd: number;
  budgetUsd: number;
}

/** `2026-11-28` for the daily period, `2026-11` for the monthly one, in local time. */
export function periodKey(kind: BudgetPeriodKind, now: Date): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  return kind === 'monthly' ? `${y}-${m}` : `${y}-${m}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Local midnight of the first day of `now`'s month (the since of the monthly cost query). */
export function startOfMonth(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), 1, 0, 0, 0, 0);
}

/** Which budget thresholds to notify now (the threshold ledger's rule, for the daily and monthly budget). */
export function evaluateBudgets(input: BudgetInput): { alerts: BudgetAlert[]; ledger: BudgetLedger } {
  const measures: Measure<BudgetPeriodKind>[] = [
    { key: 'daily', period: periodKey('daily', input.now), value: input.todayCostUsd, limit: input.dailyBudgetUsd },
    { key: 'monthly', period: periodKey('monthly', input.now), value: input.monthCostUsd, limit: input.monthlyBudgetUsd },
  ];
  const { crossings, ledger } = crossThresholds(BUDGET_THRESHOLDS, measures, input.ledger);
  return { alerts: crossings.map(budgetAlert), ledger };
}

function budgetAlert(c: Crossing<BudgetPeriodKind>): BudgetAlert {
  return { kind: c.key, threshold: c.threshold as BudgetThreshold, period: c.period, costUsd: c.value, budgetUsd: c.limit };
}

/** The notification's words for an alert (the tray host shows it through the OS). */
export function budgetAlertMessage(alert: BudgetAlert, formatUsd: (n: number) => string): { title: string; body: string } {
  const which = alert.kind === 'daily' ? 'daily' : 'monthly';
  const pct = Math.round(alert.threshold * 100);
  const title = alert.threshold >= 1 ? `Claude Code: ${which} budget reached` : `Claude Code: ${pct}% of ${which} budget`;
  const body = `${formatUsd(alert.costUsd)} of ${formatUsd(alert.budgetUsd)} ${alert.kind === 'daily' ? 'today' : 'this month'}.`;
  return { title, body };
}
