/**
 * What the tray shows, kept in one place (no electron import): the stack as last reported, the
 * operation running, today's cost (marked stale when a refresh fails). Every change renders the
 * tray's view to its listeners and, when the state moved, says so through the stack notices.
 */
import type { StackStatus } from '../core/api/types.js';
import type { SummaryOutcome } from '../core/live/summary-feed.js';
import { stackTransitionNotice, type Notice } from './stack-notices.js';
import { trayIconFor, trayStateFrom, type CostView, type StackView, type TrayState } from './tray-state.js';
import type { PlanLimitsView } from '../core/api/types.js';

/** The 5-hour window's usage now (0 once its reset has passed), or null without plan limits. */
const fiveHourPercent = (limits: PlanLimitsView | undefined, now: Date): number | null =>
  !limits?.fiveHour ? null : new Date(limits.fiveHour.resetsAt) <= now ? 0 : limits.fiveHour.usedPercent;
import type { TrayView } from './tray.js';

/** What the view needs from elsewhere, read at every render. */
export type TrayFacts = Pick<TrayView, 'stackControl' | 'stopStackOnQuit' | 'defaultShell' | 'platform'> & {
  /** From this 5-hour usage on (the first plan alert threshold), the tray shows the `limit` icon. */
  planAlertPercent: number;
};

export type OperationResult = { ok: true; status: StackStatus } | { ok: false; message: string };

export class TrayModel {
  private readonly stack: StackView = { status: null, operation: null, lastError: null };
  private cost: CostView = { todayUsd: null, staleSince: null };
  private shownState: TrayState | null = null;
  private readonly listeners = new Set<(view: TrayView) => void>();

  constructor(
    private readonly facts: () => TrayFacts,
    private readonly notice: (notice: Notice) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  state(): TrayState {
    return trayStateFrom(this.stack);
  }

  view(): TrayView {
    const { planAlertPercent, ...facts } = this.facts();
    const state = this.state();
    return { ...facts, state, icon: trayIconFor(state, this.cost, planAlertPercent), operation: this.stack.operation, todayUsd: this.cost.todayUsd, cost: this.cost };
  }

  onChange(listener: (view: TrayView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStackStatus(status: StackStatus): void {
    this.stack.status = status;
    this.refresh();
  }

  summaryOutcome(outcome: SummaryOutcome): void {
    if (outcome.ok) {
      const plan = fiveHourPercent(outcome.summary.planLimits, this.now());
      this.cost = { todayUsd: outcome.summary.costUsd, staleSince: null, ...(plan === null ? {} : { fiveHourPercent: plan }) };
    }
    else if (this.cost.todayUsd !== null && !this.cost.staleSince) this.cost = { ...this.cost, staleSince: this.now().toISOString() };
    this.refresh();
  }

  busy(): boolean {
    return this.stack.operation !== null;
  }

  beginOperation(operation: 'up' | 'down'): void {
    this.stack.operation = operation;
    this.refresh();
  }

  /** A success replaces the status and clears the last error; a failure keeps the status and records why. */
  endOperation(result: OperationResult): void {
    if (result.ok) Object.assign(this.stack, { status: result.status, lastError: null });
    else this.stack.lastError = result.message;
    this.stack.operation = null;
    this.refresh();
  }

  refresh(): void {
    const view = this.view();
    const notice = stackTransitionNotice(this.shownState, view.state, this.stack.status, this.stack.lastError);
    if (notice) this.notice(notice);
    this.shownState = view.state;
    for (const listener of this.listeners) listener(view);
  }
}
