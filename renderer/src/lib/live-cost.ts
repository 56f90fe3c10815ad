/** "Running now" beside today's cost (pure). */
import type { ProbeResult, SessionView } from '../../../electron/core/api/types.js';
import { formatUsd } from './format.js';
import type { DataState } from './freshness.js';

const running = (n: number): string => (n === 0 ? 'no running session' : `${n} running session${n === 1 ? '' : 's'}`);

/**
 * The exporter's own figures where Claude Code's exporter answers (scrape mode); where it does not (push
 * mode, a shared backend), today's cost of the sessions with samples in the last two minutes.
 */
export function liveCost(probe: DataState<ProbeResult>, sessions: DataState<readonly SessionView[]>): { value: string; sub: string; count: number; source: 'exporter' | 'backend' | null } {
  const p = probe.data;
  const sum = (xs: readonly { costUsd: number }[]): string => formatUsd(xs.reduce((a, s) => a + s.costUsd, 0));
  if (p?.reachable && p.sessions.length > 0) return { value: sum(p.sessions), sub: running(p.sessions.length), count: p.sessions.length, source: 'exporter' };
  const live = sessions.data?.filter((s) => s.live);
  if (live && live.length > 0) return { value: sum(live), sub: running(live.length), count: live.length, source: 'backend' };
  if (p?.reachable) return { value: formatUsd(0), sub: running(0), count: 0, source: 'exporter' };
  if (live) return { value: '—', sub: running(0), count: 0, source: 'backend' };
  return { value: '—', sub: !p ? (probe.state === 'loading' ? '\u00a0' : 'exporter not checked') : 'none found', count: 0, source: null };
}

