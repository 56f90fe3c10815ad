/**
 * `ccmon summary --since T0 --json` equals each scenario's known totals (what Claude Code itself
 * reports): $0.0001 and to the token, on every engine, fed the way a user's Claude Code feeds it:
 *   - a real Prometheus 3.5 scraping the telemetry simulator every second (scrape mode);
 *   - a real VictoriaMetrics receiving the simulator's OTLP pushes (cumulative, every second), as a
 *     team's shared backend does.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Summary } from '../../electron/core/api/types.js';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario } from '../../scripts/simulator/runner.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { startPrometheus } from '../support/prometheus.js';
import { startVictoriaMetrics } from '../support/victoria-metrics.js';
import { freePorts } from '../support/ports.js';
import { ccmon, ccmonJson } from '../support/ccmon.js';
import { formatUsd } from '../../electron/core/format/numbers.js';
import { assertKnownTotals } from '../support/summary-figures.js';

interface Played {
  /** The engine's Prometheus query API root (CCMON_PROMETHEUS_URL). */
  url: string;
  startedAt: number;
}

interface Engine {
  title: string;
  /** Plays the scenario into a fresh engine, then runs `body` against it. */
  play(name: string, speed: number, body: (played: Played) => Promise<void>): Promise<void>;
  /** An engine holding no data at all. */
  empty(body: (url: string) => Promise<void>): Promise<void>;
}

const prometheus: Engine = {
  title: 'Prometheus 3.5, scraping',
  async play(name, speed, body) {
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
      await body({ url: prom.url, startedAt: sim.startedAt });
    } finally {
      await prom.stop();
    }
  },
  async empty(body) {
    const prom = await startPrometheus({ targets: [] });
    try {
      await body(prom.url);
    } finally {
      await prom.stop();
    }
  },
};

// VictoriaMetrics hides the newest 30 s from queries by default; a summary "until now" must see the last push.
const vmArgs = ['-search.latencyOffset=1s'];

const victoriaMetrics: Engine = {
  title: 'VictoriaMetrics 1.145, OTLP push',
  async play(name, speed, body) {
    const vm = await startVictoriaMetrics({ extraArgs: vmArgs });
    try {
      // Each process pushes every second and once more as it exits (Claude Code's OTEL_METRIC_EXPORT_INTERVAL, its flush on exit).
      const sim = await startScenario(namedScenario(name), { output: { mode: 'otlp', endpoint: vm.otlpMetricsUrl, exportIntervalMs: 1000 }, speed });
      await sim.done;
      await sleep(1500); // past the latency offset
      await vm.flush();
      await body({ url: vm.url, startedAt: sim.startedAt });
    } finally {
      await vm.stop();
    }
  },
  async empty(body) {
    const vm = await startVictoriaMetrics({ extraArgs: vmArgs });
    try {
      await body(vm.url);
    } finally {
      await vm.stop();
    }
  },
};

const summaryFor = (url: string, since: Date) => ccmonJson<Summary>(['summary', '--since', since.toISOString()], { CCMON_PROMETHEUS_URL: url });

for (const engine of [prometheus, victoriaMetrics]) {
  describe(engine.title, () => {
    for (const [name, speed] of [['long-session', 60], ['short-sessions', 10], ['concurrent', 20], ['counter-reset', 15]] as const) {
      test(`${name}: summary since T0 equals the known totals`, async () => {
        const t0 = new Date();
        await engine.play(name, speed, async ({ url }) => {
          const known = scenarioTotals(namedScenario(name));
          assertKnownTotals(await summaryFor(url, t0), known);
          if (name === 'long-session' && t0.getDate() === new Date().getDate()) {
            // Claude Code's status line: today's cost across sessions, from the same engine.
            const line = await ccmon(['statusline'], { CCMON_PROMETHEUS_URL: url });
            assert.equal(line.stdout.trim(), `today ${formatUsd(known.costUsd)}`);
          }
        });
      });
    }

    test('a window that starts mid-session counts only what happened after its start, across a reset', async () => {
      // counter-reset: process 1 runs 0–90 s (steps at 5 and 40), the resumed process 2 runs 120–180 s.
      // A window from scenario second 60 sees process 1's values as a baseline and process 2 from zero.
      const speed = 10;
      await engine.play('counter-reset', speed, async ({ url, startedAt }) => {
        const since = new Date(startedAt + (60 / speed) * 1000);
        const expected = scenarioTotals(namedScenario('counter-reset'), { since: 60 });
        assert.ok(expected.costUsd > 0);
        const summary = await summaryFor(url, since);
        assertKnownTotals(summary, { ...expected, sessions: 1 });
      });
    });

    test('no data yet is zeros, not an error', async () => {
      await engine.empty(async (url) => {
        const summary = await summaryFor(url, new Date(Date.now() - 3600_000));
        assert.equal(summary.costUsd, 0);
        assert.equal(summary.sessions, 0);
        assert.deepEqual(summary.byModel, []);
        assert.deepEqual(summary.periods, { today: 0, last7Days: 0, last30Days: 0 });
      });
    });
  });
}
