/**
 * The tray's context menu as a pure function of state, rebuilt on every change (menubar's pattern).
 * Items carry an `action` the Electron adapter turns into a click handler; nothing here imports electron.
 */
import type { StackOperation, TrayState } from './tray-state.js';
import { formatUsd } from '../core/format/numbers.js';

/** Shells offered in "Copy env-var snippet for…" (the env module's shells; `json` is the settings.json env object). */
import { shells, type Shell } from '../core/api/domain.js';

/** The shells "Copy env-var snippet for…" offers (`json` is the settings.json env object). */
export const snippetShells = shells;
export type SnippetShell = Shell;

const shellLabels: Record<SnippetShell, string> = {
  bash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  powershell: 'PowerShell',
  cmd: 'Command Prompt (cmd)',
  json: 'settings.json "env" object',
};

export type TrayAction =
  | { kind: 'stack-up' }
  | { kind: 'stack-down' }
  | { kind: 'open-grafana' }
  | { kind: 'copy-env'; shell: SnippetShell }
  | { kind: 'open-dashboard' }
  | { kind: 'open-settings' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; id: string; label: string; enabled: boolean; action?: TrayAction; submenu?: TrayMenuItem[] };

export interface TrayMenuState {
  state: TrayState;
  operation: StackOperation;
  /** Whether this host can run the stack at all (false when no stack control was loaded). */
  stackControl: boolean;
  todayUsd: number | null;
  /** The 5-hour plan window's usage (subscribers). */
  cost?: { fiveHourPercent?: number | null };
  /** The shell "Copy env-var snippet" uses (the user's login shell). */
  defaultShell: SnippetShell;
  stopStackOnQuit: boolean;
  platform: NodeJS.Platform;
}

const sep: TrayMenuItem = { type: 'separator' };

export function buildTrayMenu(s: TrayMenuState): TrayMenuItem[] {
  const busy = s.operation !== null;
  const canStart = s.stackControl && !busy && (s.state === 'stopped' || s.state === 'error' || s.state === 'degraded');
  const canStop = s.stackControl && !busy && (s.state === 'running' || s.state === 'degraded' || s.state === 'starting');
  const canOpenGrafana = s.state === 'running' || s.state === 'degraded';
  const status =
    s.operation === 'up' ? 'Starting the stack…' : s.operation === 'down' ? 'Stopping the stack…' : statusLine(s.state, s.stackControl);
  const plan = s.cost?.fiveHourPercent == null ? '' : ` · 5h limit ${Math.round(s.cost.fiveHourPercent)}%`;
  const cost = s.todayUsd === null ? 'Today: no data yet' : `Today: ${formatUsd(s.todayUsd)}${plan}`;
  return [
    { type: 'normal', id: 'status', label: status, enabled: false },
    { type: 'normal', id: 'cost', label: cost, enabled: false },
    sep,
    { type: 'normal', id: 'stack-start', label: 'Start stack', enabled: canStart, action: { kind: 'stack-up' } },
    { type: 'normal', id: 'stack-stop', label: 'Stop stack', enabled: canStop, action: { kind: 'stack-down' } },
    sep,
    { type: 'normal', id: 'open-grafana', label: 'Open Grafana', enabled: canOpenGrafana, action: { kind: 'open-grafana' } },
    { type: 'normal', id: 'copy-env', label: `Copy env-var snippet (push, ${shellLabels[s.defaultShell]})`, enabled: true, action: { kind: 'copy-env', shell: s.defaultShell } },
    {
      type: 'normal',
      id: 'copy-env-shells',
      label: 'Copy env-var snippet for',
      enabled: true,
      submenu: snippetShells.map((shell) => ({ type: 'normal', id: `copy-env:${shell}`, label: shellLabels[shell], enabled: true, action: { kind: 'copy-env', shell } })),
    },
    sep,
    { type: 'normal', id: 'open-dashboard', label: 'Open dashboard', enabled: true, action: { kind: 'open-dashboard' } },
    { type: 'normal', id: 'settings', label: s.platform === 'darwin' ? 'Settings…' : 'Settings', enabled: true, action: { kind: 'open-settings' } },
    sep,
    { type: 'normal', id: 'quit', label: s.stopStackOnQuit && s.stackControl ? 'Quit and stop the stack' : 'Quit', enabled: true, action: { kind: 'quit' } },
  ];
}

function statusLine(state: TrayState, stackControl: boolean): string {
  if (!stackControl) return 'Stack control unavailable';
  switch (state) {
    case 'running':
      return 'Stack running';
    case 'starting':
      return 'Stack starting…';
    case 'degraded':
      return 'Stack degraded: some services are down';
    case 'error':
      return 'Stack error: open the dashboard for details';
    default:
      return 'Stack stopped';
  }
}

/**
 * How the menu is attached: Linux's AppIndicator/StatusNotifier shows only a context menu (clicks are
 * often not delivered), so the menu is the tray's context menu there. On macOS a context menu would
 * also take the left click, so the menu pops up on right click and the left click toggles the popover
 * (menubar's approach); Windows does the same.
 */
export function menuAttachment(platform: NodeJS.Platform): 'context-menu' | 'popup-on-right-click' {
  return platform === 'darwin' || platform === 'win32' ? 'popup-on-right-click' : 'context-menu';
}

/** The user's shell for the default snippet: PowerShell on Windows, else $SHELL's name when we know it. */
export function defaultSnippetShell(platform: NodeJS.Platform, shellEnv: string | undefined): SnippetShell {
  if (platform === 'win32') return 'powershell';
  const name = (shellEnv ?? '').split('/').pop() ?? '';
  if (name === 'zsh' || name === 'fish' || name === 'bash') return name;
  return platform === 'darwin' ? 'zsh' : 'bash';
}

/** Finds an item by id anywhere in the template (tests and the e2e hook use it). */
export function findMenuItem(items: TrayMenuItem[], id: string): Extract<TrayMenuItem, { type: 'normal' }> | undefined {
  for (const item of items) {
    if (item.type !== 'normal') continue;
    if (item.id === id) return item;
    const inner = item.submenu && findMenuItem(item.submenu, id);
    if (inner) return inner;
  }
  return undefined;
}
