/** The Stack tab: the monitoring stack, Claude Code's exporter, and links to Grafana and Prometheus. */
import { Card, ExternalButton } from '../../components/ui.js';
import { dataState } from '../../lib/freshness.js';
import { useAppInfo, useLostSessions, useProbe } from '../../query/queries.js';
import { ExporterCard } from './ExporterCard.js';
import { StackCard } from './StackCard.js';

export function StackPanel(props: { now: number }) {
  const info = useAppInfo().data;
  const probe = dataState(useProbe());
  const lost = useLostSessions();
  return (
    <div className="grid" data-testid="stack-view">
      <StackCard />
      <ExporterCard probe={probe} lost={lost.status === 'success' ? lost.data : null} mode={info?.telemetryMode} now={props.now} />
      <Card title="Open" labelledBy="open-title">
        <div className="row-actions">
          <ExternalButton href={info?.grafanaUrl} testId="open-grafana-home">
            Grafana
          </ExternalButton>
          <ExternalButton href={info?.prometheusUrl}>Prometheus</ExternalButton>
        </div>
      </Card>
    </div>
  );
}
