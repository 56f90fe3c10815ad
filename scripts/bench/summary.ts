/**
 * `npm run bench:summary`: loads N days x M sessions/day of simulated Claude Code history (default 90 x 30,
 * sampled every 5 s like the seed's scrape) into a real Prometheus 3.5 — raw series plus our recording
 * rules evaluated over that history — then times a full summary (today's figures and the today / 7 days /
 * 30 days costs) these ways:
 *   - the summary the tray and `ccmon web` refresh every 15 s (LiveSummary: a full summary once, then
 *     one query of the newest samples per refresh), checked against a full summary at every step, with
 *     the naive queries timed at the same moments: over the newest three hours in Prometheus's head (as a
 *     running Prometheus holds them) and, the worst case, over a day already compacted into a block; and
 *     `ccmon summary` run again and again, carrying forward through its cache file,
 *   - a one-shot `ccmon summary` reading the snapshot rules (what the CLI does when the stack ships them),
 *   - a one-shot `ccmon summary` from raw samples only (a Prometheus without our rules),
 *   - the naive per-figure `sum(increase(x[range]))` queries (and how far their totals are off).
 * Flags: --days N --sessions N --interval SECONDS --runs N --refreshes N --keep DIR (build the history into DIR once and reuse it)
 */
import { parseArgs } from 'node:util';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { computeSummary } from '../../electron/core/summary/summary.js';
import { LiveSummary } from '../../electron/core/summary/live-summary.js';
import { fileSummaryStore } from '../../electron/core/summary/live-summary-store.js';
import { summaryFigures } from '../../test/support/summary-figures.js';
import { isDeepStrictEqual } from 'node:util';
import type { UsageSummary as Summary } from '../../electron/core/api/types.js';
import { periodStarts, startOfLocalDay } from '../../electron/core/summary/time-windows.js';
import { latency, latencyLine, ms, timeRuns, type Latency } from './latency.js';
import { naiveQueries } from './naive-queries.js';
import { backfillSeries, backfillTotals } from '../../scripts/simulator/backfill.js';
import { remoteWrite } from '../../test/support/remote-write.js';
import { buildHistory, recordingRulesFile } from '../../test/support/history.js';
import { startPrometheus } from '../../test/support/prometheus.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '90' },
    sessions: { type: 'string', default: '30' },
    interval: { type: 'string', default: '5' },
    runs: { type: 'string', default: '40' },
    refreshes: { type: 'string', default: '240' },
    keep: { type: 'string' },
  },
});
const days = Number(values.days);
const sessionsPerDay = Number(values.sessions);
const sampleIntervalSec = Number(values.interval);
const runs = Number(values.runs);
const refreshes = Number(values.refreshes);

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function report(label: string, samples: number[]): Latency {
  const result = latency(samples);
  log(latencyLine(label, result));
  return result;
}

const time = async (label: string, fn: () => Promise<unknown>): Promise<Latency> => report(label, await timeRuns(fn, runs));

/** Times every query alone (one at a time), keyed by its leading function and window length. */
class ProfilingClient extends PrometheusClient {
  readonly byKind = new Map<string, { count: number; ms: number }>();
  private chain: Promise<unknown> = Promise.resolve();
  constructor(url: string) {
    super({ url, timeoutMs: 60_000 });
  }
  override query(expr: string, time?: Date): ReturnType<PrometheusClient['query']> {
    return this.timed(expr, () => super.query(expr, time));
  }
  override querySamples(expr: string, time: Date): ReturnType<PrometheusClient['querySamples']> {
    return this.timed(`samples ${expr}`, () => super.querySamples(expr, time));
  }
  private timed<T>(expr: string, run: () => Promise<T>): Promise<T> {
    const result = this.chain.then(async () => {
      const t = performance.now();
      const value = await run();
      const kind = `${expr.slice(0, 40)} [${/\[(\d+)ms\]/.exec(expr)?.[1] ? `${Math.round(Number(/\[(\d+)ms\]/.exec(expr)![1]) / 3_600_000)}h` : '-'}]`;
      const entry = this.byKind.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - t;
      this.byKind.set(kind, entry);
      return value;
    });
    this.chain = result.catch(() => undefined);
    return result;
  }
}

