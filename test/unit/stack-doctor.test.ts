import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StackStatus } from '../../electron/core/api/types.js';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { doctorReport, runDoctor, type DoctorFacts } from '../../electron/core/doctor/doctor.js';
import { detectLostSessions } from '../../electron/core/exporter/lost-sessions.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const healthy: StackStatus = {
  engine: { reachable: true, socket: 'unix:///var/run/docker.sock', version: '28.0', error: null },
  services: (['prometheus', 'loki', 'grafana'] as const).map((name) => ({ name, state: 'running' as const, ready: true, url: `http://x/${name}` })),
};
const base: DoctorFacts = {
  stack: healthy,
  mode: 'scrape',
  exporter: { reachable: true, url: 'http://127.0.0.1:9464/metrics', sessions: [{ sessionId: 's', costUsd: 1 }], version: '2.1.197', error: null, checkedAt: 'now' },
  target: { found: true, health: 'up', lastError: null, scrapeUrl: 'http://host.docker.internal:9464/metrics' },
  loki: { ok: true, detail: 'ready' },
  grafana: { ok: true, detail: 'healthy' },
};

test('doctor: all green in scrape mode, one check per seed validation command', () => {
  const r = doctorReport(base);
  assert.deepEqual(r.checks.map((c) => c.id), ['engine', 'service:prometheus', 'service:loki', 'service:grafana', 'exporter', 'prometheus-target', 'loki-ready', 'grafana-health']);
  assert.ok(r.checks.every((c) => c.ok && !c.hint));
});

test('doctor: every failed check carries a hint', () => {
  const r = doctorReport({
    ...base,
    stack: { engine: { reachable: false, socket: 'unix:///var/run/docker.sock', version: null, error: 'Permission denied', hint: 'docker group' }, services: healthy.services.map((s) => ({ ...s, state: 'unknown' as const, ready: false })) },
    exporter: { ...base.exporter!, reachable: false, error: 'Nothing is listening' },
    target: { found: true, health: 'down', lastError: 'connection refused', scrapeUrl: 'u' },
    loki: { ok: false, detail: 'no answer' },
    grafana: { ok: false, detail: 'no answer' },
  });
  assert.ok(r.checks.every((c) => !c.ok));
  for (const c of r.checks) assert.ok(c.hint && c.hint.length > 10, `${c.id} has a hint`);
  assert.equal(r.checks[0]?.hint, 'docker group');
  assert.match(r.checks.find((c) => c.id === 'prometheus-target')!.detail, /down: connection refused/);
});

test('doctor: push mode looks for recent samples instead of the exporter; the scrape target is informational', () => {
  const r = doctorReport({ ...base, mode: 'push', exporter: undefined, pushSamples: { series: 0 }, target: { found: true, health: 'down', lastError: 'x', scrapeUrl: 'u' } });
  const push = r.checks.find((c) => c.id === 'push-samples')!;
  assert.equal(push.ok, false);
  assert.match(push.hint!, /ccmon env --apply/);
  assert.equal(r.checks.find((c) => c.id === 'prometheus-target')!.ok, true);
  assert.equal(r.checks.some((c) => c.id === 'exporter'), false);
  assert.equal(doctorReport({ ...base, mode: 'push', pushSamples: { series: 12 } }).checks.find((c) => c.id === 'push-samples')!.ok, true);
});

test('runDoctor asks Prometheus, Loki and Grafana over HTTP', async () => {
  const fake = (async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url.includes('/api/v1/targets')) return new Response(JSON.stringify({ status: 'success', data: { activeTargets: [{ labels: { job: 'claude-code' }, health: 'up', lastError: '', scrapeUrl: 'http://host.docker.internal:9464/metrics' }] } }));
    if (url.includes('/api/v1/query')) return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '7'] }] } }));
    if (url.endsWith('/ready')) return new Response('ready');
    if (url.endsWith('/api/health')) return new Response(JSON.stringify({ database: 'ok' }));
    return new Response('no', { status: 404 });
  }) as typeof fetch;
  const r = await runDoctor({ settings: { ...defaultSettings, telemetryMode: 'push' }, stackStatus: async () => healthy, fetch: fake });
  assert.ok(r.checks.every((c) => c.ok), JSON.stringify(r.checks.filter((c) => !c.ok)));
  assert.match(r.checks.find((c) => c.id === 'push-samples')!.detail, /7 Claude Code series/);
});

test('doctor: in scrape mode, more Claude Code processes than exporter sessions is the lost-session case, with push mode as the fix', async () => {
  const verdict = detectLostSessions({
    processes: [{ pid: 10, command: 'claude' }, { pid: 11, command: 'claude --resume' }],
    probe: base.exporter!,
    mode: 'scrape',
  });
  const lost = doctorReport({ ...base, lostSessions: verdict }).checks.find((c) => c.id === 'lost-sessions')!;
  assert.equal(lost.ok, false);
  assert.match(lost.hint ?? '', /push mode/);
  const fine = detectLostSessions({ processes: [{ pid: 10, command: 'claude' }], probe: base.exporter!, mode: 'scrape' });
  assert.equal(doctorReport({ ...base, lostSessions: fine }).checks.find((c) => c.id === 'lost-sessions')!.ok, true);

  // runDoctor takes the verdict from the process lister it is given, only in scrape mode.
  const exporterServer = http.createServer((_req, res) => res.end('claude_code_cost_usage_total{session_id="s"} 1\n'));
  await new Promise<void>((r) => exporterServer.listen(0, '127.0.0.1', r));
  try {
    const exporterUrl = `http://127.0.0.1:${(exporterServer.address() as AddressInfo).port}/metrics`;
    const report = await runDoctor({
      settings: { ...defaultSettings, telemetryMode: 'scrape', exporterUrl, prometheusUrl: 'http://127.0.0.1:9', lokiUrl: 'http://127.0.0.1:9', grafanaUrl: 'http://127.0.0.1:9' },
      stackStatus: async () => healthy,
      timeoutMs: 500,
      lostSessions: async (probe) => detectLostSessions({ processes: [{ pid: 1, command: 'claude' }, { pid: 2, command: 'claude' }], probe, mode: 'scrape' }),
    });
    assert.equal(report.checks.find((c) => c.id === 'lost-sessions')?.ok, false);
  } finally {
    exporterServer.close();
  }
});
