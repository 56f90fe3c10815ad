/** Claude Code's :9464 exporter (scrape mode): is it answering, its sessions, and what that means here. */
import type { ApiResults } from '../../../../electron/core/api/contract.js';
import type { TelemetryMode } from '../../../../electron/core/api/domain.js';
import type { ProbeResult } from '../../../../electron/core/api/types.js';
import { Callout } from '../../components/Callout.js';
import { ErrorText } from '../../components/ErrorCallout.js';
import { Card, Pill } from '../../components/ui.js';
import { formatAgo, formatUsd } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';
import type { Tone } from '../../lib/stack.js';

function probeMeaning(p: ProbeResult, mode: TelemetryMode | undefined): string {
  if (!p.reachable) {
    return mode === 'push'
      ? 'Expected in push mode: Claude Code sends its metrics straight to Prometheus, no exporter port is opened.'
      : 'No Claude Code session is exporting on this port now. It appears while a session with OTEL_METRICS_EXPORTER=prometheus runs.';
  }
  if (p.sessions.length === 0) return 'A Claude Code process is listening but has not reported any session yet.';
  return 'Prometheus scrapes this port. Only one session at a time can own it; others running at once are not counted.';
}

function probeTone(p: ProbeResult | null, mode: TelemetryMode | undefined): Tone {
  if (!p) return 'idle';
  if (p.reachable) return p.error ? 'warn' : 'ok';
  return mode === 'push' ? 'idle' : 'warn';
}

function Probed(props: { probe: ProbeResult; lost: ApiResults['checkLostSessions'] | null; mode: TelemetryMode | undefined; now: number }) {
  const { probe: p, lost } = props;
  return (
    <>
      <div className="mono muted small">
        {p.url}
        {p.version ? ` · Claude Code ${p.version}` : ''} · checked {formatAgo(Date.parse(p.checkedAt), props.now)}
      </div>
      <p className="meaning" data-testid="exporter-meaning">
        {probeMeaning(p, props.mode)}
      </p>
      {p.error && <p className="bad-text small">{p.error}</p>}
      {lost && lost.status !== 'ok' && lost.status !== 'unknown' && <Callout tone={lost.recommendPush ? 'bad' : undefined} title={lost.detail} detail={lost.hint} testId="lost-sessions" />}
      {p.sessions.length > 0 && (
        <ul className="sessions">
          {p.sessions.map((s) => (
            <li key={s.sessionId}>
              <span className="mono">{s.sessionId.slice(0, 8)}</span>
              <b>{formatUsd(s.costUsd)}</b>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ExporterCard(props: { probe: DataState<ProbeResult>; lost: ApiResults['checkLostSessions'] | null; mode: TelemetryMode | undefined; now: number }) {
  const p = props.probe.data;
  return (
    <Card
      title="Claude Code exporter"
      labelledBy="exporter-title"
      testId="exporter-panel"
      actions={
        <Pill tone={probeTone(p, props.mode)} testId="exporter-state">
          {!p ? (props.probe.error ? 'Unknown' : 'Checking…') : p.reachable ? 'Answering' : 'Not running'}
        </Pill>
      }
    >
      {p ? <Probed probe={p} lost={props.lost} mode={props.mode} now={props.now} /> : props.probe.error ? <ErrorText error={props.probe.error} muted /> : <p className="muted">{'\u00a0'}</p>}
    </Card>
  );
}
