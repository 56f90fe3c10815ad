/** Temporary directories that are removed when the test process exits, even on failure. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const dir of live) rmSync(dir, { recursive: true, force: true });
  });
}

/** Creates a fresh temp dir (`<os tmp>/<prefix>XXXXXX`); `remove()` deletes it now. */
export function tempDir(prefix = 'ccmon-test-'): { path: string; remove: () => void } {
  hookExit();
  const path = mkdtempSync(join(tmpdir(), prefix));
  live.add(path);
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}
