/**
 * The simulator against a real Prometheus 3.5 scraping every 1 s: for every named scenario (and
 * two under the `unit` spelling), the raw samples Prometheus stored equal each simulated
 * process's final counter values, and those sum to the scenario's known totals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Spelling } from '../../scripts/simulator/instruments.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario, type RunReport } from '../../scripts/simulator/runner.js';
import type { Scenario } from '../../scripts/simulator/scenario.js';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { expectedSeries, seriesKey } from '../../scripts/simulator/series.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { freePorts } from '../support/ports.js';
import { startPrometheus, type PrometheusHandle, type PromSample } from '../support/prometheus.js';

const SPEED = 60;
const DROP = new Set(['__name__', 'job', 'instance', 'otel_scope_name', 'otel_scope_version']);

interface Case {
  id: string;
  scenario: Scenario;
  spelling: Spelling;
  ports: number[];
  report?: RunReport;
  /** seriesKey -> raw samples [epoch ms, value], per instance. */
  raw?: Map<string, Map<string, [number, number][]>>;
}

const cases: Case[] = [
  { id: 'long-session', scenario: namedScenario('long-session'), spelling: 'plain', ports: [] },
  { id: 'short-sessions', scenario: namedScenario('short-sessions'), spelling: 'plain', ports: [] },
  { id: 'concurrent', scenario: namedScenario('concurrent'), spelling: 'plain', ports: [] },
  { id: 'counter-reset', scenario: namedScenario('counter-reset'), spelling: 'plain', ports: [] },
  { id: 'demo', scenario: namedScenario('demo'), spelling: 'plain', ports: [] },
  { id: 'counter-reset/unit', scenario: namedScenario('counter-reset'), spelling: 'unit', ports: [] },
  { id: 'concurrent/unit', scenario: namedScenario('concurrent'), spelling: 'unit', ports: [] },
];

let prom: PrometheusHandle;

function target(port: number): string {
  return `127.0.0.1:${port}`;
}

async function rawSamples(c: Case): Promise<Map<string, Map<string, [number, number][]>>> {
  const instances = c.ports.map(target).join('|');
  const result: PromSample[] = await prom.query(`{__name__=~"claude_code_.+", instance=~"${instances}"}[10m]`);
  const out = new Map<string, Map<string, [number, number][]>>();
  for (const s of result) {
    const labels = Object.fromEntries(Object.entries(s.metric).filter(([k]) => !DROP.has(k)));
    const key = seriesKey(s.metric.__name__!, labels);
    const inst = s.metric.instance!;
    const byInst = out.get(inst) ?? new Map<string, [number, number][]>();
    byInst.set(key, (s.values ?? []).map(([t, v]) => [t * 1000, Number(v)]));
    out.set(inst, byInst);
  }
  return out;
}

