/** Starting the stack: the image pull's progress, or an indeterminate bar until the first report. */
import type { PullProgress } from '../../../../electron/core/api/types.js';

export function PullProgressBar(props: { pull: PullProgress | null }) {
  const percent = props.pull ? Math.round(props.pull.fraction * 100) : undefined;
  return (
    <div className="progress" data-testid="pull-progress" aria-live="polite">
      <div className="progress-label">{props.pull ? `Pulling ${props.pull.image}: ${props.pull.detail}` : 'Starting the stack…'}</div>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span className={props.pull ? '' : 'indeterminate'} style={percent !== undefined ? { width: `${percent}%` } : undefined} />
      </div>
    </div>
  );
}
