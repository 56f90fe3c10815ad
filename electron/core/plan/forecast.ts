/**
 * Pace: where a plan window will stand when it resets, and when it will reach 100% if that comes first.
 * Pure. Inputs are what the backend holds: the usage percentages Claude Code reported (whole percents,
 * from its status line) and the cost Claude Code's telemetry counted (continuous, to the cent).
 *
 * Methods (measured against replayed traces with known outcomes by `npm run bench:forecast`):
 * - `windowAverage`: the window's average pace so far, continued to the reset;
 * - `recentSlope`: the slope of the reported percentages over the last hour;
 * - `costRate` (chosen): the window's percent-per-dollar (reported % ÷ cost counted since the window
 *   began) times the cost rate of the last hour. The cost counters move with every request, so the
 *   recent pace is read from them rather than from percentages that move in whole steps; the
 *   percent-per-dollar ratio is taken over the whole window, where the rounding of the percentages
 *   hardly matters. Without cost data it falls back to the recent slope, then to the window average.
 */
export interface PaceInput {
  /** Epoch ms. */
  now: number;
  windowStart: number;
  resetsAt: number;
  /** The newest reported percentage. */
  usedPercent: number;
  /** Reported percentages in this window, oldest first: [epoch ms, percent]. */
  reports: ReadonlyArray<readonly [number, number]>;
  /** Cost counted since the window began, and over the last `recentMs` (null: no telemetry). */
  costSinceStartUsd: number | null;
  costRecentUsd: number | null;
  recentMs: number;
}

export interface Pace {
  /** Percent the window is projected to stand at when it resets (may exceed 100: the limit comes first). */
  projectedPercentAtReset: number;
  /** When it reaches 100%, if before the reset; null otherwise. Epoch ms. */
  limitAt: number | null;
  /** Percent per hour the projection assumes. */
  percentPerHour: number;
  method: PaceMethod;
}

export type PaceMethod = 'windowAverage' | 'recentSlope' | 'costRate';

const hour = 3600_000;

function project(input: PaceInput, percentPerHour: number, method: PaceMethod): Pace {
  const rate = Math.max(0, Number.isFinite(percentPerHour) ? percentPerHour : 0);
  const remainingH = Math.max(0, input.resetsAt - input.now) / hour;
  const projected = input.usedPercent + rate * remainingH;
  let limitAt: number | null = null;
  if (input.usedPercent >= 100) limitAt = input.now;
  else if (rate > 0) {
    const at = input.now + ((100 - input.usedPercent) / rate) * hour;
    if (at < input.resetsAt) limitAt = at;
  }
  return { projectedPercentAtReset: Math.round(projected * 10) / 10, limitAt, percentPerHour: Math.round(rate * 100) / 100, method };
}

export function windowAverage(input: PaceInput): Pace {
  const elapsedH = Math.max(input.now - input.windowStart, 60_000) / hour;
  return project(input, input.usedPercent / elapsedH, 'windowAverage');
}

/** Least-squares slope of the reports of the last `recentMs`; null with fewer than two distinct times. */
export function slopePerHour(reports: PaceInput['reports'], from: number): number | null {
  const pts = reports.filter(([t]) => t >= from);
  if (pts.length < 2 || pts[pts.length - 1]![0] - pts[0]![0] < 60_000) return null;
  const mt = pts.reduce((a, [t]) => a + t, 0) / pts.length;
  const mp = pts.reduce((a, [, p]) => a + p, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [t, p] of pts) {
    num += (t - mt) * (p - mp);
    den += (t - mt) ** 2;
  }
  return den > 0 ? (num / den) * hour : null;
}

export function recentSlope(input: PaceInput): Pace {
  const slope = slopePerHour(input.reports, input.now - input.recentMs);
  return slope === null ? windowAverage(input) : project(input, slope, 'recentSlope');
}

export function costRate(input: PaceInput): Pace {
  const { costSinceStartUsd: sinceStart, costRecentUsd: recent } = input;
  if (sinceStart === null || recent === null || sinceStart <= 0 || input.usedPercent <= 0) return recentSlope(input);
  const percentPerUsd = input.usedPercent / sinceStart;
  const usdPerHour = recent / (Math.min(input.recentMs, Math.max(input.now - input.windowStart, 60_000)) / hour);
  return project(input, percentPerUsd * usdPerHour, 'costRate');
}

export const paceMethods: Record<PaceMethod, (input: PaceInput) => Pace> = { windowAverage, recentSlope, costRate };

/** The method the app uses (see the module comment and the bench's figures). */
export const pace = costRate;
