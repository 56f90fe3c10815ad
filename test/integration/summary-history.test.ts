/**
 * Days of simulated history in a real Prometheus (backfilled blocks, resumed sessions included):
 * `ccmon summary` equals the known totals for long and ragged windows, both when it reads our
 * recording rules' snapshots (rules backfilled over the history) and when it must use raw samples;
 * and the summary the tray refreshes (carried forward between refreshes) stays equal to them too.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageSummary as Summary } from '../../electron/core/api/types.js';
import { backfillSession, backfillTotals, type BackfillOptions } from '../../scripts/simulator/backfill.js';
import { buildHistory, recordingRulesFile, type History } from '../support/history.js';
import { startPrometheus, type PrometheusHandle } from '../support/prometheus.js';
import { ccmonJson } from '../support/ccmon.js';
import { assertKnownTotals, summaryFigures } from '../support/summary-figures.js';
import { rulesCoverExpr } from '../../electron/core/summary/promql.js';
import { rulesHeartbeat } from '../../electron/core/telemetry/metrics.js';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { LiveSummary } from '../../electron/core/summary/live-summary.js';
import { computeSummary } from '../../electron/core/summary/summary.js';
import { startOfLocalDay } from '../../electron/core/summary/time-windows.js';

const hour = 3600_000;
// Samples every 15 s; window edges below sit 7 s off that grid, so no sample lies exactly on an edge.
const end = Math.floor((Date.now() - 2 * hour) / 15_000) * 15_000;
const options: BackfillOptions = { days: 3, sessionsPerDay: 12, endMs: end, sampleIntervalSec: 15, resumeEvery: 4 };

let history: History;
let withRules: PrometheusHandle;
before(async () => {
  history = await buildHistory(options, { rules: true });
  withRules = await startPrometheus({ dataDir: history.dataDir, targets: [], ruleFiles: [recordingRulesFile] });
});
after(async () => {
  await withRules?.stop();
  history?.remove();
});

const windows: Array<[string, number, number]> = [
  ['all three days', end - 3 * 24 * hour - 7_000, end + 7_000],
  ['the last 24 hours', end - 24 * hour + 7_000, end + 7_000],
  ['a ragged 7h window', end - 40 * hour - 1_234_567 + 7_000, end - 33 * hour + 7_000 - 98_765 * 15],
];
// A 20-minute window opening and closing inside a long session (and one across a resumed session's gap).
for (const [label, day, index] of [['20 minutes inside one session', 1, 5], ['20 minutes across a resume', 1, 3]] as const) {
  const runs = backfillSession(options, day, index);
  const first = runs[0]!;
  const opens = label.includes('resume') ? first.endSec * 1000 - 10 * 60_000 : first.startSec * 1000 + 3 * 60_000;
  windows.push([label, opens + 7_000, opens + 20 * 60_000 + 7_000]);
}

for (const [label, since, until] of windows) {
  test(`${label}: summary equals the known totals, from the rules' snapshots and from raw samples alike`, async () => {
    const expected = backfillTotals(options, { sinceMs: since, untilMs: until });
    assert.ok(expected.costUsd > 0, 'the window holds usage');
    const covered = await withRules.query(rulesCoverExpr(rulesHeartbeat, { since: new Date(since), until: new Date(until) }), until / 1000);
    assert.equal(covered.length, 1, 'the backfilled rules cover the window, so the snapshot path is the one under test');
    const args = ['summary', '--since', new Date(since).toISOString(), '--until', new Date(until).toISOString()];
    const fromRules = await ccmonJson<Summary>(args, { CCMON_PROMETHEUS_URL: withRules.url });
    assertKnownTotals(fromRules, expected, { label: `${label} (rules)`, sessions: label === 'all three days', exactModels: false });
    const fromRaw = await ccmonJson<Summary>(args, { CCMON_PROMETHEUS_URL: withRules.url, CCMON_SUMMARY_RULES: 'off' });
    assertKnownTotals(fromRaw, expected, { label: `${label} (raw)`, sessions: label === 'all three days', exactModels: false });
  });
}

test("the refreshed summary (the tray's) walks a day of history equal to a full summary at every step, through resumes and midnight", async () => {
  const client = new PrometheusClient({ url: withRules.url });
  const live = new LiveSummary(client);
  const step = 4 * 60_000;
  const modes: string[] = [];
  for (let now = end - 20 * hour + 7_000; now <= end + 7_000; now += step) {
    const at = new Date(now);
    const carried = await live.summary(at);
    modes.push(live.lastMode.kind);
    // The full summary is the reference: the tests above hold it to the known totals.
    assert.deepEqual(summaryFigures(carried), summaryFigures(await computeSummary(client, { now: at })), `${at.toISOString()} (${live.lastMode.kind})`);
  }
  const days = new Set(modes.map((_, i) => startOfLocalDay(new Date(end - 20 * hour + 7_000 + i * step)).getTime())).size;
  assert.equal(modes.filter((m) => m === 'full').length, days, 'a full summary first and at each new day only; every other refresh carried forward');
  assert.ok(backfillTotals(options, { sinceMs: end - 20 * hour, untilMs: end }).costUsd > 1, 'the walk crosses real usage');
});
