/**
 * scripts/test/reporter.mjs under node's real test runner: what counts as a test (leaves; a group
 * only when it fails and none of its subtests did; a file that fails outside its tests), what the
 * counts file says, and what the text shows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/tmp.js';

const REPORTER = fileURLToPath(new URL('../../scripts/test/reporter.mjs', import.meta.url));

const TREE = `import { test, describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
test('passes', () => {});
test('fails', () => {
  assert.equal(1, 2);
});
test('skipped', { skip: 'not on this machine' }, () => {});
test('todo', { todo: 'later' }, () => {});
test('parent', async (t) => {
  await t.test('child a', () => {});
  await t.test('child b', () => {});
});
describe('suite whose after hook fails', () => {
  after(() => { throw new Error('after hook broke'); });
  it('passes inside', () => {});
});
describe('suite whose before hook fails', () => {
  before(() => { throw new Error('before hook broke'); });
  it('never runs', () => {});
});
`;

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  cancelled: number;
  failures: { name: string; file: string; line: number | null; outcome: string; error: string }[];
}

function runReporter(files: Record<string, string>): { counts: Counts; out: string; status: number | null } {
  const dir = tempDir('ccmon-reporter-');
  try {
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir.path, name), body);
    const countsFile = join(dir.path, 'counts.json');
    const r = spawnSync(process.execPath, ['--test', `--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout', ...Object.keys(files)], {
      cwd: dir.path,
      encoding: 'utf8',
      // NODE_TEST_CONTEXT would make the inner run report to this one instead of to its reporter.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, CCMON_TEST_COUNTS_FILE: countsFile },
      timeout: 30_000,
    });
    return { counts: JSON.parse(readFileSync(countsFile, 'utf8')) as Counts, out: r.stdout, status: r.status };
  } finally {
    dir.remove();
  }
}

test('counts leaf tests, a failing group once when none of its subtests failed, and a file that did not load', () => {
  const { counts, out, status } = runReporter({ 'tree.test.mjs': TREE, 'broken.test.mjs': "throw new Error('does not load');\n" });
  assert.equal(status, 1);
  const { failures, ...totals } = counts;
  // passed: passes, child a, child b, passes inside (not "parent", not the suites)
  // failed: fails, the suite whose after hook failed, broken.test.mjs; cancelled: never runs
  assert.deepEqual(totals, { passed: 4, failed: 3, skipped: 1, todo: 1, cancelled: 1 });
  assert.deepEqual(
    failures.map((f) => [f.name, f.outcome]),
    [
      ['broken.test.mjs', 'failed'],
      ['fails', 'failed'],
      ['suite whose after hook fails', 'failed'],
      ['suite whose before hook fails › never runs', 'cancelled'],
    ],
    'in file order (node sorts the files)',
  );
  const fails = failures[1]!;
  assert.deepEqual([fails.file, fails.line], ['tree.test.mjs', 5], 'where the assertion threw');
  assert.match(fails.error, /AssertionError/);
  assert.match(out, /^✔ passes \(\d/m);
  assert.match(out, /^﹣ skipped \(.*\) # SKIP not on this machine$/m);
  assert.match(out, /^﹣ todo \(.*\) # TODO later$/m);
  assert.match(out, /^▶ parent\n {2}✔ child a/m);
  assert.match(out, /failed running after hook\n\s+Error: after hook broke/);
  assert.match(out, /^✖ broken\.test\.mjs .*\n {2}at broken\.test\.mjs\n {2}the file's process failed outside its tests/m);
  assert.match(out, /✖ failing tests \(4\):/);
});

test('a passing run: counts only, no recap, exit 0', () => {
  const { counts, out, status } = runReporter({ 'ok.test.mjs': "import { test } from 'node:test';\ntest('a', () => {});\ntest('b', () => {});\n" });
  assert.equal(status, 0);
  assert.deepEqual(counts, { passed: 2, failed: 0, skipped: 0, todo: 0, cancelled: 0, failures: [] });
  assert.doesNotMatch(out, /failing tests/);
});
