/**
 * The tray's state, derived from the stack's status (pure, no electron import).
 * stopped · starting · running · degraded · error — one icon each.
 */
import type { StackStatus } from '../core/api/types.js';
import { formatUsd } from '../core/format/numbers.js';

export const trayStates = ['stopped', 'starting', 'running', 'degraded', 'error'] as const;
export type TrayState = (typeof trayStates)[number];

/** A stack operation the app is running right now. */
export type StackOperation = 'up' | 'down' | null;

export interface StackView {
  status: StackStatus | null;
  operation: StackOperation;
  /** The last failed operation's message (cleared by the next success). */
  lastError: string | null;
}

export function trayStateFrom({ status, operation, lastError }: StackView): TrayState {
  if (operation) return 'starting';
  if (!status) return lastError ? 'error' : 'stopped';
  if (!status.engine.reachable) return 'error';
  const services = status.services;
  const up = services.filter((s) => s.state === 'running');
  const ready = up.filter((s) => s.ready);
  const broken = services.filter((s) => s.state === 'dead' || s.state === 'restarting' || (s.state === 'exited' && Boolean(s.error)));
  if (services.length > 0 && ready.length === services.length) return 'running';
  if (up.length === 0) return broken.length > 0 || lastError ? 'error' : 'stopped';
  // Some are running: still booting if every other one is running too, else degraded.
  if (up.length === services.length) return 'starting';
  return 'degraded';
}

const stateWords: Record<TrayState, string> = {
  stopped: 'stack stopped',
  starting: 'stack starting',
  running: 'stack running',
  degraded: 'stack degraded',
  error: 'stack error',
};

export interface CostView {
  todayUsd: number | null;
  /** When the figure is from an earlier successful poll (Prometheus unreachable now). */
  staleSince: string | null;
  /** The 5-hour plan window's usage, where Claude Code reported plan limits. */
  fiveHourPercent?: number | null;
}

/** The icon the tray shows: its state's, or `limit` while the stack runs and the 5-hour window is past the first alert threshold. */
export type TrayIcon = TrayState | 'limit';
export const trayIcons: readonly TrayIcon[] = [...trayStates, 'limit'];

export function trayIconFor(state: TrayState, cost: CostView, alertPercent: number): TrayIcon {
  return state === 'running' && cost.fiveHourPercent != null && cost.fiveHourPercent >= alertPercent ? 'limit' : state;
}

const plan = (cost: CostView): string => (cost.fiveHourPercent == null ? '' : ` · 5h ${Math.round(cost.fiveHourPercent)}%`);

/** Tooltip: "Claude Code Monitor — $1.23 today · stack running". */
export function trayTooltip(state: TrayState, cost: CostView, operation: StackOperation = null): string {
  const money = cost.todayUsd === null ? 'no cost data yet' : `${formatUsd(cost.todayUsd)} today${cost.staleSince ? ' (stale)' : ''}`;
  const words = operation === 'down' ? 'stack stopping' : stateWords[state];
  return `Claude Code Monitor — ${money}${plan(cost)} · ${words}`;
}

/** The macOS menu-bar title beside the icon: today's cost and the 5-hour usage, short. Empty when unknown. */
export function trayTitle(cost: CostView): string {
  if (cost.todayUsd === null) return '';
  return `${formatUsd(cost.todayUsd)}${cost.staleSince ? '?' : ''}${cost.fiveHourPercent == null ? '' : ` · ${Math.round(cost.fiveHourPercent)}%`}`;
}
