/**
 * The simulator's two export paths against references: the Prometheus exposition has the shape
 * of the real Claude Code 2.1.197 scrape (a copy of ../shared/telemetry/claude-code-2.1.197-metrics-9464.txt
 * in scripts/simulator/fixtures/),
 * and OTLP push carries Claude Code's instrument names, units and cumulative sums.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseScenario, type SessionRun } from '../../scripts/simulator/scenario.js';
import { expectedSeries, seriesKey } from '../../scripts/simulator/series.js';
import { SimProcess } from '../../scripts/simulator/session.js';
import { TEMPORALITY, startOtlpReceiver } from '../support/otlp-receiver.js';
import { freePort } from '../support/ports.js';

const SAMPLE_FILE = fileURLToPath(new URL('../../scripts/simulator/fixtures/claude-code-2.1.197-metrics-9464.txt', import.meta.url));

/** The session of the real scrape, replayed. */
const realRun: SessionRun = parseScenario({
  name: 'real-sample',
  sessions: [
    {
      sessionId: '955d6d9c-9fac-4f5b-a7fa-ea2fb23e3160',
      userId: '54cc0d7fa2f022cf97a3b9d50608f4f2f68179b6082c6cb3e0a66038429cc587',
      terminalType: 'xterm',
      model: 'claude-opus-4-8[1m]',
      effort: 'high',
      start: 0,
      duration: 10,
      steps: [
        { at: 1, querySource: 'auxiliary', costUsd: 0.018399999999999996, tokens: { input: 2105, output: 95, cacheRead: 6000, cacheCreation: 400 } },
        { at: 2, querySource: 'main', costUsd: 0.056159999999999995, tokens: { input: 6427, output: 301, cacheRead: 18000, cacheCreation: 1200 } },
        {
          at: 3,
          model: 'claude-opus-4-8',
          linesAdded: 4,
          linesRemoved: 0,
          editDecisions: [{ toolName: 'Write', decision: 'accept', source: 'config', language: 'Plain text' }],
          commits: 1,
          activeTime: { cli: 0.56 },
        },
      ],
    },
  ],
}).sessions[0]!;

/** Exposition lines with sample values (and target_info's label values) blanked. */
function shape(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      if (l.startsWith('#')) return l;
      if (l.startsWith('target_info{')) return l.replace(/="[^"]*"/g, '=""');
      return l.replace(/ [^ ]+$/, ' V');
    });
}

test('Prometheus exposition matches the real Claude Code scrape line for line (values aside)', async () => {
  const port = await freePort();
  const proc = await SimProcess.start(realRun, { mode: 'prometheus', port });
  try {
    for (const s of realRun.steps) proc.apply(s);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    const text = await res.text();
    assert.deepEqual(shape(text), shape(readFileSync(SAMPLE_FILE, 'utf8')));
    // And the values the real session reported.
    assert.match(text, /type="cli",otel_scope_name="com.anthropic.claude_code",otel_scope_version="2.1.197"} 0.56\n/);
    assert.match(text, /query_source="main",effort="high",otel_scope_name="com.anthropic.claude_code",otel_scope_version="2.1.197"} 0.056159999999999995\n/);
  } finally {
    await proc.stop();
  }
});

test('unit spelling exposes the names Prometheus gives OTLP metrics', async () => {
  const port = await freePort();
  const proc = await SimProcess.start(realRun, { mode: 'prometheus', port, spelling: 'unit' });
  try {
    for (const s of realRun.steps) proc.apply(s);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const n of ['claude_code_cost_usage_USD_total', 'claude_code_token_usage_tokens_total', 'claude_code_active_time_seconds_total', 'claude_code_session_count_total', 'claude_code_commit_count_total']) {
      assert.match(text, new RegExp(`^${n}\\{`, 'm'), n);
    }
    assert.doesNotMatch(text, /^claude_code_cost_usage_total\{/m);
  } finally {
    await proc.stop();
  }
});

