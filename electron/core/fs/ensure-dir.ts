/**
 * Creates a folder and its missing parents one level at a time, within a bounded number of levels.
 * Node 20's `mkdir(..., { recursive: true })` can spin forever on pseudo-filesystems such as /proc;
 * this fails at once there, with the error of the level that could not be made.
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const maxLevels = 64;

export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (let level = 0; ; level++) {
    const info = await stat(current).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    if (level >= maxLevels) throw Object.assign(new Error(`${dir} is more than ${maxLevels} levels below an existing folder`), { code: 'ENAMETOOLONG' });
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    await mkdir(level, { mode }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

/** The same, synchronously. */
export function ensureDirSync(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (let level = 0; ; level++) {
    const info = statSync(current, { throwIfNoEntry: false });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    if (level >= maxLevels) throw Object.assign(new Error(`${dir} is more than ${maxLevels} levels below an existing folder`), { code: 'ENAMETOOLONG' });
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** A file-system error as a person reads it: "EACCES: permission denied, mkdir '/x'" → "permission denied: /x". */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = { EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system', ENOSPC: 'no space left', ENOTDIR: 'not a folder', EEXIST: 'already exists', ENOENT: 'no such file or folder' };
  const what = (e.code && known[e.code]) ?? e.message ?? String(err);
  if (e.name === 'TimeoutError') return e.message;
  return e.path ? `${what}: ${e.path}` : e.code === 'ENOTDIR' ? e.message : what;
}
