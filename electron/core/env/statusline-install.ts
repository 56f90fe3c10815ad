/**
 * The status line `ccmon env --apply` installs. A user who already has a status line command keeps it:
 * ours wraps theirs (their line is printed as before, ours adds a short segment, the plan limits), their
 * command kept in the app's config folder under an id (statusline-chain.json), our command naming only
 * that id. `--revert` puts their statusLine back exactly (the settings writer's record).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from './json-text.js';
import { ccmonCommandLine, isCcmonCommand, type CcmonInvocation } from './ccmon-command.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

export const chainFileName = 'statusline-chain.json';

export interface StatusLinePlan {
  statusLine: JsonObject;
  /** The user's own command, wrapped: stored under `id` when applied. */
  chain: { id: string; command: string } | null;
}

const chainId = (settingsFile: string): string => createHash('sha256').update(settingsFile).digest('hex').slice(0, 12);

async function currentStatusLine(settingsFile: string): Promise<{ command?: unknown; padding?: unknown } | null> {
  try {
    const json = JSON.parse(await fs.readFile(settingsFile, 'utf8')) as { statusLine?: unknown };
    return typeof json.statusLine === 'object' && json.statusLine !== null ? (json.statusLine as { command?: unknown }) : null;
  } catch {
    return null;
  }
}

async function readChains(configDir: string): Promise<Record<string, { command: string; settingsFile: string }>> {
  try {
    const all = JSON.parse(await fs.readFile(path.join(configDir, chainFileName), 'utf8')) as unknown;
    return typeof all === 'object' && all !== null ? (all as Record<string, { command: string; settingsFile: string }>) : {};
  } catch {
    return {};
  }
}

/** Ours, wrapping the user's command when there is one (and keeping the chain of an earlier apply). */
export async function planStatusLine(settingsFile: string, configDir: string, invocation: CcmonInvocation): Promise<StatusLinePlan> {
  const current = await currentStatusLine(settingsFile);
  const id = chainId(settingsFile);
  const theirs = typeof current?.command === 'string' && current.command.trim() !== '' && !isCcmonCommand(current.command, 'statusline') ? current.command : null;
  const kept = theirs ? null : (await readChains(configDir))[id];
  const wrapped = theirs ?? (kept && typeof current?.command === 'string' && current.command.includes(`--chain ${id}`) ? kept.command : null);
  const statusLine: JsonObject = {
    type: 'command',
    command: ccmonCommandLine(invocation, ['statusline', ...(wrapped ? ['--chain', id] : [])]),
    padding: typeof current?.padding === 'number' ? current.padding : 0,
  };
  return { statusLine, chain: wrapped ? { id, command: wrapped } : null };
}

export async function saveChain(configDir: string, settingsFile: string, chain: { id: string; command: string }): Promise<void> {
  const all = await readChains(configDir);
  all[chain.id] = { command: chain.command, settingsFile };
  await writeFileAtomic(path.join(configDir, chainFileName), `${JSON.stringify(all, null, 2)}\n`);
}

export async function dropChain(configDir: string, settingsFile: string): Promise<void> {
  const all = await readChains(configDir);
  const id = chainId(settingsFile);
  if (!(id in all)) return;
  delete all[id];
  await writeFileAtomic(path.join(configDir, chainFileName), `${JSON.stringify(all, null, 2)}\n`);
}
