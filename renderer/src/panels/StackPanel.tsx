/** The monitoring stack (engine, services, Start/Stop with pull progress) and the exporter probe. */
import type { TelemetryMode } from '../../../electron/core/api/domain.js';
import type { ProbeResult } from '../../../electron/core/api/types.js';
import { Card, ExternalButton, Pill } from '../components/ui.js';
import { formatAgo, formatUsd } from '../lib/format.js';
import type { Loadable } from '../lib/freshness.js';
import { serviceLabel, serviceTone, stackSummary } from '../lib/stack.js';
import type { Dashboard } from '../useDashboard.js';

const serviceTitles = { prometheus: 'Prometheus', loki: 'Loki', grafana: 'Grafana' } as const;
const serviceRoles = { prometheus: 'metrics', loki: 'events and logs', grafana: 'dashboards' } as const;

export function StackCard(props: { dash: Dashboard }) {
  const { stack, stackBusy, stackError, pull } = props.dash;
  const status = stack.data;
  const summary = stackSummary(status);
  const unavailable = !status && stack.error;
  return (
    <Card
      title="Monitoring stack"
      labelledBy="stack-title"
      testId="stack-panel"
      actions={
        <Pill tone={unavailable ? 'bad' : summary.tone} testId="stack-state">
          {unavailable ? 'Unavailable' : stack.loading && !status ? 'Checking…' : summary.label}
        </Pill>
      }
    >
      {unavailable && (
        <div className="callout callout-bad" data-testid="stack-error">
          <strong>{stack.error!.message}</strong>
          {stack.error!.hint && <p>{stack.error!.hint}</p>}
        </div>
      )}
      {status && (
        <>
          <div className="engine" data-testid="engine">
            <span className="muted">Container engine</span>{' '}
            {status.engine.reachable ? (
              <span>
                Docker {status.engine.version ?? ''} <span className="muted mono">{status.engine.socket ?? ''}</span>
              </span>
            ) : (
              <span className="bad-text">not reachable</span>
            )}
          </div>
          {!status.engine.reachable && status.engine.error && (
            <div className="callout callout-bad" data-testid="engine-error">
              <strong>{status.engine.error}</strong>
              {status.engine.hint && <p>{status.engine.hint}</p>}
            </div>
          )}
          <ul className="services">
            {status.services.map((s) => (
              <li key={s.name} className="service" data-testid={`service-${s.name}`} data-state={s.state} data-ready={s.ready}>
                <div className="service-name">
                  {serviceTitles[s.name]} <span className="muted">{serviceRoles[s.name]}</span>
                </div>
                <Pill tone={serviceTone(s)}>{serviceLabel(s)}</Pill>
                {s.ready && s.url ? (
                  <a className="service-url mono" href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.url.replace(/^https?:\/\//, '')}
                  </a>
                ) : (
                  <span className="service-url mono muted">{s.url.replace(/^https?:\/\//, '')}</span>
                )}
                {(s.error || s.hint) && (
                  <div className="service-error">
                    {s.error && <span className="bad-text">{s.error}</span>} {s.hint && <span className="muted">{s.hint}</span>}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {stackBusy === 'up' && (
        <div className="progress" data-testid="pull-progress" aria-live="polite">
          <div className="progress-label">{pull ? `Pulling ${pull.image}: ${pull.detail}` : 'Starting the stack…'}</div>
          <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pull ? Math.round(pull.fraction * 100) : undefined}>
            <span className={pull ? '' : 'indeterminate'} style={pull ? { width: `${Math.round(pull.fraction * 100)}%` } : undefined} />
          </div>
        </div>
      )}
      {stackError && (
        <div className="callout callout-bad" data-testid="stack-action-error">
          <strong>{stackError.message}</strong>
          {stackError.hint && <p>{stackError.hint}</p>}
        </div>
      )}
      <div className="row-actions">
        <button type="button" className="btn btn-primary" onClick={props.dash.startStack} disabled={stackBusy !== null || !summary.canStart} data-testid="stack-start">
          {stackBusy === 'up' ? 'Starting…' : 'Start'}
        </button>
        <button type="button" className="btn" onClick={props.dash.stopStack} disabled={stackBusy !== null || !summary.canStop} data-testid="stack-stop">
          {stackBusy === 'down' ? 'Stopping…' : 'Stop'}
        </button>
        <span className="muted small">Data is kept when the stack stops.</span>
      </div>
    </Card>
  );
}

function probeMeaning(p: ProbeResult, mode: TelemetryMode | undefined): string {
  if (!p.reachable) {
    return mode === 'push'
      ? 'Expected in push mode: Claude Code sends its metrics straight to Prometheus, no exporter port is opened.'
      : 'No Claude Code session is exporting on this port now. It appears while a session with OTEL_METRICS_EXPORTER=prometheus runs.';
  }
  if (p.sessions.length === 0) return 'A Claude Code process is listening but has not reported any session yet.';
  return 'Prometheus scrapes this port. Only one session at a time can own it; others running at once are not counted.';
}

export function ExporterCard(props: { probe: Loadable<ProbeResult>; lost: Dashboard['lost']; mode: TelemetryMode | undefined; now: number }) {
  const p = props.probe.data;
  return (
    <Card
      title="Claude Code exporter"
      labelledBy="exporter-title"
      testId="exporter-panel"
      actions={
        <Pill tone={!p ? 'idle' : p.reachable ? (p.error ? 'warn' : 'ok') : props.mode === 'push' ? 'idle' : 'warn'} testId="exporter-state">
          {!p ? (props.probe.error ? 'Unknown' : 'Checking…') : p.reachable ? 'Answering' : 'Not running'}
        </Pill>
      }
    >
      {p ? (
        <>
          <div className="mono muted small">
            {p.url}
            {p.version ? ` · Claude Code ${p.version}` : ''} · checked {formatAgo(Date.parse(p.checkedAt), props.now)}
          </div>
          <p className="meaning" data-testid="exporter-meaning">
            {probeMeaning(p, props.mode)}
          </p>
          {p.error && <p className="bad-text small">{p.error}</p>}
          {props.lost && props.lost.status !== 'ok' && props.lost.status !== 'unknown' && (
            <div className={`callout ${props.lost.recommendPush ? 'callout-bad' : ''}`} data-testid="lost-sessions">
              <strong>{props.lost.detail}</strong>
              {props.lost.hint && <p>{props.lost.hint}</p>}
            </div>
          )}
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
      ) : (
        <p className="muted">{props.probe.error ? props.probe.error.message : '\u00a0'}</p>
      )}
    </Card>
  );
}

export function StackPanel(props: { dash: Dashboard; now: number; grafanaHome: string | null }) {
  return (
    <div className="grid" data-testid="stack-view">
      <StackCard dash={props.dash} />
      <ExporterCard probe={props.dash.probe} lost={props.dash.lost} mode={props.dash.info?.telemetryMode} now={props.now} />
      <Card title="Open" labelledBy="open-title">
        <div className="row-actions">
          <ExternalButton href={props.grafanaHome} testId="open-grafana-home">
            Grafana
          </ExternalButton>
          <ExternalButton href={props.dash.info?.prometheusUrl}>Prometheus</ExternalButton>
        </div>
      </Card>
    </div>
  );
}
