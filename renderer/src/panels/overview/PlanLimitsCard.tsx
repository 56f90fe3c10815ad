/**
 * The plan limits (claude.ai subscribers): the 5-hour and 7-day windows, with their pace, and the
 * budget pace below. Where no window was ever reported: why, and the budget pace instead.
 * The gauges paint from the summary's planLimits at once; getLimits (polled) brings the budget pace.
 */
import type { PlanLimitsView, Summary } from '../../../../electron/core/api/types.js';
import { Card, ExternalButton } from '../../components/ui.js';
import { dataState, type DataState } from '../../lib/freshness.js';
import { noPlanLimits } from '../../lib/planLimits.js';
import { useBudgets, useLimits } from '../../query/queries.js';
import { BudgetPace } from './BudgetPace.js';
import { LimitGauge } from './LimitGauge.js';

function NoPlanLimits(props: { onSetup: () => void }) {
  return (
    <div className="no-limits" data-testid="no-plan-limits">
      <div className="no-limits-title">No plan limits reported</div>
      <p className="small muted">
        Plan limits come from a claude.ai subscription, through Claude Code's status line;{' '}
        <button type="button" className="link" onClick={props.onSetup}>
          Setup
        </button>{' '}
        installs it.
      </p>
    </div>
  );
}

function Skeleton() {
  return (
    <div className="gauges" aria-busy="true" aria-label="Loading plan limits">
      {[0, 1].map((i) => (
        <div className="gauge" key={i}>
          <span className="skeleton" style={{ width: '100%', height: '8px' }} />
        </div>
      ))}
    </div>
  );
}

export function PlanLimitsCard(props: { summary: DataState<Summary>; now: number; onSetup: () => void; grafana: string | undefined }) {
  const limits = dataState(useLimits());
  const budgets = useBudgets();
  const plan: PlanLimitsView | null = limits.data ?? props.summary.data?.planLimits ?? null;
  const none = plan !== null && noPlanLimits(plan);
  const stale = limits.state === 'stale' || (limits.data === null && props.summary.state === 'stale');
  return (
    <Card
      title="Plan limits"
      labelledBy="limits-title"
      testId="plan-limits"
      stale={stale}
      actions={
        none || plan === null ? undefined : (
          <ExternalButton href={props.grafana} testId="open-grafana-plan" title="How each window filled up, in Grafana" small>
            Grafana
          </ExternalButton>
        )
      }
    >
      {plan === null ? (
        limits.state === 'unavailable' && props.summary.state === 'unavailable' ? <p className="muted">No data.</p> : <Skeleton />
      ) : none ? (
        <NoPlanLimits onSetup={props.onSetup} />
      ) : (
        <div className="gauges">
          <LimitGauge name="fiveHour" window={plan.fiveHour} now={props.now} />
          <LimitGauge name="sevenDay" window={plan.sevenDay} now={props.now} />
        </div>
      )}
      {plan !== null && <BudgetPace pace={limits.data?.budget ?? null} budgets={budgets} loading={limits.state === 'loading'} prominent={none} />}
    </Card>
  );
}
