/**
 * Merges the telemetry variables into Claude Code's user settings (`$CLAUDE_CONFIG_DIR/settings.json`,
 * default `~/.claude/settings.json`), under its `env` object, and takes them out again.
 *
 * - every other key is kept, in its order; the file's indentation is kept;
 * - the old file is copied to a timestamped backup before it is replaced;
 * - the write is atomic (temp file in the same folder, fsync, rename), keeping the file's mode;
 * - a file that is not valid JSON (or whose `env` is not an object) is refused, untouched;
 * - what we changed is recorded (in the app's config folder), so `revert` removes only the keys
 *   we added and restores the values we replaced, and leaves alone any value the user changed since.
 *
 * The planning functions are pure; `applyClaudeEnv` / `revertClaudeEnv` do the I/O.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { managedKeys, type EnvVars } from './snippet.js';
import type { ClaudeEnvPlan, EnvChange } from './types.js';

export type { ClaudeEnvPlan, EnvChange } from './types.js';

export class ClaudeSettingsError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(message: string, code: string, hint?: string) {
    super(message);
    this.name = 'ClaudeSettingsError';
    this.code = code;
    this.hint = hint;
  }
}

/** Claude Code's user settings file, honouring `CLAUDE_CONFIG_DIR` as Claude Code does. */
export function claudeSettingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CLAUDE_CONFIG_DIR || path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), '.claude');
  return path.join(dir, 'settings.json');
}

/** What we wrote for one key, and what was there before (null: absent). */
export interface RecordedKey {
  value: string;
  previous: string | null;
}

export interface ApplyRecord {
  keys: Record<string, RecordedKey>;
  envCreated: boolean;
  fileCreated: boolean;
  appliedAt: string;
}

type Json = Record<string, unknown>;

interface Parsed {
  root: Json;
  env: Record<string, unknown>;
  envExisted: boolean;
  indent: string | number;
}

/** Parses settings.json text, or refuses it with a sentence a person can act on. Pure. */
export function parseClaudeSettings(text: string | null, file: string): Parsed {
  if (text === null || text.trim() === '') return { root: {}, env: {}, envExisted: false, indent: 2 };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new ClaudeSettingsError(
      `${file} is not valid JSON (${(err as Error).message}); it was left untouched.`,
      'CLAUDE_SETTINGS_INVALID_JSON',
      'Fix the file (or move it aside) and try again, or paste the settings.json snippet by hand.',
    );
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ClaudeSettingsError(`${file} does not hold a JSON object; it was left untouched.`, 'CLAUDE_SETTINGS_NOT_OBJECT', 'Claude Code expects an object at the top of settings.json.');
  }
  const env = (root as Json).env;
  if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env))) {
    throw new ClaudeSettingsError(`${file} has an "env" that is not an object; it was left untouched.`, 'CLAUDE_SETTINGS_BAD_ENV', 'Make "env" an object of NAME: "value" pairs, or remove it.');
  }
  const indentMatch = /^\{\s*\n([ \t]+)"/.exec(text);
  return { root: root as Json, env: { ...((env as Record<string, unknown> | undefined) ?? {}) }, envExisted: env !== undefined, indent: indentMatch?.[1] ?? 2 };
}

function render(parsed: Parsed, env: Record<string, unknown>, dropEnv: boolean): string {
  const root: Json = {};
  let placed = false;
  for (const [k, v] of Object.entries(parsed.root)) {
    if (k === 'env') {
      placed = true;
      if (!dropEnv) root.env = env;
    } else root[k] = v;
  }
  if (!placed && !dropEnv) root.env = env;
  return `${JSON.stringify(root, null, parsed.indent)}\n`;
}

const asString = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

export interface PlannedApply {
  plan: Omit<ClaudeEnvPlan, 'backupFile' | 'applied'>;
  record: ApplyRecord;
}

/**
 * The change `apply` makes: sets `vars`, and removes keys a previous apply added that this one no
 * longer wants (a switch from push to scrape), unless the user changed them since. Pure.
 */
export function planApply(text: string | null, file: string, vars: EnvVars, previous: ApplyRecord | null, now: Date): PlannedApply {
  const parsed = parseClaudeSettings(text, file);
  const env = { ...parsed.env };
  const changes: EnvChange[] = [];
  const unchanged: string[] = [];
  const keys: Record<string, RecordedKey> = {};
  for (const [key, value] of Object.entries(vars)) {
    const current = asString(env[key]);
    const prior = previous?.keys[key];
    keys[key] = { value, previous: prior ? prior.previous : current };
    if (current === value && typeof env[key] === 'string') unchanged.push(key);
    else {
      changes.push({ key, before: current, after: value });
      env[key] = value;
    }
  }
  const keptUserValues: string[] = [];
  for (const [key, rec] of Object.entries(previous?.keys ?? {})) {
    if (key in vars) continue;
    const current = asString(env[key]);
    if (current !== rec.value) {
      if (current !== null) keptUserValues.push(key);
      continue;
    }
    if (rec.previous === null) delete env[key];
    else env[key] = rec.previous;
    changes.push({ key, before: current, after: rec.previous });
  }
  const after = changes.length ? render(parsed, env, false) : (text ?? '');
  return {
    plan: { file, exists: text !== null, changes, unchanged, keptUserValues, before: text ?? '', after },
    record: {
      keys,
      envCreated: previous ? previous.envCreated : !parsed.envExisted,
      fileCreated: previous ? previous.fileCreated : text === null,
      appliedAt: now.toISOString(),
    },
  };
}

