/**
 * The summary the tray and `ccmon web` refresh (LiveSummary: one full summary, then one query of the
 * newest raw samples per refresh) against a real Prometheus 3.5 scraping the telemetry simulator every
 * second, refreshed all through the run: it ends equal to the scenario's known totals and to a full
 * summary, having carried forward every refresh after the first; when Prometheus's data changes under
 * it (series deleted, an empty Prometheus at the same address) it notices and starts over; and
 * `ccmon summary` carries today forward from its previous run through a cache file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { LiveSummary, type LiveSummaryMode } from '../../electron/core/summary/live-summary.js';
import { computeSummary } from '../../electron/core/summary/summary.js';
import { startOfLocalDay } from '../../electron/core/summary/time-windows.js';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario } from '../../scripts/simulator/runner.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { startPrometheus } from '../support/prometheus.js';
import { freePorts } from '../support/ports.js';
import { assertKnownTotals, summaryFigures } from '../support/summary-figures.js';
import { tempDir } from '../support/tmp.js';
import { ccmonJson } from '../support/ccmon.js';
import { fileSummaryStore, type LiveSnapshot } from '../../electron/core/summary/live-summary-store.js';
import type { UsageSummary as Summary } from '../../electron/core/api/types.js';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

for (const [name, speed] of [['counter-reset', 15], ['concurrent', 20]] as const) {
  test(`${name}: the refreshed summary carries forward to the known totals`, async (t) => {
    const scenario = namedScenario(name);
    const ports = await freePorts(planRun(scenario, speed).slots);
    const prom = await startPrometheus({ targets: ports.map((p) => `127.0.0.1:${p}`), scrapeIntervalSeconds: 1, extraArgs: ['--web.enable-admin-api'] });
    try {
      await prom.waitForScrape(undefined, { health: 'any' });
      const client = new PrometheusClient({ url: prom.url });
      // Settle and overlap sized for a 1 s scrape (the defaults suit the stack's 5 s scrape and 10 s push).
      const live = new LiveSummary(client, { settleSeconds: 3, overlapSeconds: 6 });
      const sim = await startScenario(scenario, { output: { mode: 'prometheus', ports }, speed });
      let running = true;
      void sim.done.finally(() => (running = false));
      const modes: string[] = [];
      while (running) {
        await live.summary();
        modes.push(live.lastMode.kind === 'full' ? `full (${live.lastMode.reason})` : 'incremental');
        await sleep(700);
      }
      await sleep(1500); // one more scrape after the last process ended
      const now = new Date();
      if (startOfLocalDay(now).getTime() !== startOfLocalDay(new Date(sim.startedAt)).getTime()) {
        t.skip('the run crossed local midnight: "today" no longer holds the whole scenario');
        return;
      }
      const carried = await live.summary(now);
      assert.equal(live.lastMode.kind, 'incremental');
      assert.deepEqual(modes.slice(1).filter((m) => m !== 'incremental'), [], 'every refresh after the first carried forward');
      assert.ok(modes.length >= 5, `refreshed ${modes.length} times during the run`);

      const known = scenarioTotals(scenario);
      assertKnownTotals(carried, known);
      assert.ok(Math.abs(carried.periods.last30Days - known.costUsd) <= 1e-4);
      assert.deepEqual(summaryFigures(carried), summaryFigures(await computeSummary(client, { now })), 'equal to a full summary at the same time');

      // Data deleted under it (as a purge would): the next refresh notices and starts over.
      const res = await fetch(`${prom.url}/api/v1/admin/tsdb/delete_series?match[]=${encodeURIComponent('{__name__=~"claude_code_.+"}')}`, { method: 'POST' });
      assert.equal(res.status, 204);
      const after = await live.summary();
      const mode = live.lastMode as LiveSummaryMode;
      assert.equal(mode.kind, 'full');
      assert.match(mode.kind === 'full' ? mode.reason : '', /gone|changed/);
      assert.equal(after.costUsd, 0);
      assert.equal(after.sessions, 0);
    } finally {
      await prom.stop();
    }
  });
}

test('a purged Prometheus (restarted empty at the same address) is noticed even with no session active', async () => {
  const scenario = namedScenario('counter-reset');
  const speed = 15;
  const ports = await freePorts(planRun(scenario, speed).slots);
  const first = await startPrometheus({ targets: ports.map((p) => `127.0.0.1:${p}`), scrapeIntervalSeconds: 1 });
  const port = Number(new URL(first.url).port);
  let second: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  const cleanups: Array<() => void> = [];
  try {
    await first.waitForScrape(undefined, { health: 'any' });
    const sim = await startScenario(scenario, { output: { mode: 'prometheus', ports }, speed });
    await sim.done;
    await sleep(1500);
    const client = new PrometheusClient({ url: first.url });
    const live = new LiveSummary(client, { settleSeconds: 1, overlapSeconds: 2, restartCheckSeconds: 5 });
    const before = await live.summary();
    assert.ok(before.costUsd > 0);
    // The same, carried across processes through a file (as `ccmon summary` does).
    const cache = tempDir('ccmon-live-cache-');
    cleanups.push(() => cache.remove());
    const store = fileSummaryStore(cache.path, client.url, true);
    assert.equal((await new LiveSummary(client, { store }).summary()).costUsd, before.costUsd);
    await sleep(3000); // every series quiet for longer than the overlap: the overlap check alone would see nothing amiss
    assert.equal((await live.summary()).costUsd, before.costUsd);
    assert.equal(live.lastMode.kind, 'incremental');
    await first.stop();
    second = await startPrometheus({ targets: [], port });
    await sleep(2500); // past the restart check's interval
    // This refresh still carries forward (nothing in the overlap says otherwise) and asks, off its path,
    // whether Prometheus restarted; the next one acts on the answer.
    assert.equal((await live.summary()).costUsd, before.costUsd);
    await sleep(500);
    const after = await live.summary();
    const mode = live.lastMode as LiveSummaryMode;
    assert.equal(mode.kind, 'full');
    assert.match(mode.kind === 'full' ? mode.reason : '', /restarted/);
    assert.equal(after.costUsd, 0);
    // A process that loads the state saved before the restart asks at once, before counting anything.
    const reloaded = new LiveSummary(client, { store });
    assert.equal((await reloaded.summary()).costUsd, 0);
    const reloadedMode = reloaded.lastMode;
    assert.match(reloadedMode.kind === 'full' ? reloadedMode.reason : '', /restarted/);
  } finally {
    await first.stop();
    await second?.stop();
    for (const cleanup of cleanups) cleanup();
  }
});

test('`ccmon summary` carries today forward from its last run, equal to computing it in full', async () => {
  const scenario = namedScenario('short-sessions');
  const speed = 10;
  const ports = await freePorts(planRun(scenario, speed).slots);
  const prom = await startPrometheus({ targets: ports.map((p) => `127.0.0.1:${p}`), scrapeIntervalSeconds: 1 });
  const cache = tempDir('ccmon-cli-cache-');
  try {
    await prom.waitForScrape(undefined, { health: 'any' });
    const sim = await startScenario(scenario, { output: { mode: 'prometheus', ports }, speed });
    await sim.done;
    await sleep(1500);
    const env = { CCMON_PROMETHEUS_URL: prom.url, CCMON_CACHE_DIR: cache.path };
    const fresh = await ccmonJson<Summary>(['summary'], env);
    const [file] = readdirSync(cache.path);
    assert.ok(file, 'the first run left its state in the cache folder');
    assert.equal(statSync(join(cache.path, file)).mode & 0o777, 0o600);
    const first = JSON.parse(readFileSync(join(cache.path, file), 'utf8')) as LiveSnapshot;
    const carried = await ccmonJson<Summary>(['summary'], env);
    const second = JSON.parse(readFileSync(join(cache.path, file), 'utf8')) as LiveSnapshot;
    assert.equal(second.base.asOf, first.base.asOf, 'the second run carried the first one forward (same base summary)');
    assert.ok(second.ledger.settledAt > first.ledger.settledAt);
    const full = await ccmonJson<Summary>(['summary'], { ...env, CCMON_SUMMARY_CACHE: 'off' });
    if (startOfLocalDay(new Date(fresh.asOf)).getTime() === startOfLocalDay(new Date(full.asOf)).getTime()) {
      assert.deepEqual(summaryFigures(carried), summaryFigures(full));
      assert.deepEqual(summaryFigures(fresh), summaryFigures(full));
      assert.ok(Math.abs(carried.costUsd - scenarioTotals(scenario).costUsd) <= 1e-4);
    }
    // A cache file that can't be read costs one full summary, nothing else.
    writeFileSync(join(cache.path, file), '{ not json');
    assert.deepEqual(summaryFigures(await ccmonJson<Summary>(['summary'], env)), summaryFigures(full));
    const rewritten = JSON.parse(readFileSync(join(cache.path, file), 'utf8')) as LiveSnapshot;
    assert.notEqual(rewritten.base.asOf, first.base.asOf);
  } finally {
    await prom.stop();
    cache.remove();
  }
});
