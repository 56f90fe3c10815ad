/** One chart's card: title, actions, a line of totals, and the chart's box (chart, error, or placeholder). */
import { Suspense, type ReactNode } from 'react';
import type { ErrorInfo } from '../../api/errors.js';
import { ChunkBoundary } from '../../components/ChunkBoundary.js';
import { ErrorText } from '../../components/ErrorCallout.js';
import { Card } from '../../components/ui.js';

const skeleton = <div className="chart-skeleton skeleton" />;

function ChartBox(props: { switching: boolean; error: ErrorInfo | null; chart: ReactNode }) {
  return (
    <div className={`chart-box ${props.switching ? 'switching' : ''}`}>
      {props.chart ? (
        <ChunkBoundary what="chart">
          <Suspense fallback={skeleton}>{props.chart}</Suspense>
        </ChunkBoundary>
      ) : props.error ? (
        <div className="chart-error">
          <ErrorText error={props.error} muted />
        </div>
      ) : (
        skeleton
      )}
    </div>
  );
}

export function ChartCard(props: {
  title: string;
  labelledBy: string;
  testId: string;
  stale: boolean;
  actions: ReactNode;
  meta: ReactNode;
  switching: boolean;
  error: ErrorInfo | null;
  chart: ReactNode;
}) {
  return (
    <Card title={props.title} labelledBy={props.labelledBy} testId={props.testId} stale={props.stale} actions={props.actions}>
      <div className="chart-meta">{props.meta}</div>
      <ChartBox switching={props.switching} error={props.error} chart={props.chart} />
    </Card>
  );
}
