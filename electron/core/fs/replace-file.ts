/**
 * Replaces a cache file: a temp file beside it, renamed over it, so a reader never sees half of it. No
 * fsync (losing a cache costs only a recomputation) and no library: it runs on the status line's hot
 * path. Files that must survive a crash go through atomic-write.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureDirSync } from './ensure-dir.js';

export function replaceFileSync(file: string, data: string, mode = 0o600): void {
  ensureDirSync(path.dirname(file));
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
