/**
 * `ccmon sessions`: the sessions of a window, each with its exact cost and tokens (the summary's own
 * per-session figures), its project record, whose and where it ran, when it was first and last seen,
 * and whether it is live (a sample in the last two minutes, or the exporter lists it). Live ones first.
 */
import type { SessionUsage, SessionView, UsageSummary } from '../api/types.js';
import type { PrometheusClient } from '../prometheus/client.js';
import { metricsSelector } from '../telemetry/metrics.js';
import { machineOf, unattributed, userOf } from './breakdown.js';
import type { ProjectRecord } from './session-record.js';

/** A session with a sample this recent is live (Claude Code pushes every 10 s and when it exits). */
export const liveWithinMs = 2 * 60_000;

/**
 * First and last sample time per session in the window: a subquery over the window at a step it can
 * afford (at most ~1500 points), and the newest sample itself (a subquery's points stop at its last
 * whole step, so a session of the last seconds shows only there). Portable across Prometheus and
 * VictoriaMetrics (no engine-specific timestamp functions).
 */
export async function sessionTimes(client: PrometheusClient, since: Date, until: Date, scope = ''): Promise<Map<string, { first: number; last: number }>> {
  const windowMs = Math.max(1000, until.getTime() - since.getTime());
  const step = Math.max(15, Math.round(windowMs / 1000 / 1500));
  const raw = metricsSelector(['sessionCount', 'cost'], scope);
  const over = (fn: 'min' | 'max') => `${fn} by (session_id) (${fn}_over_time(timestamp(${raw})[${Math.round(windowMs / 1000)}s:${step}s]))`;
  const [first, last, newest] = await Promise.all([client.query(over('min'), until), client.query(over('max'), until), client.query(`max by (session_id) (timestamp(${raw}))`, until)]);
  const times = new Map<string, { first: number; last: number }>();
  const note = (id: string | undefined, seconds: number): void => {
    const ms = seconds * 1000;
    if (!id || ms < since.getTime() - 5 * 60_000 || ms > until.getTime() + 60_000) return;
    const t = times.get(id);
    if (!t) times.set(id, { first: ms, last: ms });
    else {
      t.first = Math.min(t.first, ms);
      t.last = Math.max(t.last, ms);
    }
  };
  for (const rows of [first, last, newest]) for (const s of rows) note(s.metric.session_id, s.value);
  return times;
}

/** The view of each session (pure). */
export function sessionViews(
  usage: Pick<UsageSummary, 'bySession' | 'window' | 'asOf'>,
  records: ReadonlyMap<string, ProjectRecord>,
  times: ReadonlyMap<string, { first: number; last: number }>,
  exporterSessions: ReadonlySet<string>,
  /** The Grafana dashboard filtered to a session, over its time in the window. */
  grafanaLink: (sessionId: string, from: number, to: number) => string,
): SessionView[] {
  const since = new Date(usage.window.since).getTime();
  const asOf = new Date(usage.asOf).getTime();
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
  const view = (s: SessionUsage): SessionView => {
    const record = records.get(s.sessionId);
    const t = times.get(s.sessionId);
    return {
      sessionId: s.sessionId,
      project: record?.project || unattributed,
      branch: record?.branch ?? '',
      worktree: record?.worktree ?? '',
      repo: record?.repo ?? '',
      user: userOf(s),
      machine: machineOf(s),
      models: s.byModel.map((m) => m.model),
      costUsd: s.costUsd,
      tokens: s.tokens,
      startedAt: iso(t ? Math.max(t.first, since) : undefined),
      lastSeenAt: iso(t?.last),
      live: exporterSessions.has(s.sessionId) || (t !== undefined && asOf - t.last <= liveWithinMs),
      grafanaUrl: grafanaLink(s.sessionId, Math.max(t?.first ?? since, since) - 60_000, Math.min((t?.last ?? asOf) + 60_000, asOf)),
    };
  };
  return usage.bySession
    .map(view)
    .sort((a, b) => Number(b.live) - Number(a.live) || (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '') || a.sessionId.localeCompare(b.sessionId));
}
