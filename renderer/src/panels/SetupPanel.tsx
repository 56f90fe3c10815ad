/** Turning on Claude Code's telemetry: the snippet per shell, Copy, and Apply with a preview. */
import { useEffect, useState } from 'react';
import type { Dashboard } from '../useDashboard.js';
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import { shells, telemetryModes, type Shell, type TelemetryMode } from '../../../electron/core/api/domain.js';
import type { ClaudeEnvPlan, EnvSnippet } from '../../../electron/core/env/types.js';
import { describeError } from '../api/errors.js';
import { Card, Segmented } from '../components/ui.js';
import { guessShell } from '../lib/shell.js';

type Mode = TelemetryMode;
type Plan = ClaudeEnvPlan;

export const shellNames: Record<Shell, string> = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd', json: 'settings.json' };


async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The clipboard is not available here; select the text and copy it.');
}

function PlanView(props: { plan: Plan }) {
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
            {c.before === null ? `+ ${c.key}=${c.after}` : c.after === null ? `- ${c.key}=${c.before}` : `~ ${c.key}: ${c.before} → ${c.after}`}
          </li>
        ))}
      </ul>
      {plan.keptUserValues.length > 0 && <div className="small muted">Left alone (you changed them): {plan.keptUserValues.join(', ')}</div>}
    </div>
  );
}

export function SetupPanel(props: { bridge: RendererBridge; defaultMode: Mode | undefined; settingsFile: string | undefined; lost?: Dashboard['lost'] }) {
  const { bridge } = props;
  const [mode, setMode] = useState<Mode>(props.defaultMode ?? 'push');
  const [shell, setShell] = useState<Shell>(() => guessShell(navigator.platform));
  const [snippet, setSnippet] = useState<EnvSnippet | null>(null);
  const [snippetError, setSnippetError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'ok' | string | null>(null);
  const [preview, setPreview] = useState<Plan | null>(null);
  const [result, setResult] = useState<{ plan: Plan; verb: 'apply' | 'revert' } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | 'revert' | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);

  useEffect(() => {
    if (props.defaultMode) setMode(props.defaultMode);
  }, [props.defaultMode]);

  useEffect(() => {
    let live = true;
    bridge.getEnvSnippet({ shell, mode }).then(
      (s) => {
        if (!live) return;
        setSnippet(s);
        setSnippetError(null);
      },
      (err: unknown) => live && setSnippetError(describeError(err).message),
    );
    setCopied(null);
    return () => {
      live = false;
    };
  }, [bridge, shell, mode]);

  useEffect(() => {
    setPreview(null);
  }, [mode]);

  const onCopy = async (): Promise<void> => {
    if (!snippet) return;
    try {
      await copyText(snippet.text);
      setCopied('ok');
    } catch (err) {
      setCopied(describeError(err).message);
    }
  };

  const run = async (what: 'preview' | 'apply' | 'revert'): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'preview') {
        setResult(null);
        setPreview(await bridge.previewApplyEnv({ mode }));
      } else if (what === 'apply') {
        const plan = await bridge.applyEnv({ mode });
        setPreview(null);
        setResult({ plan, verb: 'apply' });
      } else {
        const plan = await bridge.revertEnv({});
        setPreview(null);
        setResult({ plan, verb: 'revert' });
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="grid" data-testid="setup-view">
      <Card title="Send Claude Code's telemetry here" labelledBy="setup-title" testId="setup-panel" className="wide">
        <Segmented
          label="How telemetry reaches the stack"
          options={telemetryModes}
          value={mode}
          onChange={setMode}
          render={(m) => (m === 'push' ? 'Push (recommended)' : 'Scrape :9464')}
          testId="mode-switch"
        />
        <p className="explain" data-testid="mode-explanation">
          {snippet?.mode === mode ? snippet.explanation : '\u00a0'}
        </p>
        {props.lost?.status === 'lost-sessions' && (
          <div className="callout callout-bad" data-testid="setup-lost-sessions">
            <strong>{props.lost.detail}</strong>
            {props.lost.hint && <p>{props.lost.hint}</p>}
          </div>
        )}
        <Segmented label="Shell" role="tablist" controls="snippet" options={shells} value={shell} onChange={setShell} render={(s) => shellNames[s]} testId="shell-tabs" />
        <pre id="snippet" className="snippet mono" data-testid="snippet" data-shell={snippet?.shell} data-mode={snippet?.mode} tabIndex={0} aria-label={`${shellNames[shell]} snippet`}>
          {snippetError ?? snippet?.text ?? ' '}
        </pre>
        <div className="snippet-foot">
          <div className="small muted" data-testid="snippet-where">
            {copied && copied !== 'ok' ? <span className="bad-text">{copied}</span> : (snippet?.where ?? '\u00a0')}
          </div>
          <button type="button" className="btn btn-small copy" onClick={() => void onCopy()} disabled={!snippet} data-testid="copy-snippet">
            {copied === 'ok' ? 'Copied ✓' : 'Copy'}
          </button>
        </div>
      </Card>
      <Card title="Apply to Claude Code settings" labelledBy="apply-title" testId="apply-panel" className="wide">
        <p className="small">
          Writes these variables into <span className="mono">{props.settingsFile ?? '~/.claude/settings.json'}</span> (its <span className="mono">env</span> block), so every new Claude Code
          session sends telemetry, whatever the shell. A backup is kept; Revert takes out only what was added.
        </p>
        {preview && <PlanView plan={preview} />}
        {result && (
          <div className={`callout ${result.plan.applied ? 'callout-ok' : ''}`} data-testid="apply-result" role="status">
            {result.plan.applied ? (
              <>
                <strong>{result.verb === 'apply' ? 'Applied.' : 'Reverted.'}</strong> {result.verb === 'apply' ? 'New Claude Code sessions pick this up; restart running ones.' : 'The variables are gone from the settings.'}
                {result.plan.backupFile && (
                  <div className="small muted">
                    Backup: <span className="mono">{result.plan.backupFile}</span>
                  </div>
                )}
              </>
            ) : (
              <strong>{result.verb === 'apply' ? 'Already applied; nothing changed.' : 'Nothing of ours to remove.'}</strong>
            )}
          </div>
        )}
        {error && (
          <div className="callout callout-bad" data-testid="apply-error" role="alert">
            <strong>{error.message}</strong>
            {error.hint && <p>{error.hint}</p>}
          </div>
        )}
        <div className="row-actions">
          {preview && preview.changes.length > 0 ? (
            <>
              <button type="button" className="btn btn-primary" onClick={() => void run('apply')} disabled={busy !== null} data-testid="apply-confirm">
                {busy === 'apply' ? 'Applying…' : 'Apply these changes'}
              </button>
              <button type="button" className="btn" onClick={() => setPreview(null)} disabled={busy !== null}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void run('preview')} disabled={busy !== null} data-testid="apply-preview">
              {busy === 'preview' ? 'Checking…' : 'Preview and apply…'}
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={() => void run('revert')} disabled={busy !== null} data-testid="apply-revert">
            {busy === 'revert' ? 'Reverting…' : 'Revert'}
          </button>
        </div>
      </Card>
    </div>
  );
}
