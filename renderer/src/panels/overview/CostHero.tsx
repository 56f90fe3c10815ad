/** The hero card: today's cost, how fresh it is, the daily budget, two ratios (wide), and the periods. */
import type { ProbeResult, Summary } from '../../../../electron/core/api/types.js';
import { Card, Value } from '../../components/ui.js';
import { budgetTone } from '../../lib/budget.js';
import { formatAgo, formatClock, formatUsd } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';
import { heroInsights } from '../../lib/insights.js';
import { PeriodCards } from './PeriodCards.js';

function Budget(props: { todayUsd: number; budgetUsd: number }) {
  return (
    <span className={`budget budget-${budgetTone(props.todayUsd, props.budgetUsd) ?? 'ok'}`} data-testid="budget">
      {' · '}
      {Math.round((props.todayUsd / props.budgetUsd) * 100)}% of {formatUsd(props.budgetUsd)} daily budget
    </span>
  );
}

function Insights(props: { summary: Summary | null }) {
  const i = props.summary ? heroInsights(props.summary) : null;
  return (
    <dl className="hero-insights" data-testid="hero-insights">
      <div>
        <dt>Per session today</dt>
        <dd>{i?.perSession ?? '\u00a0'}</dd>
      </div>
      <div>
        <dt>Input read from cache</dt>
        <dd>{i?.cacheShare ?? '\u00a0'}</dd>
      </div>
    </dl>
  );
}

export function CostHero(props: { summary: DataState<Summary>; probe: DataState<ProbeResult>; now: number; wide: boolean; dailyBudgetUsd: number | null }) {
  const s = props.summary.data;
  const stale = props.summary.state === 'stale';
  return (
    <Card className="hero" testId="cost-widget" stale={stale}>
      <div className="hero-main">
        <div className="hero-label">Today</div>
        <Value loading={props.summary.state === 'loading'} className="hero-value" testId="cost-today" width="5.5em">
          {s ? formatUsd(s.periods.today) : '—'}
        </Value>
        <div className="hero-asof" data-testid="cost-asof">
          {s ? (stale ? `as of ${formatClock(Date.parse(s.asOf))}` : `updated ${formatAgo(Date.parse(s.asOf), props.now)}`) : '\u00a0'}
          {s && props.dailyBudgetUsd ? <Budget todayUsd={s.periods.today} budgetUsd={props.dailyBudgetUsd} /> : null}
        </div>
      </div>
      {props.wide && <Insights summary={s} />}
      <PeriodCards summary={props.summary} probe={props.probe} />
    </Card>
  );
}
