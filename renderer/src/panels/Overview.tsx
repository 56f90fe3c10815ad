/** Cost at a glance, usage stats, charts and cost by model. */
import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import type { ProbeResult, Summary } from '../../../electron/core/api/types.js';
import { hasCode, hostDownCodes } from '../api/errors.js';
import { Card, ExternalButton, Segmented, Stat, Value } from '../components/ui.js';
import { chartRanges } from '../../../electron/core/api/domain.js';
import { totalTokens } from '../../../electron/core/format/tokens.js';
import { rangeLabels, seriesTotals } from '../lib/chart.js';
import { formatAgo, formatClock, formatCount, formatDuration, formatTokens, formatUsd, prettyModel } from '../lib/format.js';
import { freshness, isEmptySummary, type Loadable } from '../lib/freshness.js';
import { heroInsights } from '../lib/insights.js';
import type { Palette } from '../lib/palette.js';
import type { Dashboard } from '../useDashboard.js';

// recharts is most of the bundle: it loads once the first numbers are on screen (so its parsing
// never delays them); the skeleton holds the chart's place meanwhile.
let charts: Promise<typeof import('./Charts.js')> | null = null;
const loadCharts = (): Promise<typeof import('./Charts.js')> => (charts ??= import('./Charts.js'));
const CostChart = lazy(() => loadCharts().then((m) => ({ default: m.CostChart })));
const TokensChart = lazy(() => loadCharts().then((m) => ({ default: m.TokensChart })));
const chartSkeleton = <div className="chart-skeleton skeleton" />;

export function StaleBanner(props: { summary: Loadable<Summary>; prometheusUrl: string | undefined; now: number; onRetry: () => void }) {
  const { summary } = props;
  const state = freshness(summary);
  if (state !== 'stale' && state !== 'unavailable') return null;
  const hostDown = hasCode(summary.error, hostDownCodes);
  // The values' own time (when the host computed them), not when the page received them.
  const when = summary.data ? Date.parse(summary.data.asOf) : null;
  return (
    <div className={`banner ${state === 'stale' ? 'banner-warn' : 'banner-bad'}`} role="status" data-testid="stale-banner" data-state={state}>
      <div className="banner-text">
        <strong>
          {hostDown ? 'The Claude Code Monitor server is not answering.' : `Prometheus is not answering${props.prometheusUrl ? ` at ${props.prometheusUrl}` : ''}.`}
        </strong>{' '}
        {state === 'stale' && when !== null ? (
          <span data-testid="stale-since">
            Showing the last values, from <time dateTime={new Date(when).toISOString()}>{formatClock(when)}</time> ({formatAgo(when, props.now)}).
          </span>
        ) : (
          <span>No values yet.</span>
        )}
        <span className="banner-detail" title={summary.error?.message}>
          {' '}
          {hostDown
            ? (summary.error?.hint ?? 'Start it again; this page reconnects by itself.')
            : 'Start the stack (Stack tab), or check the Prometheus URL in Settings. Values refresh by themselves when it answers again.'}
        </span>
      </div>
      <button type="button" className="btn btn-small" onClick={props.onRetry}>
        Retry
      </button>
    </div>
  );
}

function liveCost(probe: Loadable<ProbeResult>): { value: string; sub: string } {
  const p = probe.data;
  if (!p) return { value: '—', sub: probe.loading ? '\u00a0' : 'exporter not checked' };
  if (!p.reachable) return { value: '—', sub: 'none found' };
  const total = p.sessions.reduce((a, s) => a + s.costUsd, 0);
  const n = p.sessions.length;
  return { value: formatUsd(total), sub: n === 0 ? 'no running session' : `${n} running session${n === 1 ? '' : 's'}` };
}

const budgetTone = (cost: number, budget: number): 'ok' | 'warn' | 'bad' => (cost >= budget ? 'bad' : cost >= budget * 0.8 ? 'warn' : 'ok');

