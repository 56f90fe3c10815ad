/**
 * The budget watch: after each of today's summaries, the daily and the monthly budget at 80% and
 * 100%, each announced once per period (the ledger outlives restarts through its store). Today's cost
 * is the outcome's (none when the refresh failed: a stale figure announces nothing); the month's cost
 * is asked only while a monthly budget is set.
 */
import type { SummaryOutcome } from '../live/summary-feed.js';
import { formatUsd } from '../format/numbers.js';
import { MonthCost } from './month-cost.js';
import type { Announcement, SummaryWatch } from './summary-watches.js';
import { updateLedger, type LedgerStore } from './threshold-ledger.js';
import { budgetAlertMessage, evaluateBudgets, type BudgetLedger } from './thresholds.js';

export interface Budgets {
  dailyBudgetUsd: number | null;
  monthlyBudgetUsd: number | null;
}

export interface BudgetWatchOptions {
  /** The budgets as set now (read on every check: a change applies to the next summary). */
  budgets(): Budgets;
  /** The cost from `since` to now (the service's `getSummary({ since })`). */
  costSince(since: Date): Promise<number>;
  ledger: LedgerStore<BudgetLedger>;
  now?: () => Date;
  monthCostMaxAgeMs?: number;
}

export class BudgetWatch implements SummaryWatch {
  private readonly monthCost: MonthCost;
  private readonly now: () => Date;

  constructor(private readonly options: BudgetWatchOptions) {
    this.monthCost = new MonthCost((since) => options.costSince(since), options.monthCostMaxAgeMs);
    this.now = options.now ?? (() => new Date());
  }

  async check(outcome: SummaryOutcome): Promise<Announcement[]> {
    const { dailyBudgetUsd, monthlyBudgetUsd } = this.options.budgets();
    if (dailyBudgetUsd === null && monthlyBudgetUsd === null) return [];
    const now = this.now();
    const monthCostUsd = monthlyBudgetUsd === null ? null : await this.monthCost.at(now);
    const todayCostUsd = outcome.ok ? outcome.summary.costUsd : null;
    const { alerts } = updateLedger(this.options.ledger, (ledger) => evaluateBudgets({ now, todayCostUsd, monthCostUsd, dailyBudgetUsd, monthlyBudgetUsd, ledger }));
    return alerts.map((alert) => budgetAlertMessage(alert, formatUsd));
  }
}
