/**
 * The status line `ccmon env --apply` installs. A user who already has a status line command keeps it:
 * ours wraps theirs (their line is printed as before, ours adds a short segment: the plan limits), their
 * command kept in the install record (install-record.ts), our command naming only the record's id.
 * `--revert` puts their statusLine back exactly (the settings writer's record).
 */
import fs from 'node:fs/promises';
import type { JsonObject } from './json-text.js';
import { ccmonCommandLine, isCcmonCommand, type CcmonInvocation } from './ccmon-command.js';
import { installId, readInstall } from './install-record.js';

export interface StatusLinePlan {
  statusLine: JsonObject;
  /** The user's own command, wrapped (kept in the install record). */
  wrappedCommand: string | null;
}

async function currentStatusLine(settingsFile: string): Promise<{ command?: unknown; padding?: unknown } | null> {
  try {
    const json = JSON.parse(await fs.readFile(settingsFile, 'utf8')) as { statusLine?: unknown };
    return typeof json.statusLine === 'object' && json.statusLine !== null ? (json.statusLine) : null;
  } catch {
    return null;
  }
}

/** Ours, wrapping the user's command when there is one (or the one an earlier apply wrapped). */
export async function planStatusLine(settingsFile: string, configDir: string, invocation: CcmonInvocation): Promise<StatusLinePlan> {
  const current = await currentStatusLine(settingsFile);
  const command = typeof current?.command === 'string' ? current.command : '';
  const theirs = command.trim() !== '' && !isCcmonCommand(command, 'statusline') ? command : null;
  const wrappedCommand = theirs ?? (command ? ((await readInstall(configDir, installId(settingsFile)))?.wrappedCommand ?? null) : null);
  return {
    statusLine: { type: 'command', command: ccmonCommandLine(invocation, ['statusline', '--install', installId(settingsFile)]), padding: typeof current?.padding === 'number' ? current.padding : 0 },
    wrappedCommand,
  };
}
