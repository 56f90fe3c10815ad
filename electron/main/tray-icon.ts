/**
 * Which icon file the tray shows for a state (pure). Electron loads the `@2x` sibling by itself.
 * - macOS: `tray/mac/<state>Template.png` (16 px + @2x), black + alpha; macOS tints it for the menu bar.
 * - Windows: `tray/win/<state>.png` (16 px + @2x), colour.
 * - Linux: `tray/linux/<state>.png` (22 px + @2x), colour (GNOME/KDE status icons are 22 px).
 */
import path from 'node:path';
import type { TrayIcon } from './tray-state.js';

export function trayIconRelativePath(state: TrayIcon, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.posix.join('tray', 'mac', `${state}Template.png`);
  if (platform === 'win32') return path.posix.join('tray', 'win', `${state}.png`);
  return path.posix.join('tray', 'linux', `${state}.png`);
}

export function trayIconPath(resourcesDir: string, state: TrayIcon, platform: NodeJS.Platform): string {
  return path.join(resourcesDir, ...trayIconRelativePath(state, platform).split('/'));
}

/** The 1× pixel size of each platform's tray icon (the @2x file is twice that). */
export function trayIconSize(platform: NodeJS.Platform): number {
  return platform === 'linux' || (platform !== 'darwin' && platform !== 'win32') ? 22 : 16;
}