export function CostHero(props: { summary: Loadable<Summary>; probe: Loadable<ProbeResult>; now: number; wide: boolean; dailyBudgetUsd: number | null }) {
  const s = props.summary.data;
  const loading = !s && props.summary.loading;
  const stale = freshness(props.summary) === 'stale';
  const live = liveCost(props.probe);
  return (
    <Card className="hero" testId="cost-widget" stale={stale}>
      <div className="hero-main">
        <div className="hero-label">Today</div>
        <Value loading={loading} className="hero-value" testId="cost-today" width="5.5em">
          {s ? formatUsd(s.periods.today) : '—'}
        </Value>
        <div className="hero-asof" data-testid="cost-asof">
          {s ? (stale ? `as of ${formatClock(Date.parse(s.asOf))}` : `updated ${formatAgo(Date.parse(s.asOf), props.now)}`) : '\u00a0'}
          {s && props.dailyBudgetUsd ? (
            <span className={`budget budget-${budgetTone(s.periods.today, props.dailyBudgetUsd)}`} data-testid="budget">
              {' · '}
              {Math.round((s.periods.today / props.dailyBudgetUsd) * 100)}% of {formatUsd(props.dailyBudgetUsd)} daily budget
            </span>
          ) : null}
        </div>
      </div>
      {props.wide && (
        <dl className="hero-insights" data-testid="hero-insights">
          <div>
            <dt>Per session today</dt>
            <dd>{s ? heroInsights(s).perSession : '\u00a0'}</dd>
          </div>
          <div>
            <dt>Input read from cache</dt>
            <dd>{s ? heroInsights(s).cacheShare : '\u00a0'}</dd>
          </div>
        </dl>
      )}
      <div className="hero-periods">
        <div className="period">
          <div className="period-label">7 days</div>
          <Value loading={loading} className="period-value" testId="cost-7d">
            {s ? formatUsd(s.periods.last7Days) : '—'}
          </Value>
        </div>
        <div className="period">
          <div className="period-label">30 days</div>
          <Value loading={loading} className="period-value" testId="cost-30d">
            {s ? formatUsd(s.periods.last30Days) : '—'}
          </Value>
        </div>
        <div className="period live" title="Cost so far of the Claude Code sessions running now, read from the exporter (scrape mode)">
          <div className="period-label">
            <span className={`live-dot ${props.probe.data?.sessions.length ? 'on' : ''}`} aria-hidden="true" />
            Running now
          </div>
          <Value loading={props.probe.loading && !props.probe.data} className="period-value" testId="cost-live">
            {live.value}
          </Value>
          <div className="period-sub" data-testid="cost-live-sub">{live.sub}</div>
        </div>
      </div>
    </Card>
  );
}