/** Last raw sample of every series on the run's port within the run's lifetime. */
function finalValuesOfRun(c: Case, runIndex: number): Map<string, number> {
  const rec = c.report!.runs.find((r) => r.index === runIndex)!;
  const byKey = c.raw!.get(target(rec.port!)) ?? new Map<string, [number, number][]>();
  const out = new Map<string, number>();
  for (const [key, samples] of byKey) {
    const inRun = samples.filter(([t]) => t >= rec.startedAt && t <= rec.endedAt);
    if (inRun.length) out.set(key, inRun[inRun.length - 1]![1]);
  }
  return out;
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

before(async () => {
  let needed = 0;
  for (const c of cases) needed += planRun(c.scenario, SPEED).slots;
  const ports = await freePorts(needed);
  for (const c of cases) c.ports = ports.splice(0, planRun(c.scenario, SPEED).slots);
  prom = await startPrometheus({ targets: cases.flatMap((c) => c.ports.map(target)), scrapeIntervalSeconds: 1 });
  const sims = await Promise.all(cases.map((c) => startScenario(c.scenario, { output: { mode: 'prometheus', ports: c.ports, spelling: c.spelling }, speed: SPEED })));
  const reports = await Promise.all(sims.map((s) => s.done));
  cases.forEach((c, i) => (c.report = reports[i]));
  for (const c of cases) c.raw = await rawSamples(c);
});

after(async () => {
  await prom?.stop();
});

describe('simulator scraped by a real Prometheus (1 s)', () => {
  for (const c of cases) {
    test(`${c.id}: raw series equal each process's final values, which sum to the known totals`, () => {
      const totals = scenarioTotals(c.scenario);
      let cost = 0;
      const tokens = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
      c.scenario.sessions.forEach((run, i) => {
        const expected = expectedSeries(run, c.spelling);
        const actual = finalValuesOfRun(c, i);
        const expectedKeys = expected.map((e) => seriesKey(e.name, e.labels)).sort();
        assert.deepEqual([...actual.keys()].sort(), expectedKeys, `series of run ${i} (${run.sessionId})`);
        for (const e of expected) {
          const key = seriesKey(e.name, e.labels);
          const v = actual.get(key)!;
          close(v, e.value, `run ${i} ${key}`);
          if (e.name.startsWith('claude_code_cost_usage')) cost += v;
          if (e.name.startsWith('claude_code_token_usage')) tokens[e.labels.type as keyof typeof tokens] += v;
        }
      });
      assert.ok(Math.abs(cost - totals.costUsd) < 1e-4, `cost ${cost} vs known ${totals.costUsd}`);
      assert.deepEqual(tokens, totals.tokens);
    });
  }

  test('metric names follow the spelling', () => {
    for (const c of cases) {
      const names = new Set([...c.raw!.values()].flatMap((m) => [...m.keys()].map((k) => k.slice(0, k.indexOf('{')))));
      if (c.spelling === 'plain') {
        assert.ok(names.has('claude_code_cost_usage_total') && names.has('claude_code_token_usage_total') && names.has('claude_code_active_time_total'), c.id);
      } else {
        assert.ok(names.has('claude_code_cost_usage_USD_total') && names.has('claude_code_token_usage_tokens_total') && names.has('claude_code_active_time_seconds_total'), c.id);
        assert.ok(!names.has('claude_code_cost_usage_total'), c.id);
      }
      assert.ok(names.has('claude_code_session_count_total'), c.id);
    }
  });

  test('concurrent sessions each had their own port and were up at the same time', () => {
    const c = cases.find((x) => x.id === 'concurrent')!;
    const runs = c.report!.runs;
    assert.equal(new Set(runs.map((r) => r.port)).size, 3);
    const latestStart = Math.max(...runs.map((r) => r.startedAt));
    assert.ok(runs.every((r) => r.endedAt > latestStart), 'all three processes overlap');
    for (const r of runs) assert.ok(c.raw!.get(target(r.port!))?.size, `series scraped from :${r.port}`);
  });

  test('counter reset: the resumed process reuses port and labels, and Prometheus sees a reset', async () => {
    for (const id of ['counter-reset', 'counter-reset/unit']) {
      const c = cases.find((x) => x.id === id)!;
      const [a, b] = c.report!.runs;
      assert.equal(a!.port, b!.port);
      assert.ok(b!.startedAt >= a!.endedAt);
      const name = c.spelling === 'unit' ? 'claude_code_cost_usage_USD_total' : 'claude_code_cost_usage_total';
      const res = await prom.query(`resets(${name}{instance="${target(a!.port!)}"}[10m])`);
      assert.equal(res.length, 1, 'one cost series spans both processes');
      assert.equal(res[0]!.value![1], '1');
    }
  });

  test('short sessions: the first exposed cost of each session is already non-zero', () => {
    const c = cases.find((x) => x.id === 'short-sessions')!;
    for (const rec of c.report!.runs) {
      const byKey = c.raw!.get(target(rec.port!))!;
      const costKeys = [...byKey.keys()].filter((k) => k.startsWith('claude_code_cost_usage_total') && k.includes(rec.sessionId));
      assert.equal(costKeys.length, 1);
      const first = byKey.get(costKeys[0]!)!.find(([t]) => t >= rec.startedAt)!;
      assert.ok(first[1] > 0, `first cost sample of ${rec.sessionId} is ${first[1]}`);
    }
  });
});
