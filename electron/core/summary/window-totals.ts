import type { PrometheusClient } from '../prometheus/client.js';
import { collectionLabels } from '../telemetry/metrics.js';
import { exactWindowTotal, labelKey } from './exact-total.js';
import { baselineExpr, exactAlternation, groupedTotalExpr, rawSamplesExpr, resetSeriesExpr, type WindowSpec } from './promql.js';

export interface GroupedTotal {
  labels: Record<string, string>;
  value: number;
}

/**
 * What a Claude Code counter added inside the window, summed by `groupBy` labels.
 * Series without a reset are totalled by Prometheus; the rare series with a reset
 * (a resumed session) are totalled exactly here from their raw samples.
 */
export async function windowTotals(client: PrometheusClient, selector: (extra?: string) => string, w: WindowSpec, groupBy: readonly string[]): Promise<GroupedTotal[]> {
  const [grouped, resetSeries] = await Promise.all([
    client.query(groupedTotalExpr(selector(), w, groupBy), w.until),
    client.query(resetSeriesExpr(selector(), w), w.until),
  ]);
  const totals = new Map<string, GroupedTotal>();
  const add = (labels: Record<string, string>, value: number): void => {
    const picked = Object.fromEntries(groupBy.map((g) => [g, labels[g] ?? '']));
    const key = labelKey(picked);
    const entry = totals.get(key);
    if (entry) entry.value += value;
    else totals.set(key, { labels: picked, value });
  };
  for (const sample of grouped) add(sample.metric, sample.value);
  if (resetSeries.length > 0) {
    for (const { labels, value } of await exactTotalsOfResetSeries(client, selector, w, resetSeries.map((s) => s.metric))) add(labels, value);
  }
  return [...totals.values()];
}

async function exactTotalsOfResetSeries(
  client: PrometheusClient,
  selector: (extra?: string) => string,
  w: WindowSpec,
  series: Array<Record<string, string>>,
): Promise<GroupedTotal[]> {
  const wanted = new Set(series.map((labels) => labelKey(labels, ['__name__'])));
  const sessions = [...new Set(series.map((labels) => labels.session_id ?? ''))];
  const narrowed = selector(`session_id=~"${exactAlternation(sessions)}"`);
  const [raw, baselines] = await Promise.all([
    client.querySamples(rawSamplesExpr(narrowed, w), w.until),
    client.query(baselineExpr(narrowed, w), w.until),
  ]);
  const baselineOf = new Map(baselines.map((b) => [labelKey(b.metric, ['__name__']), b.value]));
  const sinceSeconds = w.since.getTime() / 1000;
  // The same usage collected twice (job/instance differ) counts once: keep the larger total.
  const deduped = new Map<string, GroupedTotal>();
  for (const s of raw) {
    const key = labelKey(s.metric, ['__name__']);
    if (!wanted.has(key)) continue;
    const value = exactWindowTotal(s.values, sinceSeconds, baselineOf.get(key));
    const dedupeKey = labelKey(s.metric, ['__name__', ...collectionLabels]);
    const existing = deduped.get(dedupeKey);
    if (!existing || existing.value < value) deduped.set(dedupeKey, { labels: s.metric, value });
  }
  return [...deduped.values()];
}