test('a port in use is an error that names the session and the port', async () => {
  const port = await freePort();
  const a = await SimProcess.start(realRun, { mode: 'prometheus', port });
  try {
    await assert.rejects(SimProcess.start(realRun, { mode: 'prometheus', port }), new RegExp(`could not listen on 127.0.0.1:${port}`));
  } finally {
    await a.stop();
  }
});

test('OTLP push: Claude Code instrument names and units, cumulative sums, final flush on exit', async () => {
  const receiver = await startOtlpReceiver();
  try {
    const proc = await SimProcess.start(realRun, { mode: 'otlp', endpoint: `${receiver.url}/v1/metrics`, exportIntervalMs: 60_000 });
    for (const s of realRun.steps) proc.apply(s);
    await proc.stop(); // the only export: the flush on exit
    const reqs = receiver.on('/v1/metrics');
    assert.ok(reqs.length >= 1);
    assert.match(reqs[0]!.contentType, /application\/x-protobuf/);
    const metrics = receiver.metrics('/v1/metrics');
    const byName = new Map(metrics.map((m) => [m.name, m]));
    assert.equal(byName.get('claude_code.cost.usage')?.unit, 'USD');
    assert.equal(byName.get('claude_code.token.usage')?.unit, 'tokens');
    assert.equal(byName.get('claude_code.active_time.total')?.unit, 's');
    for (const m of metrics) {
      assert.equal(m.kind, 'sum', m.name);
      assert.equal(m.temporality, TEMPORALITY.CUMULATIVE, m.name);
      assert.equal(m.monotonic, true, m.name);
      assert.equal(m.scope, 'com.anthropic.claude_code');
      assert.equal(m.resource['service.name'], 'claude-code');
      assert.equal(m.resource['service.version'], '2.1.197');
    }
    // Final values equal what the exporter path would show (same labels, plain names).
    const toPlain: Record<string, string> = {
      'claude_code.session.count': 'claude_code_session_count_total',
      'claude_code.cost.usage': 'claude_code_cost_usage_total',
      'claude_code.token.usage': 'claude_code_token_usage_total',
      'claude_code.active_time.total': 'claude_code_active_time_total',
      'claude_code.lines_of_code.count': 'claude_code_lines_of_code_count_total',
      'claude_code.commit.count': 'claude_code_commit_count_total',
      'claude_code.code_edit_tool.decision': 'claude_code_code_edit_tool_decision_total',
    };
    const got = new Map<string, number>();
    for (const m of metrics) for (const p of m.points) got.set(seriesKey(toPlain[m.name]!, p.attributes as Record<string, string>), p.value);
    const want = new Map(expectedSeries(realRun).map((e) => [seriesKey(e.name, e.labels), e.value]));
    assert.deepEqual(got, want);
  } finally {
    await receiver.close();
  }
});

test('a scenario pushed over OTLP: each process flushes its final values on exit', async () => {
  const { startScenario } = await import('../../scripts/simulator/runner.js');
  const { namedScenario } = await import('../../scripts/simulator/scenarios/index.js');
  const { scenarioTotals } = await import('../../scripts/simulator/totals.js');
  const receiver = await startOtlpReceiver();
  try {
    const scenario = namedScenario('counter-reset');
    const sim = await startScenario(scenario, { output: { mode: 'otlp', endpoint: `${receiver.url}/api/v1/otlp/v1/metrics`, exportIntervalMs: 60_000 }, speed: 600, lingerMs: 50 });
    const report = await sim.done;
    assert.equal(report.runs.length, 2);
    const cost = receiver.metrics('/api/v1/otlp/v1/metrics').filter((m) => m.name === 'claude_code.cost.usage');
    assert.equal(cost.length, 2, 'one export per process (the exit flush)');
    // Cumulative per process, each from zero: the sum of each process's value is the known total.
    const sum = cost.reduce((s, m) => s + m.points.reduce((a, p) => a + p.value, 0), 0);
    assert.ok(Math.abs(sum - scenarioTotals(scenario).costUsd) < 1e-9);
    assert.ok(cost[1]!.points[0]!.startTimeUnixNano > cost[0]!.points[0]!.startTimeUnixNano, 'the resumed process has a new start time');
  } finally {
    await receiver.close();
  }
});
