/** What "Apply" would change in Claude Code's settings.json, by section: env variables, the status line, the hooks. */
import type { ClaudeEnvPlan } from '../../../../electron/core/env/types.js';
import { groupChanges, sectionTitles, wrappedStatusLine } from '../../lib/planChanges.js';
import { ChangeItem } from './ChangeItem.js';

export function PlanView(props: { plan: ClaudeEnvPlan }) {
  const { plan } = props;
  if (plan.changes.length === 0) return <p className="muted">Already set up: {plan.file} has these settings.</p>;
  const wraps = plan.changes.map(wrappedStatusLine).find((c) => c !== null) ?? null;
  return (
    <div className="plan" data-testid="apply-plan">
      <div className="small muted">
        {plan.exists ? 'Changes to' : 'Creates'} <span className="mono">{plan.file}</span>; every other setting is kept.
      </div>
      {groupChanges(plan.changes).map((g) => (
        <section key={g.section} className="plan-section" data-testid={`plan-${g.section}`}>
          <h3 className="plan-title">{sectionTitles[g.section]}</h3>
          <ul className="diff mono">
            {g.changes.map((c) => (
              <ChangeItem key={c.key} change={c} />
            ))}
          </ul>
        </section>
      ))}
      {wraps && (
        <div className="callout small" data-testid="apply-wraps">
          Your status line is kept: ours wraps <code className="mono">{wraps}</code>, which prints as before; ours adds the plan limits after it. Revert puts it back as it was.
        </div>
      )}
      {plan.keptUserValues.length > 0 && <div className="small muted">Left alone (you changed them): {plan.keptUserValues.join(', ')}</div>}
    </div>
  );
}
