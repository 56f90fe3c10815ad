/** Env snippets and the Claude Code settings writer, wired to the places they live. */
import path from 'node:path';
import { appConfigDir } from '../config/paths.js';
import { claudeSettingsFile, type ClaudeEnvFiles } from './claude-settings.js';

export * from './snippet.js';
export * from './claude-settings.js';

/** Claude Code's settings.json and the record of what we changed in it (in the app's config folder). */
export function claudeEnvFiles(env: NodeJS.ProcessEnv = process.env): ClaudeEnvFiles {
  return { settingsFile: claudeSettingsFile(env), recordFile: path.join(appConfigDir(env), 'claude-settings-applied.json') };
}
