/**
 * Replayable plan-window traces with known outcomes, for measuring the pace forecast: a window of the
 * given length, usage in dollars minute by minute following a pattern, the plan's limit in dollars, and
 * what Claude Code would report (whole percents, at each message update while active). The outcome is
 * known: the percentage at the reset (uncapped) and the minute the usage crossed 100%.
 * Deterministic: a seeded generator.
 */
import { prng as seeded } from '../../scripts/simulator/scenarios/helpers.js';
export type TracePattern = 'steady' | 'rampUp' | 'bursty' | 'frontLoaded' | 'lateStart' | 'slowDown';
export const tracePatterns: readonly TracePattern[] = ['steady', 'rampUp', 'bursty', 'frontLoaded', 'lateStart', 'slowDown'];

export interface PlanTrace {
  pattern: TracePattern;
  windowMinutes: number;
  limitUsd: number;
  /** Cumulative cost at the end of each minute. */
  cumulativeUsd: number[];
  /** What the status line reported: [minute, whole percent]. */
  reports: Array<[number, number]>;
  finalPercent: number;
  /** The first minute the usage reached 100%, or null. */
  limitMinute: number | null;
}


/** Dollars per minute at minute m of the window, for a pattern (before noise). */
function intensity(pattern: TracePattern, m: number, length: number, rnd: () => number, state: { on: boolean; until: number }): number {
  const x = m / length;
  switch (pattern) {
    case 'steady':
      return 1;
    case 'rampUp':
      return 0.2 + 1.6 * x;
    case 'slowDown':
      return 1.8 - 1.6 * x;
    case 'frontLoaded':
      return x < 0.4 ? 1.8 : 0.3;
    case 'lateStart':
      return x < 0.4 ? 0.05 : 1.6;
    case 'bursty':
      if (m >= state.until) {
        state.on = !state.on;
        state.until = m + Math.round((state.on ? 20 + rnd() * 25 : 10 + rnd() * 25) * (length / 300));
      }
      return state.on ? 1.7 : 0;
  }
}

export function planTrace(pattern: TracePattern, seed: number, windowMinutes = 300): PlanTrace {
  const rnd = seeded(seed);
  const limitUsd = 40 + rnd() * 60;
  // A pace that lands the window somewhere between 40% and 160% at the reset.
  const target = (0.4 + rnd() * 1.2) * limitUsd;
  const state = { on: true, until: Math.round((15 + rnd() * 20) * (windowMinutes / 300)) };
  const raw: number[] = [];
  for (let m = 0; m < windowMinutes; m++) raw.push(intensity(pattern, m, windowMinutes, rnd, state) * (0.6 + 0.8 * rnd()));
  const scale = target / raw.reduce((a, b) => a + b, 0);
  const cumulativeUsd: number[] = [];
  const reports: Array<[number, number]> = [];
  let total = 0;
  let limitMinute: number | null = null;
  for (let m = 0; m < windowMinutes; m++) {
    const spent = raw[m]! * scale;
    total += spent;
    cumulativeUsd.push(total);
    if (limitMinute === null && total >= limitUsd) limitMinute = m + 1;
    // A message update every few minutes while active: the status line reports the whole percent.
    if (spent > 0.001 && rnd() < 0.5) reports.push([m + 1, Math.min(100, Math.floor((100 * total) / limitUsd))]);
  }
  return { pattern, windowMinutes, limitUsd, cumulativeUsd, reports, finalPercent: (100 * total) / limitUsd, limitMinute };
}
