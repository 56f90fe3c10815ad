/** The monitoring stack: engine, services, Start/Stop with the pull's progress, and their failures. */
import { ErrorCallout } from '../../components/ErrorCallout.js';
import { Card, Pill } from '../../components/ui.js';
import { dataState } from '../../lib/freshness.js';
import { stackSummary } from '../../lib/stack.js';
import { useStackStatus } from '../../query/queries.js';
import { usePullProgress } from '../../query/usePullProgress.js';
import { useStackAction, type StackAction } from '../../query/useStackAction.js';
import { PullProgressBar } from './PullProgressBar.js';
import { EngineLine, ServiceList } from './ServiceList.js';

export function StackCard() {
  const stack = dataState(useStackStatus());
  const action = useStackAction();
  const [pull, setPull] = usePullProgress();
  const status = stack.data;
  const summary = stackSummary(status);
  const unavailable = stack.state === 'unavailable';
  const run = (a: StackAction): void => {
    setPull(null);
    action.run(a);
  };
  return (
    <Card
      title="Monitoring stack"
      labelledBy="stack-title"
      testId="stack-panel"
      actions={
        <Pill tone={unavailable ? 'bad' : summary.tone} testId="stack-state">
          {unavailable ? 'Unavailable' : stack.state === 'loading' ? 'Checking…' : summary.label}
        </Pill>
      }
    >
      {unavailable && stack.error && <ErrorCallout error={stack.error} testId="stack-error" />}
      {status && (
        <>
          <EngineLine engine={status.engine} />
          <ServiceList services={status.services} />
        </>
      )}
      {action.busy === 'up' && <PullProgressBar pull={pull} />}
      {action.error && <ErrorCallout error={action.error} testId="stack-action-error" />}
      <div className="row-actions">
        <button type="button" className="btn btn-primary" onClick={() => run('up')} disabled={action.busy !== null || !summary.canStart} data-testid="stack-start">
          {action.busy === 'up' ? 'Starting…' : 'Start'}
        </button>
        <button type="button" className="btn" onClick={() => run('down')} disabled={action.busy !== null || !summary.canStop} data-testid="stack-stop">
          {action.busy === 'down' ? 'Stopping…' : 'Stop'}
        </button>
        <span className="muted small">Data is kept when the stack stops.</span>
      </div>
    </Card>
  );
}
