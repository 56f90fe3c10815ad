/** A temp CLAUDE_CONFIG_DIR and app config folder for the settings.json writer, and what ccmon installs. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeEnvFiles } from '../../electron/core/env/index.js';
import type { ClaudeEnvFiles, ClaudeSettingsDesired } from '../../electron/core/env/claude-settings.js';
import { envVars } from '../../electron/core/env/snippet.js';
import { tempDir } from './tmp.js';

export interface SettingsSandbox {
  root: string;
  claudeDir: string;
  files: ClaudeEnvFiles;
}

/** A fresh sandbox; `content` (when given) is written to settings.json as is. */
export function settingsSandbox(content?: string | Uint8Array): SettingsSandbox {
  const root = tempDir('ccmon-settings-').path;
  const claudeDir = join(root, 'claude');
  const files = claudeEnvFiles({ CLAUDE_CONFIG_DIR: claudeDir, CCMON_CONFIG_DIR: join(root, 'app') });
  mkdirSync(claudeDir, { recursive: true });
  if (content !== undefined) writeFileSync(files.settingsFile, content);
  return { root, claudeDir, files };
}

export const backupsIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.includes('.ccmon-backup-'))
    .sort();

const urls = { prometheusUrl: 'http://127.0.0.1:9090', lokiUrl: 'http://127.0.0.1:3100', exporterUrl: 'http://127.0.0.1:9464/metrics' };
export const pushVars = envVars('push', urls);
export const scrapeVars = envVars('scrape', urls);

export const ourStatusLine = { type: 'command', command: 'ccmon statusline', padding: 0 };
export const ourHook = { hooks: [{ type: 'command', command: 'ccmon hook', timeout: 5 }] };

/** Everything ccmon installs: the push env, its status line, and its SessionStart/SessionEnd hooks. */
export const everything: ClaudeSettingsDesired = { env: pushVars, statusLine: ourStatusLine, hooks: { SessionStart: ourHook, SessionEnd: ourHook } };
