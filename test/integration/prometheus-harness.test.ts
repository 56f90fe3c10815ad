/** The Prometheus test harness itself: config, readiness, waitForScrape, query, cleanup. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { SimProcess } from '../../scripts/simulator/session.js';
import { freePort } from '../support/ports.js';
import { prometheusConfig, startPrometheus } from '../support/prometheus.js';

test('config: one job for a target list, 1 s by default, rule files', () => {
  const yml = prometheusConfig({ targets: ['127.0.0.1:1', '127.0.0.1:2'], ruleFiles: ['/x/rules.yml'] });
  assert.match(yml, /scrape_interval: 1s/);
  assert.match(yml, /job_name: "claude-code"/);
  assert.match(yml, /targets: \["127.0.0.1:1", "127.0.0.1:2"\]/);
  assert.match(yml, /rule_files: \["\/x\/rules.yml"\]/);
});

test('scrapes a simulated session, answers queries, and cleans up on stop', async () => {
  const port = await freePort();
  const run = namedScenario('counter-reset').sessions[0]!;
  const proc = await SimProcess.start(run, { mode: 'prometheus', port });
  const prom = await startPrometheus({ targets: [`127.0.0.1:${port}`], remoteWriteReceiver: true });
  try {
    proc.apply(run.steps[0]!);
    await prom.waitForScrape();
    const res = await prom.query(`claude_code_cost_usage_total{session_id="${run.sessionId}"}`);
    assert.equal(res.length, 1);
    assert.equal(Number(res[0]!.value![1]), run.steps[0]!.costUsd);
    assert.equal(res[0]!.metric.instance, `127.0.0.1:${port}`);
    const write = await fetch(`${prom.url}/api/v1/write`, { method: 'POST', body: '' });
    assert.notEqual(write.status, 404, 'remote write receiver enabled');
  } finally {
    await proc.stop();
    await prom.stop();
  }
  assert.ok(!existsSync(prom.configFile), 'temp dir removed');
  await assert.rejects(fetch(`${prom.url}/-/ready`));
});
