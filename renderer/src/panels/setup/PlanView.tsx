/** What "Apply" would change in Claude Code's settings.json: added, removed and changed env keys. */
import type { ClaudeEnvPlan } from '../../../../electron/core/env/types.js';

const line = (c: ClaudeEnvPlan['changes'][number]): string =>
  c.before === null ? `+ ${c.key}=${c.after}` : c.after === null ? `- ${c.key}=${c.before}` : `~ ${c.key}: ${c.before} → ${c.after}`;

export function PlanView(props: { plan: ClaudeEnvPlan }) {
  const { plan } = props;
  if (plan.changes.length === 0) return <p className="muted">Already set up: {plan.file} has these settings.</p>;
  return (
    <div className="plan" data-testid="apply-plan">
      <div className="small muted">
        {plan.exists ? 'Changes to' : 'Creates'} <span className="mono">{plan.file}</span> under <span className="mono">"env"</span>; every other setting is kept.
      </div>
      <ul className="diff mono">
        {plan.changes.map((c) => (
          <li key={c.key} className={c.before === null ? 'add' : c.after === null ? 'del' : 'mod'}>
            {line(c)}
          </li>
        ))}
      </ul>
      {plan.keptUserValues.length > 0 && <div className="small muted">Left alone (you changed them): {plan.keptUserValues.join(', ')}</div>}
    </div>
  );
}
