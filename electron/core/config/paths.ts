import os from 'node:os';
import path from 'node:path';

/** The product name electron-store uses for its folder (Electron's `userData`). */
export const appDirName = 'Claude Code Monitor';

/**
 * The folder holding the app's settings file, as Electron's `app.getPath('userData')` resolves it,
 * so the CLI reads the same file the tray app writes. `CCMON_CONFIG_DIR` overrides it (tests, portable use).
 */
export function appConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CCMON_CONFIG_DIR) return env.CCMON_CONFIG_DIR;
  const home = homeDir(env);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appDirName);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appDirName);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), appDirName);
}

/** electron-store's default file name inside the config folder. */
export function settingsFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(appConfigDir(env, platform), 'config.json');
}

/**
 * Where `ccmon summary` keeps its carried-forward summary: `CCMON_CACHE_DIR`, else the platform's cache
 * folder (~/.cache/ccmon, ~/Library/Caches/ccmon, %LOCALAPPDATA%\ccmon\Cache). Only a cache: deleting it
 * costs one full summary.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CCMON_CACHE_DIR) return env.CCMON_CACHE_DIR;
  const home = homeDir(env);
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'ccmon');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'ccmon', 'Cache');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'ccmon');
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}
