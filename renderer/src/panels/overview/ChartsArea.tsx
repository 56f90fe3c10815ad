/** Cost and tokens over the chosen range (24 h, 7 days, 30 days), each with its Grafana link. */
import { chartRanges, type ChartRange } from '../../../../electron/core/api/domain.js';
import type { GrafanaLinks } from '../../../../electron/core/api/types.js';
import { ExternalButton, Segmented } from '../../components/ui.js';
import { rangeLabels, seriesTotals } from '../../lib/chart.js';
import { formatTokens, formatUsd } from '../../lib/format.js';
import { dataState } from '../../lib/freshness.js';
import type { Palette } from '../../lib/palette.js';
import { useAfterPaint } from '../../lib/useAfterPaint.js';
import { useUsageSeries } from '../../query/queries.js';
import { ChartCard } from './ChartCard.js';
import { CostChart, TokensChart } from './lazyCharts.js';

export function ChartsArea(props: {
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  summarySettled: boolean;
  palette: Palette;
  compact: boolean;
  grafana: GrafanaLinks | null;
}) {
  const query = useUsageSeries(props.range);
  const series = dataState(query);
  // Charts mount once the summary has been painted (or has failed): the numbers come first.
  const data = useAfterPaint(props.summarySettled) ? series.data : null;
  const totals = data ? seriesTotals(data) : null;
  const shared = { stale: series.state === 'stale', switching: query.isPlaceholderData, error: series.state === 'unavailable' ? series.error : null };
  const chartProps = data ? { series: data, palette: props.palette, compact: props.compact } : null;
  return (
    <>
      <ChartCard
        title="Cost over time"
        labelledBy="cost-chart-title"
        testId="cost-chart-card"
        {...shared}
        actions={<Segmented label="Chart range" options={chartRanges} value={props.range} onChange={props.onRange} render={(r) => rangeLabels[r]} testId="range-switch" />}
        meta={
          <>
            <span data-testid="range-total">{totals && data ? `${formatUsd(totals.cost)} in the last ${rangeLabels[data.range]}` : '\u00a0'}</span>
            <ExternalButton href={props.grafana?.cost} testId="open-grafana-cost" title="Open the cost dashboard in Grafana for this range">
              Grafana
            </ExternalButton>
          </>
        }
        chart={chartProps && <CostChart {...chartProps} />}
      />
      <ChartCard
        title="Tokens over time"
        labelledBy="tokens-chart-title"
        testId="tokens-chart-card"
        {...shared}
        actions={
          <ExternalButton href={props.grafana?.tokens} testId="open-grafana-tokens" title="Open the tokens dashboard in Grafana for this range">
            Grafana
          </ExternalButton>
        }
        meta={<span>{totals && data ? `${formatTokens(totals.tokens)} tokens in the last ${rangeLabels[data.range]}` : '\u00a0'}</span>}
        chart={chartProps && <TokensChart {...chartProps} />}
      />
    </>
  );
}
