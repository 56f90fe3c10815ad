/** Beside today's cost: the last 7 and 30 days, and what the sessions running now have cost so far. */
import type { ProbeResult, Summary } from '../../../../electron/core/api/types.js';
import { Value } from '../../components/ui.js';
import { formatUsd } from '../../lib/format.js';
import { dataState, type DataState } from '../../lib/freshness.js';
import { liveCost } from '../../lib/live-cost.js';
import { useSessions } from '../../query/queries.js';

const periods = [
  { key: 'last7Days', label: '7 days', testId: 'cost-7d' },
  { key: 'last30Days', label: '30 days', testId: 'cost-30d' },
] as const;

const liveTitle = {
  exporter: "Cost so far of the Claude Code sessions running now, read from Claude Code's exporter (scrape mode)",
  backend: 'Cost today of the Claude Code sessions that reported in the last two minutes',
} as const;

export function PeriodCards(props: { summary: DataState<Summary>; probe: DataState<ProbeResult> }) {
  const s = props.summary.data;
  const loading = props.summary.state === 'loading';
  // The backend's sessions are asked for only where Claude Code's exporter lists none (push mode, a shared backend).
  const exporterHasSessions = !!props.probe.data?.reachable && props.probe.data.sessions.length > 0;
  const live = liveCost(props.probe, dataState(useSessions(!exporterHasSessions)));
  return (
    <div className="hero-periods">
      {periods.map((p) => (
        <div className="period" key={p.key}>
          <div className="period-label">{p.label}</div>
          <Value loading={loading} className="period-value" testId={p.testId}>
            {s ? formatUsd(s.periods[p.key]) : '—'}
          </Value>
        </div>
      ))}
      <div className="period live" title={live.source ? liveTitle[live.source] : undefined}>
        <div className="period-label">
          <span className={`live-dot ${live.count > 0 ? 'on' : ''}`} aria-hidden="true" />
          Running now
        </div>
        <Value loading={props.probe.state === 'loading'} className="period-value" testId="cost-live">
          {live.value}
        </Value>
        <div className="period-sub" data-testid="cost-live-sub">
          {live.sub}
        </div>
      </div>
    </div>
  );
}
