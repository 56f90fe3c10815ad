/**
 * Reading and replacing Claude Code's settings.json on disk: the only I/O of the writer.
 *
 * - a symbolic link is read and written through (the link stays); a dangling one is refused;
 * - the file must be UTF-8 text (anything else cannot be edited as text without changing bytes);
 * - a read-only file (no owner write bit, or not writable by this user) is refused, never forced;
 * - before a write, the old bytes are copied to a backup whose name is never reused;
 * - the file is re-read just before the write, and a change since planning refuses the write.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import path from 'node:path';
import { DanglingLinkError, writeFileAtomic } from '../fs/atomic-write.js';
import { ClaudeSettingsError } from './claude-settings-error.js';

export interface SettingsSnapshot {
  file: string;
  /** null: no file. */
  bytes: Buffer | null;
  text: string | null;
  /** Of the file itself (the target, for a link). */
  stat: Stats | null;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

function danglingLink(file: string, target: string): ClaudeSettingsError {
  return new ClaudeSettingsError(
    'claude-settings-dangling-link',
    `${file} is a symbolic link to ${target}, which does not exist; it was left untouched.`,
    'Create the file the link points to (or remove the link) and try again.',
  );
}

const unreadable = (file: string, err: unknown): ClaudeSettingsError =>
  new ClaudeSettingsError('claude-settings-unreadable', `Cannot read ${file}: ${(err as Error).message}`, 'Check that the file is yours and readable, then try again.');

// fatal: bytes that are not UTF-8 would be changed by a decode/encode round trip; ignoreBOM: keep it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readSettings(file: string): Promise<SettingsSnapshot> {
  let link: Stats;
  try {
    link = await fs.lstat(file);
  } catch (err) {
    if (errno(err) === 'ENOENT') return { file, bytes: null, text: null, stat: null };
    throw unreadable(file, err);
  }
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      stat = await fs.stat(file);
    } catch (err) {
      if (errno(err) === 'ENOENT') throw danglingLink(file, await fs.readlink(file));
      throw unreadable(file, err);
    }
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ClaudeSettingsError('claude-settings-invalid-json', `${file} is not valid JSON (it is not UTF-8 text); it was left untouched.`, 'Save it as UTF-8 and try again.');
  }
  return { file, bytes, text, stat };
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Refuses a file we must not write, with what to do about it. */
export async function assertWritable(snapshot: SettingsSnapshot): Promise<void> {
  const { file, stat } = snapshot;
  if (!stat) return;
  const real = await fs.realpath(file);
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  if ((stat.mode & 0o200) === 0) {
    throw new ClaudeSettingsError(
      'claude-settings-read-only',
      `${file} is read-only (mode ${mode}) and ccmon does not write over that; it was left untouched.`,
      `If ccmon may change it, make it writable (chmod u+w "${real}") and try again; or paste the settings.json snippet by hand.`,
    );
  }
  if (isRoot()) return;
  try {
    await fs.access(real, constants.W_OK);
  } catch {
    throw new ClaudeSettingsError(
      'claude-settings-read-only',
      `${file} is not writable by this user (it belongs to uid ${stat.uid}, mode ${mode}); it was left untouched.`,
      `Run as the file's owner, or make it writable for you, and try again; or paste the settings.json snippet by hand.`,
    );
  }
  if (process.getuid && stat.uid !== process.getuid()) {
    // Our new file would be ours: its owner could no longer write it as the mode says.
    throw new ClaudeSettingsError(
      'claude-settings-read-only',
      `${file} belongs to uid ${stat.uid}, and replacing it as uid ${process.getuid()} would take it from its owner; it was left untouched.`,
      "Run as the file's owner and try again; or paste the settings.json snippet by hand.",
    );
  }
  try {
    // The new file is renamed into the folder, so the folder must be writable too.
    await fs.access(path.dirname(real), constants.W_OK | constants.X_OK);
  } catch {
    throw new ClaudeSettingsError(
      'claude-settings-read-only',
      `The folder of ${real} is not writable by this user, so the file cannot be replaced safely; it was left untouched.`,
      `Make ${path.dirname(real)} writable for you and try again; or paste the settings.json snippet by hand.`,
    );
  }
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '');

/** Copies the file to `<file>.ccmon-backup-<time>[-n]`, a name not used before (never overwritten). */
export async function backupSettings(file: string, stat: Stats, now: Date): Promise<string> {
  const base = `${file}.ccmon-backup-${stamp(now)}`;
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await fs.copyFile(file, candidate, constants.COPYFILE_EXCL);
    } catch (err) {
      if (errno(err) === 'EEXIST') continue;
      throw new ClaudeSettingsError('claude-settings-write-failed', `Could not back up ${file} (${(err as Error).message}); it was left untouched.`, `Check that you can write to ${path.dirname(file)}.`);
    }
    // A backup made by root of a user's file stays the user's, as the file does.
    if (isRoot() && (stat.uid !== 0 || stat.gid !== 0)) await fs.chown(candidate, stat.uid, stat.gid);
    return candidate;
  }
  throw new ClaudeSettingsError('claude-settings-write-failed', `Too many backups of ${file} at ${now.toISOString()}; it was left untouched.`, 'Remove old .ccmon-backup- files and try again.');
}

function raced(file: string): ClaudeSettingsError {
  return new ClaudeSettingsError('claude-settings-race', `${file} changed while it was being updated; nothing was written.`, 'Try again.');
}

async function currentBytes(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if (errno(err) === 'ENOENT') return null;
    throw unreadable(file, err);
  }
}

const sameBytes = (a: Buffer | null, b: Buffer | null): boolean => (a === null ? b === null : b !== null && a.equals(b));

/**
 * Replaces the file planned from `snapshot` with `next` (null: removes it), after a backup of the old
 * bytes; refuses if the file changed since the snapshot. Returns the backup's path (null: no file was there).
 */
export async function replaceSettings(snapshot: SettingsSnapshot, next: string | Uint8Array | null, now: Date): Promise<string | null> {
  const { file } = snapshot;
  let backupFile: string | null = null;
  if (snapshot.bytes && snapshot.stat) {
    backupFile = await backupSettings(file, snapshot.stat, now);
    if (!sameBytes(await fs.readFile(backupFile), snapshot.bytes)) {
      await fs.rm(backupFile, { force: true });
      throw raced(file);
    }
  }
  if (!sameBytes(await currentBytes(file), snapshot.bytes)) {
    if (backupFile) await fs.rm(backupFile, { force: true });
    throw raced(file);
  }
  try {
    if (next === null) await fs.rm(file, { force: true });
    else await writeFileAtomic(file, next);
  } catch (err) {
    if (err instanceof DanglingLinkError) throw danglingLink(file, err.target);
    throw new ClaudeSettingsError('claude-settings-write-failed', `Could not write ${file} (${(err as Error).message}); it was left as it was.`, `Check that you can write to ${path.dirname(file)}.`);
  }
  return backupFile;
}
