/**
 * The project records of the sessions of a window, read back from the backend: the newest
 * `ccmon_session_info` series of each session (a session's record is pushed at its start, at its end
 * and, by the status line, every few minutes; one pushed up to a week before the window still counts,
 * for sessions resumed days later).
 */
import type { PrometheusClient } from '../prometheus/client.js';
import { sessionInfoMetric, type ProjectRecord } from './session-record.js';

const recordLookbackMs = 7 * 24 * 3600_000;

export async function readProjectRecords(client: PrometheusClient, since: Date, until: Date, selector = ''): Promise<Map<string, ProjectRecord>> {
  const rangeMs = Math.max(1, until.getTime() - since.getTime() + recordLookbackMs);
  const rows = await client.query(`last_over_time(${sessionInfoMetric}${selector ? `{${selector}}` : ''}[${Math.round(rangeMs)}ms])`, until);
  const records = new Map<string, ProjectRecord>();
  // Deterministic where a session has two records (its folder changed): the one with a project, then by name.
  const sorted = [...rows].sort((a, b) => (a.metric.project ?? '').localeCompare(b.metric.project ?? ''));
  for (const { metric } of sorted) {
    const id = metric.session_id;
    if (!id || (records.has(id) && records.get(id)!.project)) continue;
    records.set(id, { project: metric.project ?? '', branch: metric.branch ?? '', worktree: metric.worktree ?? '', repo: metric.repo ?? '' });
  }
  return records;
}