/**
 * Refreshes 15 s apart, each timed alone (nothing else queries in between); then the naive queries at the
 * same moments; then (with `verify`) a full summary at each moment, which every refresh must equal.
 * Back to back like the one-shot runs, or `pauseMs` apart: each request then starts from an idle machine,
 * as a real refresh 15 s after the last one does, which costs every request about a millisecond more here.
 */
async function refreshWalk(client: PrometheusClient, moments: Date[], { pauseMs = 0, verify = true } = {}): Promise<{ refresh: Latency; naive: Latency }> {
  const live = new LiveSummary(client);
  const first = performance.now();
  await live.summary(moments[0]);
  log(`  first summary (in full, once): ${ms(performance.now() - first)}`);
  const refreshMs: number[] = [];
  const carried: Summary[] = [];
  let carriedForward = 0;
  for (const now of moments.slice(1)) {
    await sleep(pauseMs);
    const t = performance.now();
    carried.push(await live.summary(now));
    refreshMs.push(performance.now() - t);
    if (live.lastMode.kind === 'incremental') carriedForward++;
  }
  const naiveMs: number[] = [];
  for (const now of moments.slice(1)) {
    await sleep(pauseMs);
    const t = performance.now();
    await Promise.all(naiveQueries(now).map((q) => client.query(q, now)));
    naiveMs.push(performance.now() - t);
  }
  const n = moments.length - 1;
  if (verify) {
    let equal = 0;
    for (const [i, now] of moments.slice(1).entries()) {
      if (isDeepStrictEqual(summaryFigures(carried[i]!), summaryFigures(await computeSummary(client, { now })))) equal++;
    }
    log(`  ${carriedForward} of ${n} refreshes carried forward; ${equal} of ${n} equal to a full summary at the same moment; cost today at the end $${carried.at(-1)!.costUsd.toFixed(4)}`);
  } else log(`  ${carriedForward} of ${n} refreshes carried forward`);
  const refresh = report('refresh (carried forward)', refreshMs);
  const naive = report('naive sum(increase(x[range])) at the same moments', naiveMs);
  log(`  refresh vs naive: ${(naive.p95 / refresh.p95).toFixed(1)}x faster at p95 (${(naive.median / refresh.median).toFixed(1)}x at the median)`);
  return { refresh, naive };
}

/** The issue's target, said of a refreshed summary against the naive queries timed at the same moments. */
function verdict({ refresh, naive }: { refresh: Latency; naive: Latency }): void {
  log(`  target: p95 <= 50 ms and >= 10x faster than naive -> ${refresh.p95 <= 50 && naive.p95 / refresh.p95 >= 10 ? 'met' : 'NOT met'}`);
}

/** `count` moments 15 s apart ending at `endMs`, plus the one before them (the first, full summary). */
const refreshMoments = (endMs: number, count: number): Date[] => Array.from({ length: count + 1 }, (_, i) => new Date(endMs - (count - i) * 15_000));

