import { settingsSchema, type Settings } from './settings-schema.js';
import { settingsEnvKeys } from './env-keys.js';
import { backendAuth } from './backend.js';
import type { Secrets } from './secrets.js';

/** Environment variables the CLI and web mode honour, per DESIGN.md. */
const envKeys = settingsEnvKeys satisfies Partial<Record<keyof Settings, string>>;

export type SettingsOverrides = Partial<Pick<Settings, keyof typeof envKeys>>;

/**
 * Resolves settings as flags > environment > settings file > defaults.
 * Throws a readable error naming the variable or flag when a value is not a valid URL.
 */
export function resolveSettings(fileSettings: Settings, env: NodeJS.ProcessEnv, flags: SettingsOverrides = {}, secrets: Secrets = {}): Settings {
  const merged: Record<string, unknown> = { ...fileSettings };
  for (const [key, variable] of Object.entries(envKeys)) {
    const value = env[variable];
    if (value) merged[key] = value;
  }
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined) merged[key] = value;
  }
  const parsed = settingsSchema.safeParse(merged);
  // The credentials every read and push carries, from wherever they are kept (backend.ts).
  if (parsed.success) return { ...parsed.data, prometheusAuth: backendAuth(parsed.data, secrets, env) };
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const source = key in flags && flags[key as keyof SettingsOverrides] !== undefined
    ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    : key in envKeys && env[envKeys[key as keyof typeof envKeys]]
      ? envKeys[key as keyof typeof envKeys]
      : `setting ${key}`;
  throw new Error(`${source} is invalid: ${issue?.message ?? 'bad value'} (got ${redacted(JSON.stringify(merged[key]))}).`);
}

/** A value echoed in an error, with any password in a URL masked. */
const redacted = (text: string | undefined): string => (text ?? '').replace(/(\/\/[^/:@]*):[^/@]*@/g, '$1:***@');
