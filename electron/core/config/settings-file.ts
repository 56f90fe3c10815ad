import fs from 'node:fs/promises';
import { settingsSchema, type Settings } from './settings-schema.js';
import { migrateForReading } from './migrations.js';

export interface SettingsFileRead {
  settings: Settings;
  /** Set when the file exists but could not be used; the file itself is left untouched. */
  problem?: string;
}

/**
 * Reads the app's settings file read-only (the CLI never rewrites the tray app's file).
 * A missing file means defaults; an unreadable or invalid one means defaults plus a problem to report.
 */
export async function readSettingsFile(file: string): Promise<SettingsFileRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: settingsSchema.parse({}) };
    return { settings: settingsSchema.parse({}), problem: `cannot read ${file}: ${(err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { settings: settingsSchema.parse({}), problem: `${file} is not valid JSON (${(err as Error).message}); using defaults` };
  }
  // The tray app migrates the file when it opens it; until then, read it as migrated (in memory only).
  const migrated = typeof json === 'object' && json !== null && !Array.isArray(json) ? migrateForReading(json as Record<string, unknown>) : json;
  const parsed = settingsSchema.safeParse(stripUnknown(migrated));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') || '(root)';
    return { settings: settingsSchema.parse({}), problem: `${file}: ${where}: ${first?.message ?? 'invalid'}; using defaults` };
  }
  return { settings: parsed.data };
}

/** electron-store may hold keys of newer versions or internal ones (`__internal__`); keep only ours. */
function stripUnknown(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const known = new Set(Object.keys(settingsSchema.shape));
  return Object.fromEntries(Object.entries(json).filter(([k]) => known.has(k)));
}
