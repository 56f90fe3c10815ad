/** How a session row reads (pure): where it ran and when. */
import type { SessionView } from '../../../electron/core/api/types.js';
import { formatHm } from './when.js';

/** "main", "main · worktree feat-x", "worktree feat-x", or '' (no git, or not recorded). */
export function sessionPlace(s: Pick<SessionView, 'branch' | 'worktree'>): string {
  return [s.branch, s.worktree ? `worktree ${s.worktree}` : ''].filter(Boolean).join(' · ');
}

/** "since 09:12" while live, "09:12–10:40" once over ("09:12" within one minute), "—" without times. */
export function sessionSpan(s: Pick<SessionView, 'startedAt' | 'lastSeenAt' | 'live'>): string {
  if (!s.startedAt) return '—';
  const start = formatHm(Date.parse(s.startedAt));
  if (s.live) return `since ${start}`;
  const end = s.lastSeenAt ? formatHm(Date.parse(s.lastSeenAt)) : start;
  return end === start ? start : `${start}–${end}`;
}


/** A long name (a 64-hex account id) cut to `max` characters with an ellipsis; the full one goes in a tooltip. */
export function shortName(name: string, max = 24): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}
