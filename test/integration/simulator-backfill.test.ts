/**
 * Backfill history into a real Prometheus 3.5 (promtool create-blocks-from openmetrics) and read
 * it back: the raw samples hold every process's final values, summing to the known totals.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { backfillTotals, writeOpenMetricsFiles, type BackfillOptions } from '../../scripts/simulator/backfill.js';
import { createBlocks, startPrometheus, type PrometheusHandle, type PromSample } from '../support/prometheus.js';
import { tempDir } from '../support/tmp.js';

const MIN = 60_000;
const endMs = Math.floor((Date.now() - 3 * 60 * MIN) / MIN) * MIN;
const opts: BackfillOptions = { days: 7, sessionsPerDay: 10, endMs, resumeEvery: 5 };
const dir = tempDir('ccmon-backfill-');
let prom: PrometheusHandle;

/** Sum over series of each process's last sample (a new process starts after a gap > 60 s). */
function sumOfFinals(result: PromSample[]): number {
  let sum = 0;
  for (const s of result) {
    const v = s.values ?? [];
    for (let i = 0; i < v.length; i++) {
      const next = v[i + 1];
      if (!next || next[0] - v[i]![0] > 60) sum += Number(v[i]![1]);
    }
  }
  return sum;
}

before(async () => {
  const files = await writeOpenMetricsFiles(dir.path, opts);
  assert.equal(files.length, 7);
  assert.ok(files.reduce((n, f) => n + f.lines, 0) > 1000);
  await createBlocks(files.map((f) => f.file), join(dir.path, 'data'));
  prom = await startPrometheus({ dataDir: join(dir.path, 'data') });
});

after(async () => {
  await prom?.stop();
  dir.remove();
});

test('backfilled raw samples sum to the known totals', async () => {
  const t = backfillTotals(opts);
  const at = new Date(endMs);
  const cost = sumOfFinals(await prom.query('claude_code_cost_usage_total[8d]', at));
  assert.ok(Math.abs(cost - t.costUsd) < 1e-4, `cost ${cost} vs ${t.costUsd}`);
  for (const type of ['input', 'output', 'cacheRead', 'cacheCreation'] as const) {
    assert.equal(sumOfFinals(await prom.query(`claude_code_token_usage_total{type="${type}"}[8d]`, at)), t.tokens[type], type);
  }
  assert.equal(sumOfFinals(await prom.query('claude_code_commit_count_total[8d]', at)), t.commits);
  const sessions = await prom.query('count(count by (session_id) (count_over_time(claude_code_session_count_total[8d])))', at);
  assert.equal(Number(sessions[0]!.value![1]), t.sessions);
  assert.equal(t.sessions, 70);
});

test('resumed sessions show up as counter resets', async () => {
  const resets = await prom.query('sum(resets(claude_code_token_usage_total[8d]))', new Date(endMs));
  assert.ok(Number(resets[0]!.value![1]) > 0);
  const resumed = await prom.query('count(count by (session_id) (count_over_time(claude_code_session_count_total{start_type="resume"}[8d])))', new Date(endMs));
  assert.equal(Number(resumed[0]!.value![1]), 14);
});
