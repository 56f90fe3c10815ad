/** What the tray app's service is built from: stack control (when it loads), the settings store, today's summary carried forward. */
import type { SettingsProvider } from '../core/config/settings-api.js';
import type { Settings } from '../core/config/settings-schema.js';
import { createMonitorService } from '../core/service.js';
import { createStackController, type StackControl } from '../core/stack/index.js';
import type { HostedService } from './service-host.js';

export interface TrayServiceOptions {
  settingsProvider: SettingsProvider;
  env: NodeJS.ProcessEnv;
  /** The packaged app's compose folder (unpackaged runs find the checkout's). */
  composeDir?: string | undefined;
  log(message: string): void;
}

export function trayServiceBuilder(options: TrayServiceOptions): (settings: Settings) => HostedService {
  return (settings) => {
    const stack = stackControl(settings, options);
    return { service: createMonitorService({ settings, stack, settingsProvider: options.settingsProvider, liveSummary: true }), stackControl: !!stack };
  };
}

function stackControl(settings: Settings, options: TrayServiceOptions): StackControl | undefined {
  try {
    return createStackController(settings, { env: options.env, ...(options.composeDir ? { composeDir: options.composeDir } : {}) });
  } catch (err) {
    options.log(`stack control unavailable: ${(err as Error).message}`);
    return undefined;
  }
}
