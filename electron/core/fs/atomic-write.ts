/**
 * The app's one atomic file writer, on top of write-file-atomic: the bytes go to a temp file beside
 * the real target, are flushed (fsync) and renamed over it, so a reader sees the old file or the new
 * one, never half of either.
 *
 * - a symbolic link is followed: the link stays a link and its target gets the new bytes;
 * - a dangling link is refused (`DanglingLinkError`), where a plain rename would replace the link;
 * - an existing file keeps its mode and owner (write-file-atomic copies both from the old file);
 * - a new file is created with `newFileMode` (default 0600), its folder made when missing.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';
import { ensureDir, ensureDirSync } from './ensure-dir.js';

export interface AtomicWriteOptions {
  /** Mode of a file that does not exist yet; an existing file keeps its own. Default 0600. */
  newFileMode?: number;
}

export class DanglingLinkError extends Error {
  readonly file: string;
  readonly target: string;
  constructor(file: string, target: string) {
    super(`${file} is a symbolic link to ${target}, which does not exist.`);
    this.name = 'DanglingLinkError';
    this.file = file;
    this.target = target;
  }
}

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

interface Target {
  file: string;
  exists: boolean;
}

async function resolveTarget(file: string): Promise<Target> {
  let stat: fs.Stats;
  try {
    stat = await fsp.lstat(file);
  } catch (err) {
    if (isMissing(err)) return { file, exists: false };
    throw err;
  }
  if (!stat.isSymbolicLink()) return { file, exists: true };
  try {
    return { file: await fsp.realpath(file), exists: true };
  } catch (err) {
    if (isMissing(err)) throw new DanglingLinkError(file, await fsp.readlink(file));
    throw err;
  }
}

function resolveTargetSync(file: string): Target {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (err) {
    if (isMissing(err)) return { file, exists: false };
    throw err;
  }
  if (!stat.isSymbolicLink()) return { file, exists: true };
  try {
    return { file: fs.realpathSync(file), exists: true };
  } catch (err) {
    if (isMissing(err)) throw new DanglingLinkError(file, fs.readlinkSync(file));
    throw err;
  }
}

// Passing `mode` for an existing file would override its own, so it is only given for a new one.
const libOptions = (target: Target, opts: AtomicWriteOptions): writeFileAtomicLib.Options =>
  target.exists ? { fsync: true } : { fsync: true, mode: opts.newFileMode ?? 0o600 };

/** The rename is only durable once the folder's entry is flushed too; not every platform allows it. */
function syncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the file itself was flushed.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // As in syncDirSync.
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `file` atomically (see the module comment). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveTarget(file);
  if (!target.exists) await ensureDir(path.dirname(target.file));
  await writeFileAtomicLib(target.file, typeof data === 'string' ? data : Buffer.from(data), libOptions(target, opts));
  await syncDir(path.dirname(target.file));
}

/** The same, synchronously. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const target = resolveTargetSync(file);
  if (!target.exists) ensureDirSync(path.dirname(target.file));
  writeFileAtomicLib.sync(target.file, typeof data === 'string' ? data : Buffer.from(data), libOptions(target, opts));
  syncDirSync(path.dirname(target.file));
}
