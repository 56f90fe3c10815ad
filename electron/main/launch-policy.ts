/**
 * Launch decisions (pure): is there likely a tray to put an icon in, and should the window show now?
 * Stock GNOME has no tray (no StatusNotifier host without an extension), and Electron can't tell: a
 * Tray is created either way and simply never appears. So on GNOME (unless it is Ubuntu's, which ships
 * the AppIndicator extension) the app behaves as a normal windowed app.
 */

export function trayLikelyAvailable(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (env.CCMON_NO_TRAY === '1') return false;
  if (env.CCMON_FORCE_TRAY === '1') return true;
  if (platform === 'darwin' || platform === 'win32') return true;
  const desktop = (env.XDG_CURRENT_DESKTOP ?? env.XDG_SESSION_DESKTOP ?? '').toLowerCase();
  const parts = desktop.split(':');
  if (parts.includes('gnome') && !parts.includes('ubuntu') && !parts.includes('unity') && !parts.includes('pop')) return false;
  return true;
}

export interface LaunchInput {
  trayCreated: boolean;
  trayLikely: boolean;
  /** Started by the login item / autostart entry (`--hidden`). */
  hidden: boolean;
  platform: NodeJS.Platform;
}

/**
 * Show the window at launch when there is no (visible) tray, or on Linux when a person started the
 * app (tray clicks there often open the menu only, so the window must be reachable without it).
 */
export function showWindowAtLaunch(input: LaunchInput): boolean {
  if (!input.trayCreated || !input.trayLikely) return true;
  if (input.hidden) return false;
  return input.platform === 'linux';
}

/** The window's mode: a frameless popover next to a tray, or a normal window when there is none. */
export function windowMode(trayCreated: boolean, trayLikely: boolean): 'popover' | 'window' {
  return trayCreated && trayLikely ? 'popover' : 'window';
}

/** Quitting leaves the stack running unless the user chose otherwise (and there is something to stop). */
export function stopStackOnQuit(choice: boolean, stackControl: boolean, state: 'stopped' | 'starting' | 'running' | 'degraded' | 'error'): boolean {
  return choice && stackControl && state !== 'stopped';
}
