/** The container engine and the stack's services: state, readiness, URL, and what went wrong. */
import type { StackStatus } from '../../../../electron/core/api/types.js';
import type { ServiceName } from '../../../../electron/core/api/domain.js';
import { Callout } from '../../components/Callout.js';
import { Pill } from '../../components/ui.js';
import { serviceLabel, serviceTone } from '../../lib/stack.js';

const serviceTitles: Record<ServiceName, string> = { prometheus: 'Prometheus', loki: 'Loki', grafana: 'Grafana' };
const serviceRoles: Record<ServiceName, string> = { prometheus: 'metrics', loki: 'events and logs', grafana: 'dashboards' };
const bare = (url: string): string => url.replace(/^https?:\/\//, '');

export function EngineLine(props: { engine: StackStatus['engine'] }) {
  const e = props.engine;
  return (
    <>
      <div className="engine" data-testid="engine">
        <span className="muted">Container engine</span>{' '}
        {e.reachable ? (
          <span>
            Docker {e.version ?? ''} <span className="muted mono">{e.socket ?? ''}</span>
          </span>
        ) : (
          <span className="bad-text">not reachable</span>
        )}
      </div>
      {!e.reachable && e.error && <Callout tone="bad" title={e.error} detail={e.hint} testId="engine-error" />}
    </>
  );
}

export function ServiceList(props: { services: StackStatus['services'] }) {
  return (
    <ul className="services">
      {props.services.map((s) => (
        <li key={s.name} className="service" data-testid={`service-${s.name}`} data-state={s.state} data-ready={s.ready}>
          <div className="service-name">
            {serviceTitles[s.name]} <span className="muted">{serviceRoles[s.name]}</span>
          </div>
          <Pill tone={serviceTone(s)}>{serviceLabel(s)}</Pill>
          {s.ready && s.url ? (
            <a className="service-url mono" href={s.url} target="_blank" rel="noopener noreferrer">
              {bare(s.url)}
            </a>
          ) : (
            <span className="service-url mono muted">{bare(s.url)}</span>
          )}
          {(s.error || s.hint) && (
            <div className="service-error">
              {s.error && <span className="bad-text">{s.error}</span>} {s.hint && <span className="muted">{s.hint}</span>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
