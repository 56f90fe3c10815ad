/**
 * The status line's text: model, this session's cost (Claude Code's own figure), today's cost across
 * sessions (from the backend; a dash when it can't be had, so the line never breaks) and the plan limits
 * Claude Code reported (`5h 37% · 7d 55%`). Everything from elsewhere is made printable: a newline or an
 * escape sequence in a model name must not break the one line or drive the terminal. Pure.
 */
import { formatUsd } from '../format/numbers.js';
import { printable } from '../format/printable.js';
import type { PlanWindowName, PlanWindowReport, StatusInput } from './input.js';

export { parseStatusInput, planWindowNames, type PlanWindowName, type PlanWindowReport, type StatusInput } from './input.js';

const windowLabels: Record<PlanWindowName, string> = { five_hour: '5h', seven_day: '7d' };

/** From this much usage on, the segment also says when the window resets. */
const showResetFrom = 80;

/** `5h 37% · 7d 55%` (and `↺1h05` once a window is nearly used up); empty without plan limits. */
export function planSegment(limits: StatusInput['rateLimits'], now = new Date()): string {
  const parts: string[] = [];
  for (const name of ['five_hour', 'seven_day'] as const) {
    const w = limits[name];
    if (!w) continue;
    parts.push(`${windowLabels[name]} ${Math.round(w.usedPercent)}%${w.usedPercent >= showResetFrom ? ` ↺${untilReset(w, now)}` : ''}`);
  }
  return parts.join(' · ');
}

function untilReset(w: PlanWindowReport, now: Date): string {
  const minutes = Math.max(0, Math.round((w.resetsAt * 1000 - now.getTime()) / 60_000));
  if (minutes >= 24 * 60) return `${Math.floor(minutes / (24 * 60))}d${String(Math.floor((minutes % (24 * 60)) / 60)).padStart(2, '0')}h`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}

export function renderStatusLine(input: StatusInput, todayUsd: number | null, now = new Date()): string {
  const parts: string[] = [];
  const model = input.model.displayName ?? input.model.id;
  if (model) parts.push(printable(model, 40));
  if (input.sessionCostUsd !== null) parts.push(`session ${formatUsd(input.sessionCostUsd)}`);
  parts.push(`today ${todayUsd === null ? '–' : formatUsd(todayUsd)}`);
  const plan = planSegment(input.rateLimits, now);
  if (plan) parts.push(plan);
  return parts.join(' · ');
}

/** What ccmon adds to a user's own status line it wraps: the plan limits, else today's cost. */
export function chainedSegment(input: StatusInput, todayUsd: number | null, now = new Date()): string {
  return planSegment(input.rateLimits, now) || (todayUsd === null ? '' : `today ${formatUsd(todayUsd)}`);
}
