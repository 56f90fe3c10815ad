/** No telemetry in 30 days: the three steps to get some, each leading to its tab. */
import { Card } from '../../components/ui.js';

export function EmptyState(props: { onGo: (tab: 'stack' | 'setup') => void }) {
  return (
    <Card className="empty" testId="empty-state" title="No Claude Code telemetry yet" labelledBy="empty-title">
      <ol className="steps">
        <li>
          <button type="button" className="link" onClick={() => props.onGo('stack')}>
            Start the monitoring stack
          </button>{' '}
          (Prometheus, Loki, Grafana in Docker).
        </li>
        <li>
          <button type="button" className="link" onClick={() => props.onGo('setup')}>
            Turn on Claude Code's telemetry
          </button>{' '}
          — one click applies it to Claude Code's settings.
        </li>
        <li>Run Claude Code. Cost and tokens appear here within a few seconds.</li>
      </ol>
    </Card>
  );
}
