/**
 * Where spending is heading: the last hour's rate, today and this month at that pace, against the
 * budgets from the settings. Prominent for API-key users (no plan limits); one line for subscribers.
 */
import type { BudgetPace as Pace } from '../../../../electron/core/api/types.js';
import { Value } from '../../components/ui.js';
import { budgetTone } from '../../lib/budget.js';
import { formatUsd } from '../../lib/format.js';
import type { Budgets } from '../../query/queries.js';

function Against(props: { usd: number; budgetUsd: number | null; kind: 'daily' | 'monthly' }) {
  const tone = budgetTone(props.usd, props.budgetUsd);
  if (!tone || !props.budgetUsd) return <span className="faint">no budget set</span>;
  return (
    <span className={`budget-${tone}`} title={`Your ${props.kind} budget is ${formatUsd(props.budgetUsd)}`}>
      {`${Math.round((props.usd / props.budgetUsd) * 100)}% of ${formatUsd(props.budgetUsd)} budget`}
    </span>
  );
}

function Prominent(props: { pace: Pace | null; budgets: Budgets; loading: boolean }) {
  const p = props.pace;
  const cells = [
    { id: 'hour', label: 'Last hour', title: 'What the last 60 minutes cost', value: p ? `${formatUsd(p.usdPerHour)}/h` : '—', sub: 'the rate now' },
    {
      id: 'today',
      label: 'By midnight',
      title: "Today so far, plus the last hour's rate until midnight",
      value: p ? formatUsd(p.projectedTodayUsd) : '—',
      sub: p && <Against usd={p.projectedTodayUsd} budgetUsd={props.budgets.dailyUsd} kind="daily" />,
    },
    {
      id: 'month',
      label: "By month's end",
      title: "The month so far, plus its daily average for the days left",
      value: p ? formatUsd(p.projectedMonthUsd) : '—',
      sub: p && <Against usd={p.projectedMonthUsd} budgetUsd={props.budgets.monthlyUsd} kind="monthly" />,
    },
  ];
  return (
    <div className="pace-grid" data-testid="budget-pace">
      {cells.map((c) => (
        <div className="pace-cell" key={c.id} title={c.title}>
          <div className="pace-label">{c.label}</div>
          <Value loading={props.loading} className="pace-value" testId={`pace-${c.id}`}>
            {c.value}
          </Value>
          <div className="pace-sub">{props.loading ? '\u00a0' : (c.sub ?? '\u00a0')}</div>
        </div>
      ))}
    </div>
  );
}

function Amount(props: { usd: number; budgetUsd: number | null; testId: string }) {
  const tone = budgetTone(props.usd, props.budgetUsd);
  return (
    <b className={tone ? `budget-${tone}` : undefined} data-testid={props.testId} title={props.budgetUsd ? `Budget: ${formatUsd(props.budgetUsd)}` : undefined}>
      {formatUsd(props.usd)}
    </b>
  );
}

export function BudgetPace(props: { pace: Pace | null; budgets: Budgets; loading: boolean; prominent: boolean }) {
  if (props.prominent) return <Prominent pace={props.pace} budgets={props.budgets} loading={props.loading} />;
  const p = props.pace;
  return (
    <p className="pace-line small muted" data-testid="budget-pace">
      {p ? (
        <>
          Spending <b data-testid="pace-hour">{formatUsd(p.usdPerHour)}/h</b> · today heading for <Amount usd={p.projectedTodayUsd} budgetUsd={props.budgets.dailyUsd} testId="pace-today" /> · this month for{' '}
          <Amount usd={p.projectedMonthUsd} budgetUsd={props.budgets.monthlyUsd} testId="pace-month" />
        </>
      ) : (
        '\u00a0'
      )}
    </p>
  );
}
