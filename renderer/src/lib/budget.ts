/** Spending against a budget (pure): the tone of an amount, spent or projected, against its budget. */
import type { LevelTone } from './planLimits.js';

/** ok below 80% of the budget, warn from 80%, bad from 100%; null without a budget. */
export function budgetTone(usd: number, budgetUsd: number | null): LevelTone | null {
  if (!budgetUsd) return null;
  return usd >= budgetUsd ? 'bad' : usd >= budgetUsd * 0.8 ? 'warn' : 'ok';
}
