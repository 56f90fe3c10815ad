/** Chart rows from a usage series. Pure. */
import type { ChartRange } from '../../../electron/core/api/domain.js';
import type { UsageSeries } from '../../../electron/core/api/types.js';
import { totalTokens } from '../../../electron/core/format/tokens.js';
import { formatBucket } from './format.js';

export interface ChartRow {
  t: number;
  label: string;
  cost: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export function chartRows(series: UsageSeries, locale?: string): ChartRow[] {
  return series.points.map((p) => ({
    t: p.t,
    label: formatBucket(p.t, series.range, locale),
    cost: p.costUsd,
    input: p.tokens.input,
    output: p.tokens.output,
    cacheRead: p.tokens.cacheRead,
    cacheCreation: p.tokens.cacheCreation,
  }));
}

export interface SeriesTotals {
  cost: number;
  tokens: number;
  /** Buckets holding any usage. */
  activeBuckets: number;
}

export function seriesTotals(series: UsageSeries): SeriesTotals {
  let cost = 0;
  let tokens = 0;
  let activeBuckets = 0;
  for (const p of series.points) {
    const t = totalTokens(p.tokens);
    cost += p.costUsd;
    tokens += t;
    if (p.costUsd > 0 || t > 0) activeBuckets++;
  }
  return { cost: Math.round(cost * 1e9) / 1e9, tokens, activeBuckets };
}

export const rangeLabels: Record<ChartRange, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days' };

/** Show about `want` ticks: every n-th label. */
export function tickInterval(points: number, want: number): number {
  return Math.max(0, Math.ceil(points / Math.max(1, want)) - 1);
}
