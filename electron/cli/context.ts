import { readSettingsFile } from '../core/config/settings-file.js';
import { appConfigDir, settingsFilePath } from '../core/config/paths.js';
import { fileSecretStore } from '../core/config/secrets.js';
import { resolveSettings, type SettingsOverrides } from '../core/config/resolve.js';
import type { Settings } from '../core/config/settings-schema.js';
import { UserError, ExitCode, type Io } from './output.js';

export interface GlobalFlags {
  prometheusUrl?: string;
  grafanaUrl?: string;
  lokiUrl?: string;
  exporterUrl?: string;
}

export interface CliContext {
  settings: Settings;
  settingsFile: string;
  env: NodeJS.ProcessEnv;
  io: Io;
}

/** Settings for one CLI run: flags > environment > the app's settings file > defaults. */
export async function loadContext(flags: GlobalFlags, env: NodeJS.ProcessEnv, io: Io): Promise<CliContext> {
  const file = settingsFilePath(env);
  const { settings: fromFile, problem } = await readSettingsFile(file);
  if (problem) io.stderr(`ccmon: warning: ${problem}\n`);
  const overrides: SettingsOverrides = {
    prometheusUrl: flags.prometheusUrl,
    grafanaUrl: flags.grafanaUrl,
    lokiUrl: flags.lokiUrl,
    exporterUrl: flags.exporterUrl,
  };
  try {
    return { settings: resolveSettings(fromFile, env, overrides, fileSecretStore(appConfigDir(env)).read()), settingsFile: file, env, io };
  } catch (err) {
    throw new UserError((err as Error).message, undefined, ExitCode.usage);
  }
}