function TokenBar(props: { tokens: Summary['tokens'] | null; loading: boolean; palette: Palette }) {
  const t = props.tokens;
  const total = t ? totalTokens(t) : 0;
  const parts = [
    { key: 'input', label: 'Input', color: props.palette.input },
    { key: 'output', label: 'Output', color: props.palette.output },
    { key: 'cacheRead', label: 'Cache read', color: props.palette.cacheRead },
    { key: 'cacheCreation', label: 'Cache write', color: props.palette.cacheCreation },
  ] as const;
  return (
    <div className="tokens" data-testid="tokens-by-type">
      <div className="token-bar" aria-hidden="true">
        {total > 0 && parts.map((p) => <span key={p.key} style={{ flexGrow: t![p.key], background: p.color }} />)}
      </div>
      <dl className="token-legend">
        {parts.map((p) => (
          <div key={p.key} data-testid={`tokens-${p.key}`}>
            <dt>
              <span className="swatch" style={{ background: p.color }} />
              {p.label}
            </dt>
            <dd>
              <Value loading={props.loading} width="3em">
                {t ? formatTokens(t[p.key]) : '—'}
              </Value>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function UsageStats(props: { summary: Loadable<Summary>; palette: Palette; compact: boolean }) {
  const s = props.summary.data;
  const loading = !s && props.summary.loading;
  const tokens = s ? totalTokens(s.tokens) : 0;
  return (
    <Card title="Today's usage" labelledBy="usage-title" testId="usage" stale={freshness(props.summary) === 'stale'}>
      <div className="stats">
        <Stat label="Tokens" loading={loading} value={s ? formatTokens(tokens) : '—'} testId="stat-tokens" />
        <Stat label="Sessions" loading={loading} value={s ? formatCount(s.sessions) : '—'} testId="stat-sessions" />
        <Stat
          label="Lines of code"
          loading={loading}
          value={
            s ? (
              <>
                <span className="added">+{formatCount(s.linesOfCode.added)}</span> <span className="removed">−{formatCount(s.linesOfCode.removed)}</span>
              </>
            ) : (
              '—'
            )
          }
          testId="stat-loc"
        />
        <Stat label="Commits" loading={loading} value={s ? formatCount(s.commits) : '—'} testId="stat-commits" />
        <Stat label="Pull requests" loading={loading} value={s ? formatCount(s.pullRequests) : '—'} testId="stat-prs" />
        <Stat
          label="Active time"
          loading={loading}
          value={s ? formatDuration(s.activeTimeSeconds.user + s.activeTimeSeconds.cli) : '—'}
          sub={s ? (props.compact ? `Claude ${formatDuration(s.activeTimeSeconds.cli)}` : `you ${formatDuration(s.activeTimeSeconds.user)} · Claude ${formatDuration(s.activeTimeSeconds.cli)}`) : undefined}
          subTitle={s ? `You: ${formatDuration(s.activeTimeSeconds.user)}, Claude: ${formatDuration(s.activeTimeSeconds.cli)}` : undefined}
          testId="stat-active"
        />
      </div>
      <TokenBar tokens={s?.tokens ?? null} loading={loading} palette={props.palette} />
    </Card>
  );
}

export function ByModel(props: { summary: Loadable<Summary> }) {
  const s = props.summary.data;
  const max = Math.max(0, ...(s?.byModel.map((m) => m.costUsd) ?? []));
  return (
    <Card title="Cost by model" labelledBy="bymodel-title" testId="by-model" stale={freshness(props.summary) === 'stale'}>
      {!s && !props.summary.loading ? (
        <p className="muted">No data.</p>
      ) : !s ? (
        <div className="models">
          {[0, 1].map((i) => (
            <div className="model-row" key={i}>
              <span className="skeleton" style={{ width: '8em' }} />
              <span className="skeleton" style={{ width: '3.5em' }} />
            </div>
          ))}
        </div>
      ) : s.byModel.length === 0 ? (
        <p className="muted">No model has been used today.</p>
      ) : (
        <ul className="models">
          {s.byModel.map((m) => (
            <li className="model-row" key={m.model} data-testid="model-row" data-model={m.model}>
              <div className="model-name" title={m.model}>
                {prettyModel(m.model)}
              </div>
              <div className="model-cost">{formatUsd(m.costUsd)}</div>
              <div className="model-bar" aria-hidden="true">
                <span style={{ width: `${max > 0 ? Math.max(2, (m.costUsd / max) * 100) : 0}%` }} />
              </div>
              <div className="model-tokens">{formatTokens(totalTokens(m.tokens))} tokens</div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ChartsCard(props: { dash: Dashboard; palette: Palette; compact: boolean; grafana: { cost: string; tokens: string } | null }) {
  const { series, range } = props.dash;
  // Charts mount after the summary has painted (or failed): the numbers come first.
  const [chartsReady, setChartsReady] = useState(false);
  const summaryDone = props.dash.summary.data !== null || props.dash.summary.error !== null;
  useEffect(() => {
    if (!summaryDone || chartsReady) return;
    const t = setTimeout(() => setChartsReady(true), 0);
    return () => clearTimeout(t);
  }, [summaryDone, chartsReady]);
  const data = chartsReady ? series.data : null;
  const totals = data ? seriesTotals(data) : null;
  const switching = series.loading && series.data !== null && series.data.range !== range;
  return (
    <>
      <Card
        title="Cost over time"
        labelledBy="cost-chart-title"
        testId="cost-chart-card"
        stale={freshness(series) === 'stale'}
        actions={
          <Segmented
            label="Chart range"
            options={chartRanges}
            value={range}
            onChange={props.dash.setRange}
            render={(r) => rangeLabels[r]}
            testId="range-switch"
          />
        }
      >
        <div className="chart-meta">
          <span data-testid="range-total">{totals ? `${formatUsd(totals.cost)} in the last ${rangeLabels[data!.range]}` : '\u00a0'}</span>
          <ExternalButton href={props.grafana?.cost} testId="open-grafana-cost" title="Open the cost dashboard in Grafana for this range">
            Grafana
          </ExternalButton>
        </div>
        <ChartBox switching={switching} error={series.error && !series.data ? series.error.message : null} skeleton={chartSkeleton}>
          {data && <CostChart series={data} palette={props.palette} compact={props.compact} />}
        </ChartBox>
      </Card>
      <Card
        title="Tokens over time"
        labelledBy="tokens-chart-title"
        testId="tokens-chart-card"
        stale={freshness(series) === 'stale'}
        actions={
          <ExternalButton href={props.grafana?.tokens} testId="open-grafana-tokens" title="Open the tokens dashboard in Grafana for this range">
            Grafana
          </ExternalButton>
        }
      >
        <div className="chart-meta">
          <span>{totals ? `${formatTokens(totals.tokens)} tokens in the last ${rangeLabels[data!.range]}` : '\u00a0'}</span>
        </div>
        <ChartBox switching={switching} error={series.error && !series.data ? series.error.message : null} skeleton={chartSkeleton}>
          {data && <TokensChart series={data} palette={props.palette} compact={props.compact} />}
        </ChartBox>
      </Card>
    </>
  );
}

export function EmptyState(props: { onGo: (tab: 'stack' | 'setup') => void }) {
  return (
    <Card className="empty" testId="empty-state" title="No Claude Code telemetry yet" labelledBy="empty-title">
      <ol className="steps">
        <li>
          <button type="button" className="link" onClick={() => props.onGo('stack')}>
            Start the monitoring stack
          </button>{' '}
          (Prometheus, Loki, Grafana in Docker).
        </li>
        <li>
          <button type="button" className="link" onClick={() => props.onGo('setup')}>
            Turn on Claude Code's telemetry
          </button>{' '}
          — one click applies it to Claude Code's settings.
        </li>
        <li>Run Claude Code. Cost and tokens appear here within a few seconds.</li>
      </ol>
    </Card>
  );
}

export function Overview(props: { dash: Dashboard; palette: Palette; compact: boolean; now: number; grafana: { cost: string; tokens: string } | null; onGo: (tab: 'stack' | 'setup') => void }) {
  const { dash } = props;
  const empty = dash.summary.data !== null && isEmptySummary(dash.summary.data);
  return (
    <div className="grid" data-testid="overview">
      <StaleBanner summary={dash.summary} prometheusUrl={dash.info?.prometheusUrl} now={props.now} onRetry={dash.refresh} />
      {empty && <EmptyState onGo={props.onGo} />}
      <CostHero summary={dash.summary} probe={dash.probe} now={props.now} wide={!props.compact} dailyBudgetUsd={dash.dailyBudgetUsd} />
      <UsageStats summary={dash.summary} palette={props.palette} compact={props.compact} />
      <ChartsCard dash={dash} palette={props.palette} compact={props.compact} grafana={props.grafana} />
      <ByModel summary={dash.summary} />
    </div>
  );
}

/** A chart's box: the chart once its data is there (lazy-loaded), else the error, else a placeholder of the same size. */
function ChartBox(props: { switching: boolean; error: string | null; skeleton: ReactNode; children: ReactNode }) {
  const chart = props.children || null;
  return (
    <div className={`chart-box ${props.switching ? 'switching' : ''}`}>
      {chart ? <Suspense fallback={props.skeleton}>{chart}</Suspense> : props.error ? <p className="chart-error">{props.error}</p> : props.skeleton}
    </div>
  );
}
