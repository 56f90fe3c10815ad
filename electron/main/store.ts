/**
 * Settings in electron-store, over the shared settings file (the CLI reads the same file).
 * Before electron-store opens the file, the core's settings-store migrates it (tied to the app version)
 * and repairs it: a corrupt file is copied aside, replaced by defaults, and reported as a notice.
 * electron-store then validates every write against the JSON schema generated from the zod schema.
 */
import path from 'node:path';
import Store from 'electron-store';
import { z } from 'zod';
import { settingsSchema, type Settings } from '../core/config/settings-schema.js';
import { loadSettingsFile, applySettingsPatch } from '../core/config/settings-store.js';
import { toPublicSettings, type SettingsNotice, type SettingsProvider, type SettingsView } from '../core/config/settings-api.js';
import type { LedgerStore } from '../core/budget/threshold-ledger.js';

/** electron-store's `schema` option: the JSON schema of each setting, from the one zod schema. */
export function settingsJsonSchemaProperties(): Record<string, unknown> {
  const schema = z.toJSONSchema(settingsSchema, { target: 'draft-7', io: 'input' }) as { properties: Record<string, unknown> };
  return schema.properties;
}

export interface SettingsStoreHandle {
  provider: SettingsProvider;
  current(): Settings;
  notices: SettingsNotice[];
  file: string;
  onChange(listener: (settings: Settings) => void): () => void;
}

export function openSettingsStore(options: { dir: string; appVersion: string; launchAtLoginSupported: boolean }): SettingsStoreHandle {
  const file = path.join(options.dir, 'config.json');
  const { notices } = loadSettingsFile(file, options.appVersion);
  const store = new Store<Record<string, unknown>>({
    cwd: options.dir,
    name: 'config',
    schema: settingsJsonSchemaProperties() as never,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: true,
  });
  const known = new Set(Object.keys(settingsSchema.shape));
  const current = (): Settings => {
    const raw = Object.fromEntries(Object.entries(store.store).filter(([k]) => known.has(k)));
    const parsed = settingsSchema.safeParse(raw);
    return parsed.success ? parsed.data : settingsSchema.parse({});
  };
  const view = (): SettingsView => ({
    settings: toPublicSettings(current()),
    file,
    notices,
    writable: true,
    launchAtLoginSupported: options.launchAtLoginSupported,
  });
  const provider: SettingsProvider = {
    view,
    async update(patch) {
      const next = applySettingsPatch(current(), patch);
      const changed = Object.fromEntries(Object.entries(toPublicSettings(next)).filter(([k, v]) => JSON.stringify(store.get(k)) !== JSON.stringify(v)));
      if (Object.keys(changed).length > 0) store.set(changed);
      return view();
    },
  };
  return {
    provider,
    current,
    notices,
    file,
    onChange(listener) {
      return store.onDidAnyChange(() => listener(current()));
    },
  };
}

export interface StateStore {
  /** A watch's ledger under `name` in app-state.json (`budgetLedger`); an empty one when absent or not an object. */
  ledger<L extends object>(name: string): LedgerStore<L>;
}

/** Small app state that isn't a setting: what each threshold watch already announced this period. */
export function openStateStore(dir: string): StateStore {
  const store = new Store<Record<string, unknown>>({ cwd: dir, name: 'app-state', clearInvalidConfig: true });
  return {
    ledger: <L extends object>(name: string): LedgerStore<L> => ({
      read: () => {
        const held = store.get(name);
        return (held !== null && typeof held === 'object' && !Array.isArray(held) ? held : {}) as L;
      },
      write: (ledger) => store.set(name, ledger),
    }),
  };
}
