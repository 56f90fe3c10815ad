/**
 * This month's cost, for the monthly budget. Its query is heavier than today's and the figure moves
 * slowly, so it is asked at most every 5 minutes, and again as soon as the month turns. A failed
 * query gives null now and is asked again next time.
 */
import { periodKey, startOfMonth } from './thresholds.js';

export const MONTH_COST_MAX_AGE_MS = 5 * 60_000;

export class MonthCost {
  private held: { usd: number; at: number; month: string } | null = null;

  constructor(
    /** The cost from `since` (local midnight of the 1st) to now. */
    private readonly query: (since: Date) => Promise<number>,
    private readonly maxAgeMs = MONTH_COST_MAX_AGE_MS,
  ) {}

  async at(now: Date): Promise<number | null> {
    const month = periodKey('monthly', now);
    const held = this.held;
    if (held && held.month === month && now.getTime() - held.at < this.maxAgeMs) return held.usd;
    try {
      const usd = await this.query(startOfMonth(now));
      this.held = { usd, at: now.getTime(), month };
      return usd;
    } catch {
      return null;
    }
  }
}
