/** Beside today's cost: the last 7 and 30 days, and what the sessions running now have cost so far. */
import type { ProbeResult, Summary } from '../../../../electron/core/api/types.js';
import { Value } from '../../components/ui.js';
import { formatUsd } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';

const periods = [
  { key: 'last7Days', label: '7 days', testId: 'cost-7d' },
  { key: 'last30Days', label: '30 days', testId: 'cost-30d' },
] as const;

function liveCost(probe: DataState<ProbeResult>): { value: string; sub: string } {
  const p = probe.data;
  if (!p) return { value: '—', sub: probe.state === 'loading' ? '\u00a0' : 'exporter not checked' };
  if (!p.reachable) return { value: '—', sub: 'none found' };
  const total = p.sessions.reduce((a, s) => a + s.costUsd, 0);
  const n = p.sessions.length;
  return { value: formatUsd(total), sub: n === 0 ? 'no running session' : `${n} running session${n === 1 ? '' : 's'}` };
}

export function PeriodCards(props: { summary: DataState<Summary>; probe: DataState<ProbeResult> }) {
  const s = props.summary.data;
  const loading = props.summary.state === 'loading';
  const live = liveCost(props.probe);
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
      <div className="period live" title="Cost so far of the Claude Code sessions running now, read from the exporter (scrape mode)">
        <div className="period-label">
          <span className={`live-dot ${props.probe.data?.sessions.length ? 'on' : ''}`} aria-hidden="true" />
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
