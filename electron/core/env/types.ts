/** Shapes of the setup API (no Node imports: the renderer type-checks against these). */

/** `json` is the `env` object of Claude Code's settings.json. */
export type Shell = 'bash' | 'zsh' | 'fish' | 'powershell' | 'cmd' | 'json';
export type EnvVars = Record<string, string>;

export interface EnvSnippet {
  shell: Shell;
  mode: 'push' | 'scrape';
  text: string;
  env: EnvVars;
  /** One line on what the mode does. */
  explanation: string;
  /** Where to put the snippet. */
  where: string;
}

export interface EnvChange {
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
  /** Keys already holding the wanted value. */
  unchanged: string[];
  /** Keys left alone because the user changed them since we wrote them. */
  keptUserValues: string[];
  before: string;
  after: string;
  /** Where the old file was copied; null when nothing was written or there was no file. */
  backupFile: string | null;
  applied: boolean;
}
