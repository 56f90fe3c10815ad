import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignSlots, planRun } from '../../scripts/simulator/plan.js';
import { parseScenario } from '../../scripts/simulator/scenario.js';
import { SCENARIO_NAMES, namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { expectedSeries } from '../../scripts/simulator/series.js';
import { runTotals, scenarioTotals } from '../../scripts/simulator/totals.js';

const tiny = parseScenario({
  name: 'tiny',
  sessions: [
    {
      sessionId: 's1',
      model: 'm-a',
      start: 0,
      duration: 100,
      steps: [
        { at: 10, costUsd: 0.5, tokens: { input: 100, output: 10 }, linesAdded: 5, linesRemoved: 1, activeTime: { user: 3, cli: 1 } },
        { at: 20, model: 'm-b', querySource: 'auxiliary', costUsd: 0.25, tokens: { cacheRead: 1000, cacheCreation: 50 }, commits: 1 },
      ],
    },
    { sessionId: 's1', startType: 'resume', model: 'm-a', start: 150, duration: 50, steps: [{ at: 5, costUsd: 0.125, tokens: { input: 7 }, pullRequests: 2 }] },
    { sessionId: 's2', model: 'm-b', start: 50, duration: 10, steps: [{ at: 1, costUsd: 1, tokens: { output: 3 } }] },
  ],
});

test('known totals sum every process, group by model and count distinct sessions', () => {
  assert.deepEqual(scenarioTotals(tiny), {
    costUsd: 1.875,
    tokens: { input: 107, output: 13, cacheRead: 1000, cacheCreation: 50 },
    sessions: 2,
    byModel: [
      { model: 'm-a', costUsd: 0.625, tokens: { input: 107, output: 10, cacheRead: 0, cacheCreation: 0 } },
      { model: 'm-b', costUsd: 1.25, tokens: { input: 0, output: 3, cacheRead: 1000, cacheCreation: 50 } },
    ],
    linesOfCode: { added: 5, removed: 1 },
    commits: 1,
    pullRequests: 2,
    activeTimeSeconds: { user: 3, cli: 1 },
  });
});

test('window totals count usage inside [since, until) and sessions alive in it', () => {
  const w = scenarioTotals(tiny, { since: 15, until: 160 });
  assert.equal(w.costUsd, 0.25 + 1 + 0.125);
  assert.equal(w.sessions, 2);
  assert.equal(w.commits, 1);
  assert.equal(w.linesOfCode.added, 0);
  assert.equal(scenarioTotals(tiny, { since: 500 }).sessions, 0);
});

test('known totals equal the sum of each process final series values', () => {
  for (const name of SCENARIO_NAMES) {
    const s = namedScenario(name);
    const t = scenarioTotals(s);
    let cost = 0;
    let input = 0;
    for (const run of s.sessions) {
      for (const e of expectedSeries(run)) {
        if (e.name === 'claude_code_cost_usage_total') cost += e.value;
        if (e.name === 'claude_code_token_usage_total' && e.labels.type === 'input') input += e.value;
      }
      assert.equal(runTotals(run).sessions, 1);
    }
    assert.ok(Math.abs(cost - t.costUsd) < 1e-9, name);
    assert.equal(input, t.tokens.input, name);
    assert.ok(t.costUsd > 0 && t.sessions > 0, name);
  }
});

test('lines of code record both types, like Claude Code (removed=0 series)', () => {
  const run = parseScenario({ name: 'x', sessions: [{ sessionId: 'a', start: 0, duration: 5, steps: [{ at: 1, linesAdded: 4 }] }] }).sessions[0]!;
  const loc = expectedSeries(run).filter((e) => e.name === 'claude_code_lines_of_code_count_total');
  assert.deepEqual(loc.map((e) => [e.labels.type, e.value]), [['added', 4], ['removed', 0]]);
});

test('unit spelling names', () => {
  const run = namedScenario('counter-reset').sessions[0]!;
  const names = new Set(expectedSeries(run, 'unit').map((e) => e.name));
  for (const n of ['claude_code_cost_usage_USD_total', 'claude_code_token_usage_tokens_total', 'claude_code_active_time_seconds_total', 'claude_code_session_count_total', 'claude_code_lines_of_code_count_total', 'claude_code_commit_count_total']) {
    assert.ok(names.has(n), n);
  }
});

test('slots: sequential runs share a port, concurrent runs get their own, a resumed session comes back', () => {
  assert.deepEqual(assignSlots(namedScenario('short-sessions')), [0, 0, 0, 0]);
  assert.deepEqual(assignSlots(namedScenario('concurrent')), [0, 1, 2]);
  assert.deepEqual(assignSlots(namedScenario('counter-reset')), [0, 0]);
});

test('plan: speed scales time, each process lingers after its last step, a busy slot waits', () => {
  const plan = planRun(namedScenario('counter-reset'), 60, 2500);
  const [a, b] = plan.runs;
  assert.equal(a!.startMs, 0);
  assert.ok(Math.abs(a!.stepMs[1]! - (40 * 1000) / 60) < 1e-9);
  assert.ok(a!.endMs >= a!.stepMs[1]! + 2500);
  assert.ok(b!.startMs >= a!.endMs, 'resumed process starts after the first ends');
  assert.ok(b!.endMs - b!.stepMs[0]! >= 2500);
  assert.equal(plan.totalMs, b!.endMs);
  const slow = planRun(namedScenario('long-session'), 1, 2500);
  assert.equal(slow.totalMs, 600_000);
});

test('scenario validation names the problem', () => {
  assert.throws(() => parseScenario({ name: 'x', sessions: [] }), /Invalid scenario at sessions/);
  assert.throws(() => parseScenario({ name: 'x', sessions: [{ sessionId: 'a', start: 0, duration: 5, steps: [{ at: 9 }] }] }), /after its duration/);
  assert.throws(
    () => parseScenario({ name: 'x', sessions: [{ sessionId: 'a', start: 0, duration: 5 }, { sessionId: 'a', start: 3, duration: 5 }] }),
    /overlap/,
  );
  assert.throws(() => namedScenario('nope'), /Unknown scenario "nope"/);
});

test('a JSON scenario file loads with defaults filled', async () => {
  const { loadScenarioFile } = await import('../../scripts/simulator/scenario.js');
  const s = await loadScenarioFile(new URL('../../scripts/simulator/scenarios/example.json', import.meta.url).pathname);
  assert.equal(s.sessions.length, 2);
  assert.equal(s.sessions[0]!.terminalType, 'xterm');
  assert.deepEqual(assignSlots(s), [0, 1]);
  const t = scenarioTotals(s);
  assert.ok(Math.abs(t.costUsd - (0.0421 + 0.0012 + 0.0307 + 0.0833)) < 1e-12);
  assert.equal(t.pullRequests, 1);
  assert.deepEqual(t.byModel.map((m) => m.model), ['claude-haiku-4-5', 'claude-opus-4-8', 'claude-sonnet-4-6']);
});
