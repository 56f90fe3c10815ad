/** Shapes of the setup API (no Node imports: the renderer type-checks against these). */

/** `json` is the `env` object of Claude Code's settings.json. */
import type { Shell, TelemetryMode } from '../api/domain.js';

export type { Shell } from '../api/domain.js';
export type EnvVars = Record<string, string>;

export interface EnvSnippet {
  shell: Shell;
  mode: TelemetryMode;
  text: string;
  env: EnvVars;
  /** One line on what the mode does. */
  explanation: string;
  /** Where to put the snippet. */
  where: string;
}

/** The parts of Claude Code's settings.json we manage. */
export type SettingsSection = 'env' | 'statusLine' | 'otelHeadersHelper' | 'hooks';

/**
 * One managed location that changes. `key`: the variable's name in "env", "statusLine", "otelHeadersHelper", or
 * "hooks.<Event>" (e.g. "hooks.SessionStart"). `before`/`after`: an env variable's string (or a
 * non-string value's JSON text); for statusLine the value's JSON text; for a hook, the JSON text of
 * the one element we add (`before` null) or take out (`after` null).
 */
export interface EnvChange {
  section: SettingsSection;
  key: string;
  /** null: the key was absent. */
  before: string | null;
  /** null: the key is removed. */
  after: string | null;
}

/** A change to Claude Code's settings, previewed (`applied: false`) or done. */
export interface ClaudeEnvPlan {
  file: string;
  exists: boolean;
  changes: EnvChange[];
  /** Locations already holding the wanted value (named as `EnvChange.key`). */
  unchanged: string[];
  /** Locations left alone because the user changed them since we wrote them (named as `EnvChange.key`). */
  keptUserValues: string[];
  before: string;
  after: string;
  /** Where the old file was copied; null when nothing was written or there was no file. */
  backupFile: string | null;
  applied: boolean;
}
