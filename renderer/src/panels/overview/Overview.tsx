/**
 * The Overview tab: the stale banner, the get-started steps, today's cost, the plan limits, usage,
 * charts and models; then (their own chunk, after the first paint) projects, sessions and team tables.
 */
import { Suspense } from 'react';
import type { ChartRange } from '../../../../electron/core/api/domain.js';
import type { GrafanaLinks } from '../../../../electron/core/api/types.js';
import { ChunkBoundary } from '../../components/ChunkBoundary.js';
import { dataState, isEmptySummary } from '../../lib/freshness.js';
import type { Palette } from '../../lib/palette.js';
import { useAfterPaint } from '../../lib/useAfterPaint.js';
import { useAppInfo, useBudgets, useProbe, useSummary } from '../../query/queries.js';
import { useRefreshAll } from '../../query/useRefreshAll.js';
import { ByModel } from './ByModel.js';
import { ChartsArea } from './ChartsArea.js';
import { CostHero } from './CostHero.js';
import { EmptyState } from './EmptyState.js';
import { BelowFold } from './lazyPanels.js';
import { PlanLimitsCard } from './PlanLimitsCard.js';
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
  const query = useSummary();
  const summary = dataState(query);
  const probe = dataState(useProbe());
  const info = useAppInfo().data;
  const budgets = useBudgets();
  const refresh = useRefreshAll();
  const settled = summary.state !== 'loading';
  const later = useAfterPaint(settled);
  // No telemetry in 30 days: the steps to get some. The plan card stays (it says where plan limits come
  // from, and hiding it once the summary lands would move the cards beside it); the lower panels go.
  const empty = summary.data !== null && isEmptySummary(summary.data);
  return (
    <div className="grid" data-testid="overview" data-switching={query.isPlaceholderData ? 'true' : undefined}>
      <StaleBanner summary={summary} prometheusUrl={info?.prometheusUrl} remote={info?.backend.kind === 'remote'} now={props.now} onRetry={refresh} />
      {empty && <EmptyState onGo={props.onGo} />}
      <CostHero summary={summary} probe={probe} now={props.now} wide={!props.compact} dailyBudgetUsd={budgets.dailyUsd} />
      <PlanLimitsCard summary={summary} now={props.now} onSetup={() => props.onGo('setup')} grafana={props.grafana?.planLimits} />
      <UsageStats summary={summary} palette={props.palette} compact={props.compact} />
      <ByModel summary={summary} />
      <ChartsArea range={props.range} onRange={props.onRange} summarySettled={settled} palette={props.palette} compact={props.compact} grafana={props.grafana} />
      {later && !empty && (
        <ChunkBoundary what="projects and sessions">
          <Suspense fallback={<div className="card skeleton-card" />}>
            <BelowFold summary={summary} now={props.now} />
          </Suspense>
        </ChunkBoundary>
      )}
    </div>
  );
}
