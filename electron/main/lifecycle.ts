/** The app's lifecycle with Electron: its name and folders before ready, one instance, a second launch, the last window closed, launch at login. */
import { app } from 'electron';
import { appConfigDir } from '../core/config/paths.js';
import { APP_ID, PRODUCT_NAME, appRoot } from './app-identity.js';
import { applyAutostart } from './autostart.js';
import { registerRendererScheme } from './renderer-protocol.js';
import type { TrayController } from './tray.js';
import type { WindowController } from './window.js';

/**
 * Before ready: the name notifications and menus show; the settings folder is the one the CLI reads
 * (paths.ts), not Electron's default; on Windows, notifications need the installer's AppUserModelID.
 * False (and quitting) when another instance runs.
 */
export function claimSingleInstance(): boolean {
  app.setName(PRODUCT_NAME);
  app.setPath('userData', appConfigDir());
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  registerRendererScheme();
  return true;
}

export function followAppEvents(window: WindowController, tray: TrayController | null): void {
  // A second launch (the only way back to the app where there's no tray) shows the window.
  app.on('second-instance', () => void window.show(tray?.bounds()));
  // With a (visible) tray the app lives on; without one, the window is the app: closing it is quitting.
  app.on('window-all-closed', () => {
    if (!tray || window.mode === 'window') app.quit();
  });
}

/** Launch at login on or off (a login item on macOS and Windows, an XDG autostart entry on Linux); a failure is logged. */
export function launchAtLogin(enabled: boolean, icon: string, log: (message: string) => void): void {
  try {
    const input = { platform: process.platform, enabled, execPath: process.execPath, execArgs: app.isPackaged ? [] : [appRoot], env: process.env, icon };
    applyAutostart(input, (settings) => app.setLoginItemSettings(settings));
  } catch (err) {
    log(`launch at login: ${(err as Error).message}`);
  }
}
