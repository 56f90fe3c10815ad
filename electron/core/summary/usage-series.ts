import type { PrometheusClient, RangeSeries } from '../prometheus/client.js';
import type { ChartRange, TokenCounts, UsagePoint, UsageSeries } from '../api/types.js';
import { collectionLabels, metricSelector, tokenTypes } from '../telemetry/metrics.js';
import { startOfLocalDay } from './time-windows.js';

const hour = 3600;
const rangeSteps: Record<ChartRange, { buckets: number; stepSeconds: number }> = {
  '24h': { buckets: 24, stepSeconds: hour },
  '7d': { buckets: 28, stepSeconds: 6 * hour },
  '30d': { buckets: 30, stepSeconds: 24 * hour },
};

/**
 * What was added in each bucket (t - step, t]: the same counting rule as the summary (a series that
 * starts inside the bucket counts from zero), evaluated by one range query per metric. A reset inside a
 * bucket counts from the value after it, a lower bound that is exact unless the resumed process
 * was sampled more than once in that bucket.
 */
function bucketIncreaseExpr(selector: string, stepSeconds: number, groupBy: readonly string[]): string {
  const last = `last_over_time(${selector}[${stepSeconds}s])`;
  const perSeries = `(((${last} - (${selector} offset ${stepSeconds}s)) >= 0) or ${last})`;
  return `sum by (${groupBy.join(', ')}) (max without (${collectionLabels.join(', ')}) (${perSeries}))`;
}

/** Bucket ends aligned to whole hours (or local midnights for daily buckets), the last one covering now. */
function bucketEnds(range: ChartRange, now: Date): { start: Date; end: Date; stepSeconds: number } {
  const { buckets, stepSeconds } = rangeSteps[range];
  let end: Date;
  if (stepSeconds === 24 * hour) {
    end = startOfLocalDay(now, -1);
  } else {
    const stepMs = stepSeconds * 1000;
    end = new Date(Math.ceil(now.getTime() / stepMs) * stepMs);
  }
  const start = new Date(end.getTime() - (buckets - 1) * stepSeconds * 1000);
  return { start, end, stepSeconds };
}

export async function computeUsageSeries(client: PrometheusClient, range: ChartRange, now = new Date(), scope = ''): Promise<UsageSeries> {
  const { start, end, stepSeconds } = bucketEnds(range, now);
  const [cost, tokens] = await Promise.all([
    client.queryRange(bucketIncreaseExpr(metricSelector('cost', scope), stepSeconds, []), start, end, stepSeconds),
    client.queryRange(bucketIncreaseExpr(metricSelector('tokens', scope), stepSeconds, ['type']), start, end, stepSeconds),
  ]);
  const points: UsagePoint[] = [];
  for (let t = start.getTime(); t <= end.getTime(); t += stepSeconds * 1000) {
    const seconds = t / 1000;
    points.push({
      t: t - stepSeconds * 1000,
      costUsd: valueAt(cost, seconds),
      tokens: Object.fromEntries(tokenTypes.map((type) => [type, valueAt(tokens, seconds, type)])) as unknown as TokenCounts,
    });
  }
  return { range, stepSeconds, points };
}

function valueAt(series: RangeSeries[], seconds: number, type?: string): number {
  let total = 0;
  for (const s of series) {
    if (type !== undefined && s.metric.type !== type) continue;
    const hit = s.values.find(([t]) => Math.abs(t - seconds) < 0.001);
    if (hit) total += hit[1];
  }
  return Math.round(total * 1e9) / 1e9;
}
