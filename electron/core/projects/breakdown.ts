/**
 * A window's usage by project, by person and by machine (pure): each session's exact totals, grouped
 * by what its record or its labels say. Sessions without a project record count under
 * `(unattributed)`, without a host name under `(unknown)`: the rows of each kind always add up to the
 * window's totals, because they are the same sessions' totals.
 */
import type { GroupUsage, MachineUsage, ProjectUsage, SessionUsage, TokenCounts, UserUsage } from '../api/types.js';
import type { ProjectRecord } from './session-record.js';

export const unattributed = '(unattributed)';
export const unknownMachine = '(unknown)';

/** The person a session belongs to: user_email, else user_account_uuid, else user_id. */
export const userOf = (s: Pick<SessionUsage, 'labels'>): string => s.labels.user_email || s.labels.user_account_uuid || s.labels.user_id || '(unknown)';
export const machineOf = (s: Pick<SessionUsage, 'labels'>): string => s.labels.host_name || unknownMachine;

const round = (n: number): number => Math.round(n * 1e9) / 1e9;

function groupBy<K extends string>(sessions: readonly SessionUsage[], key: (s: SessionUsage) => string, name: K): Array<GroupUsage & Record<K, string>> {
  const groups = new Map<string, GroupUsage>();
  for (const s of sessions) {
    const k = key(s);
    const g = groups.get(k) ?? { costUsd: 0, tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 }, sessions: 0 };
    g.costUsd += s.costUsd;
    for (const t of Object.keys(g.tokens) as Array<keyof TokenCounts>) g.tokens[t] += s.tokens[t];
    g.sessions++;
    groups.set(k, g);
  }
  return [...groups]
    .map(([k, g]) => ({ [name]: k, ...g, costUsd: round(g.costUsd) }) as GroupUsage & Record<K, string>)
    .sort((a, b) => b.costUsd - a.costUsd || a[name].localeCompare(b[name]));
}

export function byProject(sessions: readonly SessionUsage[], records: ReadonlyMap<string, ProjectRecord>): ProjectUsage[] {
  return groupBy(sessions, (s) => records.get(s.sessionId)?.project || unattributed, 'project');
}

export function byUser(sessions: readonly SessionUsage[]): UserUsage[] {
  return groupBy(sessions, userOf, 'user');
}

export function byMachine(sessions: readonly SessionUsage[]): MachineUsage[] {
  return groupBy(sessions, machineOf, 'machine');
}
