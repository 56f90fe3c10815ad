import fs from 'node:fs/promises';
import { settingsSchema, validateFields, type Settings } from './settings-schema.js';
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
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { settings: settingsSchema.parse({}), problem: `${file} does not hold a JSON object; using defaults` };
  // The tray app migrates the file when it opens it; until then, read it as migrated (in memory only).
  const { settings, invalid } = validateFields(migrateForReading(json as Record<string, unknown>));
  if (invalid.length === 0) return { settings };
  return { settings, problem: `${file}: ${invalid.map((f) => f.description).join('; ')}; ${invalid.length === 1 ? 'that setting is' : 'those settings are'} ignored (defaults used), the others apply` };
}
