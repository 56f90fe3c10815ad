/**
 * Creates a folder and its missing parents one level at a time, within a bounded number of levels.
 * Node 20's `mkdir(..., { recursive: true })` can spin forever on pseudo-filesystems such as /proc;
 * this fails at once there, with the error of the level that could not be made.
 */
import fs, { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const maxLevels = 64;

/** The folders to make, outermost first (a stat per level: cheap, so the async version uses it too). */
function missingLevels(dir: string): string[] {
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
  return missing.reverse();
}

const existed = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'EEXIST';

export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  for (const level of missingLevels(dir)) {
    // fs.promises, not an import of node:fs/promises: the hot commands use only the sync version and
    // would load it for nothing (1.2 ms of a status line's 20).
    await fs.promises.mkdir(level, { mode }).catch((err: unknown) => {
      if (!existed(err)) throw err;
    });
  }
}

/** The same, synchronously. */
export function ensureDirSync(dir: string, mode = 0o700): void {
  for (const level of missingLevels(dir)) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if (!existed(err)) throw err;
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
