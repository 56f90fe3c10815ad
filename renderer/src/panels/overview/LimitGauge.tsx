/** One plan-limit window: the used % in its colour, a bar with the pace's projection, the reset countdown and the pace line. */
import type { PlanWindowView } from '../../../../electron/core/api/types.js';
import { gaugeView } from '../../lib/planLimits.js';
import { formatAgo } from '../../lib/format.js';
import { formatHm } from '../../lib/when.js';

export type LimitWindow = 'fiveHour' | 'sevenDay';

const names: Record<LimitWindow, { label: string; long: string }> = {
  fiveHour: { label: '5 hours', long: "Your claude.ai plan's 5-hour limit" },
  sevenDay: { label: '7 days', long: "Your claude.ai plan's weekly limit" },
};

function Bar(props: { used: number; projected: number; paceTone: string; overflow: boolean; reset: boolean; text: string }) {
  const ahead = Math.max(0, props.projected - props.used);
  return (
    <div className="gauge-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={props.used} aria-valuetext={props.text}>
      <span className="gauge-fill" style={{ width: `${props.used}%` }} />
      {!props.reset && ahead > 0 && <span className={`gauge-ahead tone-${props.paceTone}`} style={{ left: `${props.used}%`, width: `${ahead}%` }} />}
      {!props.reset && <span className={`gauge-marker tone-${props.paceTone}${props.overflow ? ' overflow' : ''}`} style={{ left: `${props.projected}%` }} />}
    </div>
  );
}

export function LimitGauge(props: { name: LimitWindow; window: PlanWindowView | null; now: number }) {
  const { name, window: w } = props;
  const testId = `limit-${name}`;
  if (!w) {
    return (
      <div className="gauge gauge-none" data-testid={testId}>
        <div className="gauge-head">
          <span className="gauge-label">{names[name].label}</span>
          <span className="muted small">not reported</span>
        </div>
      </div>
    );
  }
  const g = gaugeView(w, props.now);
  const resetsAt = Date.parse(w.resetsAt);
  return (
    <div className={`gauge tone-${g.tone}`} data-testid={testId} data-tone={g.tone} data-reset={g.reset ? 'true' : undefined}>
      <div className="gauge-head">
        <span className="gauge-label" title={`${names[name].long}; reported by Claude Code's status line ${formatAgo(Date.parse(w.observedAt), props.now)}`}>
          {names[name].label}
        </span>
        <span className="gauge-countdown" data-testid={`${testId}-countdown`} title={g.reset ? undefined : `at ${formatHm(resetsAt)}`}>
          {g.countdown}
        </span>
        <span className="gauge-percent" data-testid={`${testId}-percent`}>
          {g.usedPercent}%
        </span>
      </div>
      <Bar used={g.usedPercent} projected={g.projectedPercent} paceTone={g.paceTone} overflow={g.overflow} reset={g.reset} text={`${g.usedPercent}% used; ${g.pace ?? g.countdown}`} />
      {g.pace && (
        <div className={`gauge-pace pace-${g.paceTone}`} data-testid={`${testId}-pace`}>
          {g.pace}
        </div>
      )}
    </div>
  );
}
