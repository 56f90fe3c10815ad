/** The Overview tab: the stale banner, the get-started steps, today's cost, usage, charts and models. */
import type { ChartRange } from '../../../../electron/core/api/domain.js';
import type { GrafanaLinks } from '../../../../electron/core/api/types.js';
import { dataState, isEmptySummary } from '../../lib/freshness.js';
import type { Palette } from '../../lib/palette.js';
import { useAppInfo, useDailyBudget, useProbe, useSummary } from '../../query/queries.js';
import { useRefreshAll } from '../../query/useRefreshAll.js';
import { ByModel } from './ByModel.js';
import { ChartsArea } from './ChartsArea.js';
import { CostHero } from './CostHero.js';
import { EmptyState } from './EmptyState.js';
import { StaleBanner } from './StaleBanner.js';
import { UsageStats } from './UsageStats.js';

export function Overview(props: {
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  palette: Palette;
  compact: boolean;
  now: number;
  grafana: GrafanaLinks | null;
  onGo: (tab: 'stack' | 'setup') => void;
}) {
  const summary = dataState(useSummary());
  const probe = dataState(useProbe());
  const info = useAppInfo().data;
  const dailyBudgetUsd = useDailyBudget();
  const refresh = useRefreshAll();
  const empty = summary.data !== null && isEmptySummary(summary.data);
  return (
    <div className="grid" data-testid="overview">
      <StaleBanner summary={summary} prometheusUrl={info?.prometheusUrl} now={props.now} onRetry={refresh} />
      {empty && <EmptyState onGo={props.onGo} />}
      <CostHero summary={summary} probe={probe} now={props.now} wide={!props.compact} dailyBudgetUsd={dailyBudgetUsd} />
      <UsageStats summary={summary} palette={props.palette} compact={props.compact} />
      <ChartsArea range={props.range} onRange={props.onRange} summarySettled={summary.state !== 'loading'} palette={props.palette} compact={props.compact} grafana={props.grafana} />
      <ByModel summary={summary} />
    </div>
  );
}
