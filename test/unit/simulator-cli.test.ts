/** `npm run simulate` (scripts/simulator/cli.ts): totals, listing, errors, a short real run. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SCENARIO_NAMES, namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { freePort } from '../support/ports.js';

const CLI = fileURLToPath(new URL('../../scripts/simulator/cli.ts', import.meta.url));
const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], { timeout: 60_000 });

test('--print-totals prints the known totals as one JSON document', async () => {
  const { stdout } = await run(['--scenario', 'counter-reset', '--print-totals']);
  assert.deepEqual(JSON.parse(stdout), scenarioTotals(namedScenario('counter-reset')));
});

test('--list names every scenario', async () => {
  const { stdout } = await run(['--list']);
  for (const n of SCENARIO_NAMES) assert.match(stdout, new RegExp(`^${n} `, 'm'));
});

test('an unknown scenario is an error a person can act on', async () => {
  await assert.rejects(run(['--scenario', 'nope']), (err: Error & { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /Unknown scenario "nope"\. Known: long-session/);
    return true;
  });
});

test('plays a scenario on the given port and exits when done', async () => {
  const port = await freePort();
  const child = run(['--scenario', 'short-sessions', '--port', String(port), '--speed', '100', '--linger-ms', '400']);
  let exited = false;
  void child.finally(() => (exited = true)).catch(() => undefined);
  let seen = '';
  // Until the exporter answers or the run is over (its start alone can take seconds on a busy machine).
  while (!exited && !seen.includes('claude_code_cost_usage_total')) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
  }
  assert.match(seen, /claude_code_cost_usage_total\{/);
  const { stderr } = await child;
  assert.match(stderr, /done: \$\d+\.\d{4} across 4 session\(s\)/);
});
