/** The VictoriaMetrics and vmauth test harness itself: start, write, read back, auth, cleanup. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startVictoriaMetrics, startVmauth, type VictoriaMetricsHandle } from '../support/victoria-metrics.js';

interface QueryAnswer {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

/** One sample a minute old: VictoriaMetrics doesn't show the newest 30 s at "now". */
async function importSample(vm: VictoriaMetricsHandle, line: (ms: number) => string): Promise<void> {
  const res = await fetch(`${vm.url}/api/v1/import/prometheus`, { method: 'POST', body: `${line(Date.now() - 60_000)}\n` });
  assert.equal(res.status, 204, await res.text());
  await vm.flush();
}

async function query(url: string, expr: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`, { headers });
  return { status: res.status, body: await res.text() };
}

test('VictoriaMetrics: a sample imported in the Prometheus text format is read back through /api/v1/query', async () => {
  const vm = await startVictoriaMetrics();
  try {
    assert.equal(vm.otlpMetricsUrl, `${vm.url}/opentelemetry/v1/metrics`);
    await importSample(vm, (ms) => `ccmon_harness_total{session_id="s-1",model="m"} 4.25 ${ms}`);
    const { status, body } = await query(vm.url, 'ccmon_harness_total');
    assert.equal(status, 200, body);
    const answer = JSON.parse(body) as QueryAnswer;
    assert.equal(answer.status, 'success');
    assert.equal(answer.data.result.length, 1);
    assert.deepEqual(answer.data.result[0]!.metric, { __name__: 'ccmon_harness_total', session_id: 's-1', model: 'm' });
    assert.equal(Number(answer.data.result[0]!.value[1]), 4.25);
  } finally {
    await vm.stop();
  }
  await assert.rejects(fetch(`${vm.url}/health`), 'stopped');
});

test('vmauth: 401 without a bearer token or with a wrong one, the target answers with one', async () => {
  const vm = await startVictoriaMetrics();
  const auth = await startVmauth({ targetUrl: vm.url, tokens: ['s3cret', 'other'] });
  try {
    await importSample(vm, (ms) => `ccmon_auth_total 7 ${ms}`);
    assert.equal((await query(auth.url, 'ccmon_auth_total')).status, 401);
    assert.equal((await query(auth.url, 'ccmon_auth_total', { authorization: 'Bearer wrong' })).status, 401);
    for (const token of ['s3cret', 'other']) {
      const { status, body } = await query(auth.url, 'ccmon_auth_total', { authorization: `Bearer ${token}` });
      assert.equal(status, 200, body);
      assert.equal(Number((JSON.parse(body) as QueryAnswer).data.result[0]?.value[1]), 7);
    }
  } finally {
    await auth.stop();
    await vm.stop();
  }
  await assert.rejects(fetch(`${auth.url}/health`), 'stopped');
});
