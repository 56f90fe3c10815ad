/** "Apply to Claude Code settings": choose what to install, preview the change to settings.json, apply it, or revert it. */
import { useState } from 'react';
import type { TelemetryMode } from '../../../../electron/core/api/domain.js';
import { ErrorCallout } from '../../components/ErrorCallout.js';
import { Card } from '../../components/ui.js';
import type { EnvActions } from '../../query/useEnvActions.js';
import { InstallOptions, type InstallParts } from './InstallOptions.js';
import { PlanView } from './PlanView.js';

function Result(props: { result: NonNullable<EnvActions['result']> }) {
  const { plan, verb } = props.result;
  return (
    <div className={`callout ${plan.applied ? 'callout-ok' : ''}`} data-testid="apply-result" role="status">
      {plan.applied ? (
        <>
          <strong>{verb === 'apply' ? 'Applied.' : 'Reverted.'}</strong> {verb === 'apply' ? 'New Claude Code sessions pick this up; restart running ones.' : 'What Apply added is gone from the settings.'}
          {plan.backupFile && (
            <div className="small muted">
              Backup: <span className="mono">{plan.backupFile}</span>
            </div>
          )}
        </>
      ) : (
        <strong>{verb === 'apply' ? 'Already applied; nothing changed.' : 'Nothing of ours to remove.'}</strong>
      )}
    </div>
  );
}

export function ApplyCard(props: { mode: TelemetryMode; settingsFile: string | undefined; env: EnvActions }) {
  const { env, mode } = props;
  const [parts, setParts] = useState<InstallParts>({ statusLine: true, hooks: true });
  const busy = env.busy !== null;
  const onParts = (next: InstallParts): void => {
    setParts(next);
    // A preview describes one choice.
    env.clearPreview();
  };
  return (
    <Card title="Apply to Claude Code settings" labelledBy="apply-title" testId="apply-panel" className="wide">
      <p className="small">
        Writes these variables into <span className="mono">{props.settingsFile ?? '~/.claude/settings.json'}</span> (its <span className="mono">env</span> block), so every new Claude Code
        session sends telemetry, whatever the shell. A backup is kept; Revert takes out only what was added.
      </p>
      <InstallOptions value={parts} onChange={onParts} disabled={busy} />
      {env.preview && <PlanView plan={env.preview} />}
      {env.result && <Result result={env.result} />}
      {env.error && <ErrorCallout error={env.error} testId="apply-error" />}
      <div className="row-actions">
        {env.preview && env.preview.changes.length > 0 ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => env.runWrite({ verb: 'apply', mode, ...parts })} disabled={busy} data-testid="apply-confirm">
              {env.busy === 'apply' ? 'Applying…' : 'Apply these changes'}
            </button>
            <button type="button" className="btn" onClick={env.clearPreview} disabled={busy}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => env.runPreview({ mode, ...parts })} disabled={busy} data-testid="apply-preview">
            {env.busy === 'preview' ? 'Checking…' : 'Preview and apply…'}
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => env.runWrite({ verb: 'revert' })} disabled={busy} data-testid="apply-revert">
          {env.busy === 'revert' ? 'Reverting…' : 'Revert'}
        </button>
      </div>
    </Card>
  );
}
