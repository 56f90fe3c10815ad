// The test tiers, in the order a full run takes them, and the files each one runs.
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

export const tiers = [
  { name: 'unit', dirs: ['test/unit', 'test/contract'], concurrency: 2, timeoutMs: 60_000 },
  { name: 'reliability', dirs: ['test/reliability'], concurrency: 2, timeoutMs: 120_000 },
  { name: 'integration', dirs: ['test/integration'], concurrency: 1, timeoutMs: 300_000 },
  { name: 'e2e', dirs: ['e2e'], concurrency: 1, timeoutMs: 300_000 },
];

const TEST_FILE = /\.test\.(ts|mts|js|mjs)$/;

/** Every test file under `dir` (recursively), sorted; none when `dir` doesn't exist. */
export function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...testFiles(full));
    else if (TEST_FILE.test(entry)) found.push(full);
  }
  return found.sort();
}
