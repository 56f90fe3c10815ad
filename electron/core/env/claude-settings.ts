/**
 * Writes what ccmon needs into Claude Code's user settings (`$CLAUDE_CONFIG_DIR/settings.json`,
 * default `~/.claude/settings.json`) and takes it out again, never losing or changing a byte it does
 * not own:
 *
 * - only the managed locations (`env.<KEY>`, `statusLine`, our element of `hooks.<Event>`) are edited,
 *   in place in the text; every other byte stays (settings-plan.ts, settings-edits.ts);
 * - a file that is not strict JSON, not an object, ambiguous (duplicate keys where we write) or of the
 *   wrong type where we write, read-only, or a dangling link is refused with a sentence, untouched;
 * - before every write the old bytes go to a backup that is never overwritten; the write is atomic,
 *   through a symbolic link, keeping the mode and owner; a change while planning refuses the write;
 * - what we changed is recorded in the app's config folder (settings-record.ts). A revert of a file
 *   that still holds exactly what we wrote gives back the original bytes; otherwise only our
 *   locations are undone in place, and a value of ours the user changed since is left alone.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClaudeEnvPlan, EnvVars } from './types.js';
import { parseStrict } from './json-text.js';
import { planSettingsApply, planSettingsRevert, type ClaudeSettingsDesired } from './settings-plan.js';
import { readRecord, saveRecord, type ApplyRecord } from './settings-record.js';
import { assertWritable, readSettings, replaceSettings, sha256 } from './settings-file.js';

export type { ClaudeEnvPlan, EnvChange, SettingsSection } from './types.js';
export type { ApplyRecord, RecordedHook, RecordedKey, RecordedValue } from './settings-record.js';
export type { JsonObject, JsonValue } from './json-text.js';
export { ClaudeSettingsError, type ClaudeSettingsCode } from './claude-settings-error.js';
export { planApply, planRevert, planSettingsApply, planSettingsRevert, type ClaudeSettingsDesired, type PlanBody, type PlannedApply } from './settings-plan.js';

/** Claude Code's user settings file, honouring `CLAUDE_CONFIG_DIR` as Claude Code does. */
export function claudeSettingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CLAUDE_CONFIG_DIR || path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), '.claude');
  return path.join(dir, 'settings.json');
}

export interface ClaudeEnvFiles {
  /** Claude Code's settings.json. */
  settingsFile: string;
  /** Where the record of what we changed lives (the app's config folder). */
  recordFile: string;
}

export interface ClaudeSettingsOptions {
  /** Plan (and check the file could be written) but write nothing. */
  dryRun?: boolean;
  now?: Date;
}

/** Previews (`dryRun`) or applies `desired` to Claude Code's settings. */
export async function applyClaudeSettings(files: ClaudeEnvFiles, desired: ClaudeSettingsDesired, opts: ClaudeSettingsOptions = {}): Promise<ClaudeEnvPlan> {
  const now = opts.now ?? new Date();
  const snapshot = await readSettings(files.settingsFile);
  const previous = await readRecord(files.recordFile, files.settingsFile);
  const { plan, record } = planSettingsApply(snapshot.text, files.settingsFile, desired, previous, now);
  if (plan.changes.length === 0) return { ...plan, backupFile: null, applied: false };
  await assertWritable(snapshot);
  if (opts.dryRun) return { ...plan, backupFile: null, applied: false };
  const backupFile = await replaceSettings(snapshot, plan.after, now);
  // The original bytes stay restorable only while every change since them was ours.
  const original = previous
    ? snapshot.bytes && previous.writtenSha256 === sha256(snapshot.bytes)
      ? (previous.original ?? null)
      : null
    : { sha256: snapshot.bytes ? sha256(snapshot.bytes) : null, backupFile };
  await saveRecord(files.recordFile, files.settingsFile, { ...record, writtenSha256: sha256(Buffer.from(plan.after, 'utf8')), original });
  return { ...plan, backupFile, applied: true };
}

/**
 * The bytes from before our first apply, when the file holds exactly what we last wrote and the
 * backup still holds them (null: there was no file); undefined when an exact restore is not possible.
 */
async function originalBytes(record: ApplyRecord, current: Buffer | null): Promise<Buffer | null | undefined> {
  if (!current || !record.original || record.writtenSha256 !== sha256(current)) return undefined;
  const { sha256: wanted, backupFile } = record.original;
  if (wanted === null) return null;
  if (!backupFile) return undefined;
  try {
    const bytes = await fs.readFile(backupFile);
    return sha256(bytes) === wanted ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function isEmptyObject(text: string): boolean {
  const parsed = parseStrict(text);
  return parsed.ok && parsed.root.type === 'object' && !parsed.root.children?.length;
}

/** Previews (`dryRun`) or reverts what `applyClaudeSettings` changed; `fallback` is used without a record. */
export async function revertClaudeSettings(files: ClaudeEnvFiles, fallback: ClaudeSettingsDesired[], opts: ClaudeSettingsOptions = {}): Promise<ClaudeEnvPlan> {
  const now = opts.now ?? new Date();
  const snapshot = await readSettings(files.settingsFile);
  const record = await readRecord(files.recordFile, files.settingsFile);
  const plan = planSettingsRevert(snapshot.text, files.settingsFile, record, fallback);
  if (plan.changes.length === 0) {
    if (!opts.dryRun && record && snapshot.text !== null) await saveRecord(files.recordFile, files.settingsFile, null);
    return { ...plan, backupFile: null, applied: false };
  }
  const exact = record ? await originalBytes(record, snapshot.bytes) : undefined;
  let next: Uint8Array | null;
  if (exact !== undefined) next = exact;
  else if (record?.fileCreated && isEmptyObject(plan.after)) next = null;
  else next = Buffer.from(plan.after, 'utf8');
  const after = next === null ? '' : Buffer.from(next).toString('utf8');
  await assertWritable(snapshot);
  if (opts.dryRun) return { ...plan, after, backupFile: null, applied: false };
  const backupFile = await replaceSettings(snapshot, next, now);
  await saveRecord(files.recordFile, files.settingsFile, null);
  return { ...plan, after, backupFile, applied: true };
}

/** `applyClaudeSettings` for the env variables alone (a statusLine or hooks applied earlier are taken out). */
export const applyClaudeEnv = (files: ClaudeEnvFiles, vars: EnvVars, opts: ClaudeSettingsOptions = {}): Promise<ClaudeEnvPlan> =>
  applyClaudeSettings(files, { env: vars }, opts);

/** `revertClaudeSettings` with env-only fallbacks. */
export const revertClaudeEnv = (files: ClaudeEnvFiles, fallback: EnvVars[], opts: ClaudeSettingsOptions = {}): Promise<ClaudeEnvPlan> =>
  revertClaudeSettings(
    files,
    fallback.map((env) => ({ env })),
    opts,
  );
