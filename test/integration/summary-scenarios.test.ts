/**
 * `ccmon summary --since T0 --json` against a real Prometheus 3.5 scraping the telemetry simulator every
 * second equals each scenario's known totals (what Claude Code itself reports): $0.0001 and to the token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Summary } from '../../electron/core/api/types.js';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario } from '../../scripts/simulator/runner.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { startPrometheus, type PrometheusHandle } from '../support/prometheus.js';
import { freePorts } from '../support/ports.js';
import { ccmon, ccmonJson } from '../support/ccmon.js';
import { formatUsd } from '../../electron/core/format/numbers.js';
import { assertKnownTotals } from '../support/summary-figures.js';

interface Played {
  prom: PrometheusHandle;
  startedAt: number;
  speed: number;
}

async function play(name: string, speed: number, body: (played: Played) => Promise<void>): Promise<void> {
  const scenario = namedScenario(name);
  const plan = planRun(scenario, speed);
  const ports = await freePorts(plan.slots);
  const prom = await startPrometheus({ targets: ports.map((p) => `127.0.0.1:${p}`), scrapeIntervalSeconds: 1 });
  try {
    // Every target's scrape loop is running (nothing listens yet, so 'any' health) before the first process starts.
    await prom.waitForScrape(undefined, { health: 'any' });
    const sim = await startScenario(scenario, { output: { mode: 'prometheus', ports }, speed });
    await sim.done;
    await sleep(1500); // one more scrape after the last process ended
    await body({ prom, startedAt: sim.startedAt, speed });
  } finally {
    await prom.stop();
  }
}

const summaryFor = (prom: PrometheusHandle, since: Date) =>
  ccmonJson<Summary>(['summary', '--since', since.toISOString()], { CCMON_PROMETHEUS_URL: prom.url });

for (const [name, speed] of [['long-session', 60], ['short-sessions', 10], ['concurrent', 20], ['counter-reset', 15]] as const) {
  test(`${name}: summary since T0 equals the known totals`, async () => {
    const t0 = new Date();
    await play(name, speed, async ({ prom }) => {
      const known = scenarioTotals(namedScenario(name));
      assertKnownTotals(await summaryFor(prom, t0), known);
      if (name === 'long-session' && t0.getDate() === new Date().getDate()) {
        // Claude Code's status line: today's cost across sessions, from the same Prometheus.
        const line = await ccmon(['statusline'], { CCMON_PROMETHEUS_URL: prom.url });
        assert.equal(line.stdout.trim(), `today ${formatUsd(known.costUsd)}`);
      }
    });
  });
}

test('a window that starts mid-session counts only what happened after its start, across a reset', async () => {
  // counter-reset: process 1 runs 0–90 s (steps at 5 and 40), the resumed process 2 runs 120–180 s.
  // A window from scenario second 60 sees process 1's values as a baseline and process 2 from zero.
  const speed = 10;
  await play('counter-reset', speed, async ({ prom, startedAt }) => {
    const since = new Date(startedAt + (60 / speed) * 1000);
    const expected = scenarioTotals(namedScenario('counter-reset'), { since: 60 });
    assert.ok(expected.costUsd > 0);
    const summary = await summaryFor(prom, since);
    assertKnownTotals(summary, { ...expected, sessions: 1 });
  });
});

test('no data yet is zeros, not an error', async () => {
  const prom = await startPrometheus({ targets: [] });
  try {
    const summary = await summaryFor(prom, new Date(Date.now() - 3600_000));
    assert.equal(summary.costUsd, 0);
    assert.equal(summary.sessions, 0);
    assert.deepEqual(summary.byModel, []);
    assert.deepEqual(summary.periods, { today: 0, last7Days: 0, last30Days: 0 });
  } finally {
    await prom.stop();
  }
});
