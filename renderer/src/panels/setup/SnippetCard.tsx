/** The env-var snippet that turns on Claude Code's telemetry: per mode and shell, with Copy. */
import { useState } from 'react';
import type { ApiResults } from '../../../../electron/core/api/contract.js';
import { shells, telemetryModes, type Shell, type TelemetryMode } from '../../../../electron/core/api/domain.js';
import { describeError } from '../../api/errors.js';
import { Callout } from '../../components/Callout.js';
import { ErrorCallout } from '../../components/ErrorCallout.js';
import { Card, Segmented } from '../../components/ui.js';
import { guessShell } from '../../lib/shell.js';
import { useEnvSnippet } from '../../query/queries.js';
import { copyText } from './copyText.js';

const shellNames: Record<Shell, string> = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd', json: 'settings.json' };
const modeNames: Record<TelemetryMode, string> = { push: 'Push (recommended)', scrape: 'Scrape :9464' };


export function SnippetCard(props: { mode: TelemetryMode; onMode: (mode: TelemetryMode) => void; lost: ApiResults['checkLostSessions'] | null }) {
  const { mode } = props;
  const [shell, setShell] = useState<Shell>(() => guessShell(navigator.platform));
  // 'ok', or why the copy failed; null until Copy is pressed for this snippet.
  const [copied, setCopied] = useState<string | null>(null);
  const query = useEnvSnippet(shell, mode);
  const snippet = query.data;
  const onShell = (s: Shell): void => {
    setCopied(null);
    setShell(s);
  };
  const onMode = (m: TelemetryMode): void => {
    setCopied(null);
    props.onMode(m);
  };
  const onCopy = async (): Promise<void> => {
    if (!snippet) return;
    try {
      await copyText(snippet.text);
      setCopied('ok');
    } catch (err) {
      setCopied(describeError(err).message);
    }
  };
  return (
    <Card title="Send Claude Code's telemetry here" labelledBy="setup-title" testId="setup-panel" className="wide">
      <Segmented label="How telemetry reaches the stack" options={telemetryModes} value={mode} onChange={onMode} render={(m) => modeNames[m]} testId="mode-switch" />
      <p className="explain" data-testid="mode-explanation">
        {snippet?.mode === mode ? snippet.explanation : '\u00a0'}
      </p>
      {props.lost?.status === 'lost-sessions' && <Callout tone="bad" title={props.lost.detail} detail={props.lost.hint} testId="setup-lost-sessions" />}
      <Segmented label="Shell" role="tablist" controls="snippet" options={shells} value={shell} onChange={onShell} render={(s) => shellNames[s]} testId="shell-tabs" />
      {query.isError && <ErrorCallout error={describeError(query.error)} lead="No snippet:" testId="snippet-error" />}
      <pre id="snippet" className="snippet mono" data-testid="snippet" data-shell={snippet?.shell} data-mode={snippet?.mode} tabIndex={0} aria-label={`${shellNames[shell]} snippet`}>
        {snippet?.text ?? ' '}
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
  );
}
