/**
 * Replaces one of ccmon's own small cache files (never a user's file): the bytes go to a temp file of a
 * unique name beside it, which is renamed over it, so a reader sees the old file or the new one. No
 * fsync and no link or owner handling, unlike atomic-write.ts: a crash costs at most the newest write of
 * a cache, and the hot commands (the status line, the hook) can't afford write-file-atomic's load, about
 * 15 ms of a hook's 40 (it loads worker_threads, node:crypto and signal-exit).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDirSync } from './ensure-dir.js';

let written = 0;

export function replaceCacheFile(file: string, text: string): void {
  ensureDirSync(path.dirname(file));
  const temp = `${file}.${process.pid}.${Date.now()}.${written++}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