/**
 * The change `revert` makes: each key we set goes back to what it was (absent: removed), unless
 * the user changed it since. Without a record (lost, or applied elsewhere), only keys holding
 * exactly a value we would write (`fallback`) are removed. Pure.
 */
export function planRevert(text: string | null, file: string, record: ApplyRecord | null, fallback: EnvVars[]): Omit<ClaudeEnvPlan, 'backupFile' | 'applied'> {
  const parsed = parseClaudeSettings(text, file);
  const env = { ...parsed.env };
  const changes: EnvChange[] = [];
  const keptUserValues: string[] = [];
  if (record) {
    for (const [key, rec] of Object.entries(record.keys)) {
      const current = asString(env[key]);
      if (current !== rec.value) {
        if (current !== rec.previous) keptUserValues.push(key);
        continue;
      }
      if (rec.previous === null) delete env[key];
      else env[key] = rec.previous;
      changes.push({ key, before: current, after: rec.previous });
    }
  } else {
    const managed = new Set<string>(managedKeys);
    for (const [key, value] of Object.entries(env)) {
      if (!managed.has(key) || typeof value !== 'string') continue;
      if (fallback.some((vars) => vars[key] === value)) {
        delete env[key];
        changes.push({ key, before: value, after: null });
      } else keptUserValues.push(key);
    }
  }
  const dropEnv = Boolean(record?.envCreated) && Object.keys(env).length === 0;
  const after = changes.length ? render(parsed, env, dropEnv) : (text ?? '');
  return { file, exists: text !== null, changes, unchanged: [], keptUserValues, before: text ?? '', after };
}

// ---- I/O ----

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ClaudeSettingsError(`Cannot read ${file}: ${(err as Error).message}`, 'CLAUDE_SETTINGS_UNREADABLE');
  }
}

/** Writes `text` to `file` atomically: a temp file beside it, flushed, then renamed over it. */
export async function writeFileAtomic(file: string, text: string, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode ?? 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export interface ClaudeEnvFiles {
  /** Claude Code's settings.json. */
  settingsFile: string;
  /** Where the record of what we changed lives (the app's config folder). */
  recordFile: string;
}

type Records = Record<string, ApplyRecord>;

async function readRecords(recordFile: string): Promise<Records> {
  const text = await readText(recordFile).catch(() => null);
  if (!text) return {};
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Records) : {};
  } catch {
    return {};
  }
}

async function saveRecord(recordFile: string, settingsFile: string, record: ApplyRecord | null): Promise<void> {
  const records = await readRecords(recordFile);
  if (record) records[settingsFile] = record;
  else delete records[settingsFile];
  await writeFileAtomic(recordFile, `${JSON.stringify(records, null, 2)}\n`);
}

async function commit(files: ClaudeEnvFiles, plan: Omit<ClaudeEnvPlan, 'backupFile' | 'applied'>, now: Date, deleteFile: boolean): Promise<string | null> {
  const { settingsFile } = files;
  let mode: number | undefined;
  let backupFile: string | null = null;
  if (plan.exists) {
    mode = (await fs.stat(settingsFile)).mode & 0o777;
    backupFile = `${settingsFile}.ccmon-backup-${stamp(now)}`;
    await fs.copyFile(settingsFile, backupFile);
    // Re-read: refuse to overwrite a file that changed while we planned.
    const current = await readText(settingsFile);
    if (current !== plan.before) throw new ClaudeSettingsError(`${settingsFile} changed while it was being updated; nothing was written.`, 'CLAUDE_SETTINGS_RACE', 'Try again.');
  }
  if (deleteFile) await fs.rm(settingsFile, { force: true });
  else await writeFileAtomic(settingsFile, plan.after, mode);
  return backupFile;
}

/** Previews (`dryRun`) or applies the variables to Claude Code's settings. */
export async function applyClaudeEnv(files: ClaudeEnvFiles, vars: EnvVars, opts: { dryRun?: boolean; now?: Date } = {}): Promise<ClaudeEnvPlan> {
  const now = opts.now ?? new Date();
  const text = await readText(files.settingsFile);
  const records = await readRecords(files.recordFile);
  const { plan, record } = planApply(text, files.settingsFile, vars, records[files.settingsFile] ?? null, now);
  if (opts.dryRun || plan.changes.length === 0) {
    return { ...plan, backupFile: null, applied: false };
  }
  const backupFile = await commit(files, plan, now, false);
  await saveRecord(files.recordFile, files.settingsFile, record);
  return { ...plan, backupFile, applied: true };
}

/** Previews (`dryRun`) or reverts what `applyClaudeEnv` changed. */
export async function revertClaudeEnv(files: ClaudeEnvFiles, fallback: EnvVars[], opts: { dryRun?: boolean; now?: Date } = {}): Promise<ClaudeEnvPlan> {
  const now = opts.now ?? new Date();
  const text = await readText(files.settingsFile);
  const records = await readRecords(files.recordFile);
  const record = records[files.settingsFile] ?? null;
  const plan = planRevert(text, files.settingsFile, record, fallback);
  if (opts.dryRun || plan.changes.length === 0) {
    if (!opts.dryRun && record && text !== null) await saveRecord(files.recordFile, files.settingsFile, null);
    return { ...plan, backupFile: null, applied: false };
  }
  const deleteFile = Boolean(record?.fileCreated) && plan.after.trim() === '{}';
  const backupFile = await commit(files, plan, now, deleteFile);
  await saveRecord(files.recordFile, files.settingsFile, null);
  return { ...plan, after: deleteFile ? '' : plan.after, backupFile, applied: true };
}
