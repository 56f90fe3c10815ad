/**
 * `npm run bench:summary`: loads N days x M sessions/day of simulated Claude Code history (default 90 x 30,
 * sampled every 5 s like the seed's scrape) into a real Prometheus 3.5 — raw series plus our recording
 * rules evaluated over that history — then times a full summary (today's figures and the today / 7 days /
 * 30 days costs) three ways, each over the same runs:
 *   - ccmon's summary reading the snapshot rules (what the app does when the stack ships them),
 *   - ccmon's summary from raw samples only (a Prometheus without our rules),
 *   - the naive per-figure `sum(increase(x[range]))` queries (and how far their totals are off).
 * Flags: --days N --sessions N --interval SECONDS --runs N --keep DIR (build the history into DIR once and reuse it)
 */
import { parseArgs } from 'node:util';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { computeSummary } from '../../electron/core/summary/summary.js';
import { periodStarts, startOfLocalDay } from '../../electron/core/summary/time-windows.js';
import { metricSelector } from '../../electron/core/telemetry/metrics.js';
import { backfillTotals } from '../../scripts/simulator/backfill.js';
import { buildHistory, recordingRulesFile } from '../../test/support/history.js';
import { startPrometheus } from '../../test/support/prometheus.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '90' },
    sessions: { type: 'string', default: '30' },
    interval: { type: 'string', default: '5' },
    runs: { type: 'string', default: '40' },
    keep: { type: 'string' },
  },
});
const days = Number(values.days);
const sessionsPerDay = Number(values.sessions);
const sampleIntervalSec = Number(values.interval);
const runs = Number(values.runs);

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const ms = (n: number): string => `${n.toFixed(1)} ms`;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

async function time(label: string, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm caches, as a refreshing tray would
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const result = { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
  log(`  ${label.padEnd(44)} median ${ms(result.median).padStart(10)}   p95 ${ms(result.p95).padStart(10)}`);
  return result;
}

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

/** What a dashboard built the usual way asks: one `sum(increase(x[range]))` per figure. */
function naiveQueries(now: Date): string[] {
  const range = (since: Date): string => `${Math.round((now.getTime() - since.getTime()) / 1000)}s`;
  const p = periodStarts(now);
  const today = range(p.today);
  const inc = (m: Parameters<typeof metricSelector>[0], r: string, by = ''): string => `sum${by ? ` by (${by})` : ''}(increase(${metricSelector(m)}[${r}]))`;
  return [
    inc('cost', today, 'model'),
    inc('tokens', today, 'model, type'),
    inc('linesOfCode', today, 'type'),
    inc('commits', today),
    inc('pullRequests', today),
    inc('activeTime', today, 'type'),
    `count(count by (session_id) (increase(${metricSelector('sessionCount')}[${today}])))`,
    inc('cost', range(p.last7Days)),
    inc('cost', range(p.last30Days)),
  ];
}

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
let removeHistory = (): void => undefined;
if (kept) {
  dataDir = join(values.keep!, 'data');
  log(`  reusing ${dataDir} (the live rules fill the time since it was built)`);
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
const prom = await startPrometheus({ dataDir, targets: [], ruleFiles: [recordingRulesFile] });
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

  log(`\nLatency of a full summary (${runs} runs after 3 warm-ups, each run = every query of one summary, in parallel):`);
  const rules = await time('ccmon summary, recording rules', () => computeSummary(client, { now: at }));
  const rawOnly = await time('ccmon summary, raw samples only', () => computeSummary(client, { now: at, useRules: false }));
  const naiveRun = await time('naive sum(increase(x[range])) per figure', () => Promise.all(naive.map((q) => client.query(q, at))));
  log(`\n  rules vs naive: ${(naiveRun.p95 / rules.p95).toFixed(1)}x faster at p95 (${(naiveRun.median / rules.median).toFixed(1)}x at the median); raw vs naive: ${(naiveRun.p95 / rawOnly.p95).toFixed(1)}x at p95`);
  log(`  target: p95 <= 50 ms and >= 10x faster than naive -> ${rules.p95 <= 50 && naiveRun.p95 / rules.p95 >= 10 ? 'met' : 'NOT met'}`);
  log('\nWhere one summary spends its time (each query alone, summed by kind):');
  const profiled = new ProfilingClient(prom.url);
  await computeSummary(profiled, { now: at });
  for (const [kind, spent] of [...profiled.byKind].sort((a, b) => b[1].ms - a[1].ms)) log(`  ${kind.padEnd(60)} ${String(spent.count).padStart(3)} queries ${ms(spent.ms).padStart(10)}`);
} finally {
  await prom.stop();
  removeHistory();
}