type Kept = { days: number; sessionsPerDay: number; endMs: number; sampleIntervalSec: number; rulesUntilMs: number };
const kept = values.keep && existsSync(join(values.keep, 'options.json')) ? (JSON.parse(readFileSync(join(values.keep, 'options.json'), 'utf8')) as Kept) : undefined;
const now = Date.now();
const endMs = kept?.endMs ?? Math.floor((now - 5 * 60_000) / (sampleIntervalSec * 1000)) * sampleIntervalSec * 1000;
const options = kept ? { days: kept.days, sessionsPerDay: kept.sessionsPerDay, endMs: kept.endMs, sampleIntervalSec: kept.sampleIntervalSec } : { days, sessionsPerDay, endMs, sampleIntervalSec };
// The rules are backfilled up to here; the summaries are taken as of just before it, so the
// rules cover every window the way they cover a Prometheus that ran them all along (the live rules
// only start once the history is loaded, minutes later).
const rulesUntilMs = kept?.rulesUntilMs ?? now - 30_000;
log(`History: ${options.days} days x ${options.sessionsPerDay} sessions/day, samples every ${options.sampleIntervalSec} s, ending ${new Date(endMs).toISOString()}`);
let dataDir: string;
let removeHistory: () => void;
if (kept) {
  // A copy: the run writes into Prometheus (live rules, the head's hour), which must not leak into the next run.
  const copy = mkdtempSync(join(tmpdir(), 'ccmon-bench-'));
  cpSync(join(values.keep!, 'data'), copy, { recursive: true });
  dataDir = copy;
  removeHistory = () => rmSync(copy, { recursive: true, force: true });
  log(`  reusing ${join(values.keep!, 'data')} (a copy of it)`);
} else {
  const history = await buildHistory(options, { rules: true, rulesUntilMs, compact: true });
  log(
    `  ${history.info.lines.toLocaleString('en-US')} samples (${(history.info.bytes / 2 ** 20).toFixed(0)} MiB of OpenMetrics) generated in ${ms(history.timings.generateMs)}, ` +
      `blocks in ${ms(history.timings.rawBlocksMs)}, rules backfilled in ${ms(history.timings.ruleBlocksMs)}, compacted in ${ms(history.timings.compactMs)}`,
  );
  dataDir = history.dataDir;
  removeHistory = history.remove;
  if (values.keep) {
    mkdirSync(values.keep, { recursive: true });
    cpSync(history.dataDir, join(values.keep, 'data'), { recursive: true });
    writeFileSync(join(values.keep, 'options.json'), JSON.stringify({ ...options, rulesUntilMs }));
  }
}
const prom = await startPrometheus({ dataDir, targets: [], ruleFiles: [recordingRulesFile], remoteWriteReceiver: true, outOfOrderTimeWindow: '4h' });
try {
  const client = new PrometheusClient({ url: prom.url });
  const at = new Date(rulesUntilMs - 10_000);
  const covered = (await client.query(`count_over_time(ccmon:rules:heartbeat[30d] @ ${at.getTime() / 1000})`, at))[0]?.value ?? 0;
  log(`  summaries as of ${at.toISOString()}; the rules recorded ${covered} evaluations in the 30 days before`);
  const known = {
    today: backfillTotals(options, { sinceMs: startOfLocalDay(at).getTime() }).costUsd,
    last30Days: backfillTotals(options, { sinceMs: periodStarts(at).last30Days.getTime() }).costUsd,
  };
  const withRules = await computeSummary(client, { now: at });
  const raw = await computeSummary(client, { now: at, useRules: false });
  const naive = naiveQueries(at);
  const naiveCost30 = (await client.query(naive[8]!, at))[0]?.value ?? 0;
  log('\nTotals (30 days of cost):');
  log(`  known from the simulator ${withRules.periods.last30Days.toFixed(4)} vs ${known.last30Days.toFixed(4)} known; raw path ${raw.periods.last30Days.toFixed(4)}; naive increase() ${naiveCost30.toFixed(4)} (${((naiveCost30 / known.last30Days - 1) * 100).toFixed(1)}%)`);
  log(`  today: summary ${withRules.periods.today.toFixed(4)} vs ${known.today.toFixed(4)} known`);

  log(`\nA one-shot summary (ccmon summary; ${runs} runs after 3 warm-ups, each run = every query of one summary, in parallel):`);
  const rules = await time('ccmon summary, recording rules', () => computeSummary(client, { now: at }));
  const rawOnly = await time('ccmon summary, raw samples only', () => computeSummary(client, { now: at, useRules: false }));
  const naiveRun = await time('naive sum(increase(x[range])) per figure', () => Promise.all(naive.map((q) => client.query(q, at))));
  log(`\n  rules vs naive: ${(naiveRun.p95 / rules.p95).toFixed(1)}x at p95 (${(naiveRun.median / rules.median).toFixed(1)}x at the median); raw vs naive: ${(naiveRun.p95 / rawOnly.p95).toFixed(1)}x at p95`);
  log('\nWhere one summary spends its time (each query alone, summed by kind):');
  const profiled = new ProfilingClient(prom.url);
  await computeSummary(profiled, { now: at });
  for (const [kind, spent] of [...profiled.byKind].sort((a, b) => b[1].ms - a[1].ms)) log(`  ${kind.padEnd(60)} ${String(spent.count).padStart(3)} queries ${ms(spent.ms).padStart(10)}`);

  log(`\nThe refreshed summary (tray, ccmon web), ${refreshes} refreshes 15 s apart:`);
  // A running Prometheus holds its newest 2-3 hours in memory (the head), where each refresh reads. The
  // last three hours of a day of usage at the same rate are written there (remote write; the stack's 30-minute
  // out-of-order window, widened to take them at once), as separate series (instance="head").
  const sampleMs = options.sampleIntervalSec * 1000;
  const headUntil = Math.floor((Date.now() - 60_000) / sampleMs) * sampleMs;
  const headFrom = headUntil - Math.max(3 * 3600_000, refreshes * 15_000 + 5 * 60_000);
  const headOptions = { days: 1, sessionsPerDay: options.sessionsPerDay, endMs: headUntil, sampleIntervalSec: options.sampleIntervalSec, seed: 7, labels: { job: 'claude-code', instance: 'head' } };
  const headSeries = [...backfillSeries(headOptions)]
    .map((s) => ({ labels: { __name__: s.name, ...s.labels }, samples: s.samples.filter(([t]) => t * 1000 > headFrom).map(([t, v]) => [t * 1000, v] as [number, number]) }))
    .filter((s) => s.samples.length > 0);
  await remoteWrite(prom.url, headSeries);
  log(`  a) over the newest data, in Prometheus's head: ${headSeries.length} series written (${headSeries.reduce((n, s) => n + s.samples.length, 0).toLocaleString('en-US')} samples)`);
  const headMoments = refreshMoments(headUntil + 7_000, refreshes);
  const head = await refreshWalk(client, headMoments);
  verdict(head);
  log('  the same, each request 50 ms after the last (from an idle machine, as a real refresh 15 s after the last one):');
  await refreshWalk(client, headMoments, { pauseMs: 50, verify: false });
  log('  `ccmon summary` run again and again: each run a new LiveSummary that loads the last run\'s state from its cache file, asks');
  log('  whether Prometheus restarted (in parallel with the samples query), carries forward and saves:');
  const cache = mkdtempSync(join(tmpdir(), 'ccmon-bench-cache-'));
  try {
    const store = fileSummaryStore(cache, client.url, true);
    await new LiveSummary(client, { store }).summary(headMoments[0]);
    const runMs: number[] = [];
    let carried = 0;
    for (const now of headMoments.slice(1)) {
      const t = performance.now();
      const run = new LiveSummary(client, { store });
      await run.summary(now);
      runMs.push(performance.now() - t);
      if (run.lastMode.kind === 'incremental') carried++;
    }
    log(`  ${carried} of ${refreshes} runs carried forward`);
    const cli = report('ccmon summary with its cache (in process)', runMs);
    log(`  vs naive at the same moments: ${(head.naive.p95 / cli.p95).toFixed(1)}x faster at p95 (${(head.naive.median / cli.median).toFixed(1)}x at the median)`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  log('  b) the worst case: the same refreshes an hour before midnight, over data already compacted into a day block (every series of the day in one index)');
  const block = await refreshWalk(client, refreshMoments(startOfLocalDay(at).getTime() - 3600_000 + 7_000, refreshes));
  verdict(block);
} finally {
  await prom.stop();
  removeHistory();
}
