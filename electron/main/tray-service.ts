/** What the tray app's service is built from: stack control (when it loads), the settings store, today's summary carried forward. */
import type { SettingsProvider } from '../core/config/settings-api.js';
import type { Settings } from '../core/config/settings-schema.js';
import type { SecretStore } from '../core/config/secrets.js';
import { backendAuth } from '../core/config/backend.js';
import { createMonitorService } from '../core/service.js';
import { createStackController, type StackControl } from '../core/stack/index.js';
import type { HostedService } from './service-host.js';

export interface TrayServiceOptions {
  settingsProvider: SettingsProvider;
  env: NodeJS.ProcessEnv;
  /** The packaged app's compose folder (unpackaged runs find the checkout's). */
  composeDir?: string | undefined;
  /** The backend's secrets (the OS keychain). */
  secretStore: SecretStore;
  /** A secret was set or cleared: the service reads it when built, so it is built anew. */
  onSecretsChanged: () => void;
  log(message: string): void;
}

export function trayServiceBuilder(options: TrayServiceOptions): (settings: Settings) => HostedService {
  return (stored) => {
    // The credentials every read and push carries: CCMON_BEARER_TOKEN, else the keychain, else the file's legacy prometheusAuth.
    const settings = { ...stored, prometheusAuth: backendAuth(stored, options.secretStore.read(), options.env) };
    const stack = stackControl(settings, options);
    return {
      service: createMonitorService({ settings, stack, settingsProvider: options.settingsProvider, liveSummary: true, env: options.env, secretStore: options.secretStore, onSecretsChanged: options.onSecretsChanged }),
      stackControl: !!stack,
    };
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
