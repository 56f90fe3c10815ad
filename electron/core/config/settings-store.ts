/**
 * The settings file's life cycle, shared by the tray app (before electron-store opens the file), web
 * mode (which edits the same file) and anything else that writes it:
 *   load → migrate (tied to the app version) → validate field by field → repair with defaults,
 * where anything replaced is first copied to a backup beside the file and reported as a notice:
 * a corrupt or invalid file is never silently lost. Writes are atomic (temp file + fsync + rename).
 *
 * `recoverSettings` is the pure decision; `loadSettingsFile`/`saveSettings` are thin fs adapters.
 */
import fs from 'node:fs';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import path from 'node:path';
import { settingsSchema, defaultSettings, validateFields, type Settings } from './settings-schema.js';
import { migrateSettings, withVersionStamp, type Migration, type RawSettings, settingsMigrations } from './migrations.js';
import {
  settingsPatchSchema,
  toPublicSettings,
  type SettingsNotice,
  type SettingsProvider,
  type SettingsView,
} from './settings-api.js';

export interface RecoveryInput {
  /** The file's text, or null when there is no file. */
  text: string | null;
  appVersion: string;
  migrations?: readonly Migration[];
}

export interface RecoveryOutcome {
  settings: Settings;
  /** What the file should contain after recovery (stamped), when it must be rewritten. */
  rewrite: RawSettings | null;
  /** The original must be copied aside before the rewrite (something in it is being replaced). */
  backup: 'corrupt' | 'repaired' | 'migrated' | null;
  /** Notices without backup paths (the adapter adds them). */
  notices: SettingsNotice[];
}

/** Decides what to do with a settings file's text. Pure. */
export function recoverSettings({ text, appVersion, migrations = settingsMigrations }: RecoveryInput): RecoveryOutcome {
  if (text === null) return { settings: defaultSettings, rewrite: null, backup: null, notices: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return corrupt(`The settings file was not valid JSON (${(err as Error).message}).`, appVersion);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return corrupt(`The settings file held ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}, not an object.`, appVersion);
  }
  const original = json as RawSettings;
  const migration = migrateSettings(original, appVersion, migrations);
  const notices: SettingsNotice[] = [];
  if (migration.fromNewerVersion) {
    notices.push({ kind: 'newer-version', message: `The settings file was written by a newer version (${migration.version}); values this version does not know are kept as they are.` });
  }
  const data: RawSettings = { ...migration.data };
  const { settings, invalid } = validateFields(data);
  const repaired = invalid.map((f) => f.description);
  for (const f of invalid) delete data[f.key];
  const migratedChanges = migration.fromNewerVersion ? [] : changedKeys(original, migration.data);
  if (repaired.length > 0) {
    notices.push({ kind: 'invalid-values', message: `Some settings were invalid and were reset to their defaults: ${repaired.join('; ')}.` });
  }
  if (migratedChanges.length > 0 && repaired.length === 0) {
    notices.push({ kind: 'migrated', message: `Settings were updated for version ${appVersion}: ${migratedChanges.join(', ')} changed.` });
  }
  const stampChanged = !migration.fromNewerVersion && JSON.stringify(original.__internal__) !== JSON.stringify(data.__internal__);
  const needsRewrite = repaired.length > 0 || migratedChanges.length > 0 || stampChanged;
  return {
    settings,
    rewrite: needsRewrite ? data : null,
    backup: repaired.length > 0 ? 'repaired' : migratedChanges.length > 0 ? 'migrated' : null,
    notices,
  };
}

function corrupt(reason: string, appVersion: string): RecoveryOutcome {
  return {
    settings: defaultSettings,
    rewrite: withVersionStamp({ ...defaultSettings }, appVersion),
    backup: 'corrupt',
    notices: [{ kind: 'corrupt-file', message: `${reason} Defaults are in use; the old file was kept.` }],
  };
}

function changedKeys(before: RawSettings, after: RawSettings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('__internal__');
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** `config.json` → `config.corrupt-2026-11-28T01-02-03-004Z.json` beside it. */
export function backupPathFor(file: string, kind: NonNullable<RecoveryOutcome['backup']>, now: Date): string {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  return `${base}.${kind === 'corrupt' ? 'corrupt' : 'backup'}-${now.toISOString().replace(/[:.]/g, '-')}${ext || '.json'}`;
}

/** Copies `file` to `backup` (or `backup-2`, `-3`... when taken): a backup never replaces another. */
function copyAside(file: string, backup: string): string {
  const ext = path.extname(backup);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? backup : `${backup.slice(0, backup.length - ext.length)}-${n}${ext}`;
    try {
      fs.copyFileSync(file, candidate, fs.constants.COPYFILE_EXCL);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw err;
    }
  }
}

export interface LoadedSettings {
  settings: Settings;
  notices: SettingsNotice[];
}

/**
 * Loads the settings file for a host that may write it (the tray app, web mode): migrates it, and
 * when something must be replaced, copies the original aside first and says where.
 */
export function loadSettingsFile(file: string, appVersion: string, options: { now?: Date; migrations?: readonly Migration[] } = {}): LoadedSettings {
  let text: string | null;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') text = null;
    else {
      // Unreadable (permissions, a folder in the way): don't touch it; run on defaults and say so.
      return { settings: defaultSettings, notices: [{ kind: 'unreadable', message: `Cannot read ${file} (${(err as Error).message}); defaults are in use and the file was left as it is.` }] };
    }
  }
  const outcome = recoverSettings({ text, appVersion, ...(options.migrations ? { migrations: options.migrations } : {}) });
  let backupPath: string | undefined;
  if (outcome.backup && text !== null) {
    backupPath = backupPathFor(file, outcome.backup, options.now ?? new Date());
    backupPath = copyAside(file, backupPath);
  }
  if (outcome.rewrite) writeFileAtomicSync(file, JSON.stringify(outcome.rewrite, null, '\t'));
  const notices = outcome.notices.map((n) => (backupPath && n.kind !== 'newer-version' ? { ...n, message: `${n.message} Backup: ${backupPath}`, backupPath } : n));
  return { settings: outcome.settings, notices };
}

/** Applies a partial update to settings; throws an Error naming the field when a value is bad. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'settings';
    throw Object.assign(new Error(`${where}: ${issue?.message ?? 'invalid value'}`), { code: 'invalid-settings' });
  }
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) next[k] = v;
  return settingsSchema.parse(next);
}

/** Writes settings into the file, keeping keys it doesn't own (electron-store internals, newer versions' keys). */
export function saveSettings(file: string, settings: Settings, appVersion: string): void {
  let existing: RawSettings = {};
  try {
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) existing = json as RawSettings;
  } catch {
    // Missing or unreadable: loadSettingsFile already backed up anything worth keeping.
  }
  writeFileAtomicSync(file, JSON.stringify(withVersionStamp({ ...existing, ...settings }, appVersion), null, '\t'));
}

/** A settings provider over the file itself (web mode; tests). The tray app uses electron-store instead. */
export function createFileSettingsProvider(options: { file: string; appVersion: string; launchAtLoginSupported?: boolean }): SettingsProvider {
  const loaded = loadSettingsFile(options.file, options.appVersion);
  let settings = loaded.settings;
  const notices = loaded.notices;
  const view = (): SettingsView => ({
    settings: toPublicSettings(settings),
    file: options.file,
    notices,
    writable: true,
    launchAtLoginSupported: options.launchAtLoginSupported ?? false,
  });
  return {
    view,
    async update(patch) {
      const next = applySettingsPatch(settings, patch);
      saveSettings(options.file, next, options.appVersion);
      settings = next;
      return view();
    },
  };
}
