/**
 * `npm run bench:team` (or `npm run bench -- team`): a team's shared VictoriaMetrics, 20 people x 30
 * sessions a day x 90 days (each person on 1-3 machines, some without an email), pushed as Claude Code
 * pushes it (samples every export interval over each session's life). In one run, timed at the same moments:
 *   a) the tray's refresh of today, scope all (LiveSummary every 15 s), new samples arriving between refreshes,
 *      beside the naive `sum by (...) (increase(x[today]))` queries for the same figures;
 *   b) a full team summary over 30 days with byUser / byMachine: `ccmon summary --scope all --json` as a
 *      process, and computeSummary in process, beside the naive per-person / per-machine queries;
 * every answer checked against the generator's known totals (the naive ones reported with their error),
 * and the memory of VictoriaMetrics (VmRSS, VmHWM) and of the ccmon process (peak RSS).
 * "Today" is a working day: the run picks a whole-hour time zone in which it is about --local-hour now.
 * Flags: --people N --days N --sessions N (a day, per person) --interval SECONDS --refreshes N --runs N --cli-runs N --local-hour H
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { computeSummary, computeSummaryDetailed } from '../../electron/core/summary/summary.js';
import { exactAlternation } from '../../electron/core/summary/promql.js';
import { LiveSummary } from '../../electron/core/summary/live-summary.js';
import { startOfLocalDay } from '../../electron/core/summary/time-windows.js';
import { metricSelector } from '../../electron/core/telemetry/metrics.js';
import { byMachine, byUser } from '../../electron/core/projects/breakdown.js';
import type { Summary, UsageSummary } from '../../electron/core/api/types.js';
import type { BackfillSeries } from '../simulator/backfill.js';
import { ccmonRun } from '../../test/support/ccmon.js';
import { startVictoriaMetrics } from '../../test/support/victoria-metrics.js';
import { latency, latencyLine, ms, timeRuns, type Latency } from './latency.js';
import { naiveIncrease, naiveQueries, rangeSince } from './naive-queries.js';
import { procMemory, type ProcMemory } from './proc-memory.js';
import { errorPercent, teamMismatches, worstGroupError, type TeamFigures } from './team-check.js';
import { teamSeries, teamSessionTruths, teamTotals, teamUnits, type SessionTruth, type TeamTotals } from './team-data.js';
import { summaryFigures } from '../../test/support/summary-figures.js';
import { importSeries } from './vm-import.js';

const { values } = parseArgs({
  allowPositionals: true, // run.ts's bench name
  options: {
    people: { type: 'string', default: '20' },
    days: { type: 'string', default: '90' },
    sessions: { type: 'string', default: '30' },
    interval: { type: 'string', default: '60' },
    refreshes: { type: 'string', default: '40' },
    runs: { type: 'string', default: '3' },
    'cli-runs': { type: 'string', default: '3' },
    'local-hour': { type: 'string', default: '18' },
  },
});
const people = Number(values.people);
const days = Number(values.days);
const refreshes = Number(values.refreshes);
const runs = Number(values.runs);
const cliRuns = Number(values['cli-runs']);
const intervalSec = Number(values.interval);

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const mib = (m: ProcMemory): string => `${m.rssMiB.toFixed(0)} MiB now, ${m.peakMiB.toFixed(0)} MiB peak`;
const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
const usd = (n: number): string => `$${n.toFixed(4)}`;
const pct = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(2)}%`;

/** A whole-hour UTC offset (Etc/GMT zones name it with the sign flipped) in which it is about `hour` o'clock now. */
function zoneAt(hour: number, now: Date): string {
  const offset = Math.round(((((hour - now.getUTCHours() - now.getUTCMinutes() / 60 + 12) % 24) + 24) % 24) - 12);
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
process.env.TZ = zoneAt(Number(values['local-hour']), new Date());

const started = performance.now();
log(`bench:team on ${new Date().toISOString()}, TZ=${process.env.TZ}; load average at start ${load()}`);
const gridMs = intervalSec * 1000;
const endMs = Math.floor((Date.now() - 120_000) / gridMs) * gridMs;
const units = teamUnits({ people, days, sessionsPerDay: Number(values.sessions), endMs, sampleIntervalSec: intervalSec });
log(`History: ${people} people on ${units.length} machines x ${values.sessions} sessions a day x ${days} days, samples every ${intervalSec} s, ending ${new Date(endMs).toISOString()}`);

// The tray's refreshes walk the last minutes of the history; their samples arrive between refreshes.
const moments = Array.from({ length: refreshes + 1 }, (_, i) => new Date(endMs - (refreshes - i) * 15_000));
const liveFromSec = moments[0]!.getTime() / 1000;
const pending: BackfillSeries[] = [];
function* historyBefore(series: Iterable<BackfillSeries>): Generator<BackfillSeries> {
  for (const s of series) {
    const cut = s.samples.findIndex(([t]) => t > liveFromSec);
    if (cut === -1) yield s;
    else {
      pending.push({ ...s, samples: s.samples.slice(cut) });
      yield { ...s, samples: s.samples.slice(0, cut) };
    }
  }
}
const arriving = (fromSec: number, toSec: number): BackfillSeries[] =>
  pending.map((s) => ({ ...s, samples: s.samples.filter(([t]) => t > fromSec && t <= toSec) })).filter((s) => s.samples.length > 0);

// VictoriaMetrics' defaults refuse a team's 30-day summary: -search.maxQueryLen (16 KiB) is less than the
// sessions it names (those that resumed, see below), and on 2 cores its ~25 parallel queries wait longer than
// -search.maxQueueDuration (10 s) for one of the -search.maxConcurrentRequests slots (HTTP 429).
const maxQueryLen = 1 << 20;
const maxQueueDuration = '5m';
// The default 8 MiB answer limit (CCMON_MAX_ANSWER_MB) refuses a team's 30-day summary: the raw samples of its resumed sessions are more.
process.env.CCMON_MAX_ANSWER_MB = '256';
// And its queries take longer than the default 10 s each on a 2-core machine.
process.env.CCMON_QUERY_TIMEOUT_MS = '120000';
log(`  VictoriaMetrics with -search.maxQueryLen=${maxQueryLen} -search.maxQueueDuration=${maxQueueDuration}, ccmon with CCMON_MAX_ANSWER_MB=${process.env.CCMON_MAX_ANSWER_MB} CCMON_QUERY_TIMEOUT_MS=${process.env.CCMON_QUERY_TIMEOUT_MS} (the defaults refuse a team's 30-day summary)`);
const vm = await startVictoriaMetrics({ extraArgs: [`-search.maxQueryLen=${maxQueryLen}`, `-search.maxQueueDuration=${maxQueueDuration}`] });
try {
  const client = new PrometheusClient({ url: vm.url, timeoutMs: 120_000 });
  let t = performance.now();
  const loaded = await importSeries(vm.url, historyBefore(teamSeries(units)));
  await vm.flush();
  const loadMs = performance.now() - t;
  const stored = ((await (await fetch(`${vm.url}/api/v1/series/count`)).json()) as { data: number[] }).data[0] ?? 0;
  const liveSamples = pending.reduce((n, s) => n + s.samples.length, 0);
  log(
    `  loaded ${loaded.series.toLocaleString('en-US')} series, ${loaded.samples.toLocaleString('en-US')} samples (${(loaded.bytes / 2 ** 20).toFixed(0)} MiB of JSON lines) in ${(loadMs / 1000).toFixed(1)} s ` +
      `(${Math.round(loaded.samples / (loadMs / 1000)).toLocaleString('en-US')} samples/s, generation included); VictoriaMetrics counts ${stored.toLocaleString('en-US')} series; ` +
      `${liveSamples.toLocaleString('en-US')} samples of ${pending.length} live series held back for the refreshes`,
  );
  const vmAfterLoad = procMemory(vm.pid);
  log(`  VictoriaMetrics after the load: ${mib(vmAfterLoad)}`);

  // a) The tray's refresh, today, scope all.
  log(`\na) The tray's refresh of today, scope all: ${refreshes} refreshes 15 s apart (${moments[0]!.toISOString()} to ${moments.at(-1)!.toISOString()}), the new samples written and flushed before each (not timed)`);
  const midnight = startOfLocalDay(moments.at(-1)!).getTime();
  const todayAt = (m: Date) => teamTotals(units, { sinceMs: midnight + 1, untilMs: m.getTime() + 1 });
  const live = new LiveSummary(client);
  t = performance.now();
  await live.summary(moments[0]);
  log(`  first summary (in full, once): ${ms(performance.now() - t)}`);
  const refreshMs: number[] = [];
  const refreshed: UsageSummary[] = [];
  let carried = 0;
  let written = 0;
  for (const [i, now] of moments.slice(1).entries()) {
    const batch = arriving(moments[i]!.getTime() / 1000, now.getTime() / 1000);
    if (batch.length > 0) {
      written += (await importSeries(vm.url, batch)).samples;
      await vm.flush();
    }
    t = performance.now();
    const usage = await live.summary(now);
    teamView(usage); // what the tray shows: by person and by machine
    refreshMs.push(performance.now() - t);
    refreshed.push(usage);
    if (live.lastMode.kind === 'incremental') carried++;
  }
  // A full summary of today takes a second or two here: compared at ten of the moments.
  const compared = new Set(Array.from({ length: Math.min(10, refreshes) }, (_, k) => Math.floor(((k + 1) * refreshes) / Math.min(10, refreshes)) - 1));
  let equalFull = 0;
  const unlike = new Set<string>();
  const wrong: string[] = [];
  for (const [i, now] of moments.slice(1).entries()) {
    if (compared.has(i)) {
      const [carriedFigures, fullFigures] = [refreshed[i]!, await computeSummary(client, { now })].map((u) => summaryFigures(u) as Record<string, unknown>);
      const differ = Object.keys(fullFigures!).filter((k) => !isDeepStrictEqual(carriedFigures![k], fullFigures![k]));
      if (differ.length === 0) equalFull++;
      else for (const k of differ) unlike.add(k);
    }
    const mismatches = teamMismatches(teamView(refreshed[i]!), todayAt(now));
    const totals = mismatches.filter((m) => m.startsWith('total'));
    if (mismatches.length > 0) wrong.push(`${now.toISOString()}: ${(totals.length > 0 ? totals : mismatches.slice(0, 3)).join('; ')}`);
  }
  const end = moments.at(-1)!;
  const truthToday = todayAt(end);
  log(`  ${written} samples arrived during the walk; ${carried} of ${refreshes} refreshes carried forward; ${equalFull} of ${compared.size} compared equal to a full summary at the same moment${unlike.size > 0 ? ` (the others differ in ${[...unlike].join(', ')})` : ''}; ${refreshes - wrong.length} of ${refreshes} equal to the known totals (cost, tokens, sessions in total, per person, per machine; lines, commits, PRs, active time)`);
  for (const w of wrong.slice(0, 3)) log(`    WRONG ${w}`);
  if (wrong.length > 0) log(`    at the end: ${whichSessions(refreshed.at(-1)!, teamSessionTruths(units, { sinceMs: midnight + 1, untilMs: end.getTime() + 1 }))}`);
  log(`  today at the end: ${usd(truthToday.total.costUsd)} known, ${truthToday.total.sessions} sessions, ${truthToday.byUser.size} people`);
  const refresh = latency(refreshMs);
  log(latencyLine('refresh (LiveSummary, scope all, with byUser/byMachine)', refresh));
  const naiveTodayMs: number[] = [];
  let naiveTodayCost = 0;
  for (const now of moments.slice(1)) {
    t = performance.now();
    const answers = await Promise.all(naiveQueries(now).map((q) => client.query(q, now)));
    naiveTodayMs.push(performance.now() - t);
    naiveTodayCost = answers[0]!.reduce((a, r) => a + r.value, 0);
  }
  const naiveToday = latency(naiveTodayMs);
  log(latencyLine('naive sum(increase(x[today])) at the same moments', naiveToday));
  log(`  naive cost today at the end ${usd(naiveTodayCost)}: ${pct(errorPercent(naiveTodayCost, truthToday.total.costUsd))} against the known ${usd(truthToday.total.costUsd)}`);

  // b) A full team summary, 30 days, by person and by machine.
  const until = new Date(endMs + 30_000); // off the sample grid: (since, until] and the generator's [since, until) agree
  const since = new Date(until.getTime() - 30 * 86_400_000);
  log(`\nb) A full team summary, 30 days (${since.toISOString()} to ${until.toISOString()}), with byUser and byMachine; ${runs} runs after the checked one (and the naive queries ${Math.max(runs, 5)} after one)`);
  t = performance.now();
  const truth30 = teamTotals(units, { sinceMs: since.getTime(), untilMs: until.getTime() });
  log(`  known totals: ${usd(truth30.total.costUsd)}, ${truth30.total.sessions.toLocaleString('en-US')} sessions, ${truth30.byUser.size} people, ${truth30.byMachine.size} machines (computed in ${ms(performance.now() - t)})`);
  const inProcess = () => computeSummary(client, { since, until, now: until }).then(teamView);
  const detailed30 = await computeSummaryDetailed(client, { since, until, now: until });
  const full30 = detailed30.summary;
  const flaggedBytes = exactAlternation(detailed30.flaggedSessionIds).length;
  log(
    `  ${detailed30.flaggedSessionIds.length} sessions resumed or reset in the window, named in the summary's queries (${flaggedBytes.toLocaleString('en-US')} bytes of session ids): ` +
      `${flaggedBytes > 16_384 ? 'more than VictoriaMetrics\' default -search.maxQueryLen=16384 takes' : 'within VictoriaMetrics\' default -search.maxQueryLen=16384'} (this run allows ${maxQueryLen})`,
  );
  const inProcessCheck = teamMismatches(teamView(full30), truth30);
  log(`  in process: ${inProcessCheck.length === 0 ? 'equal to the known totals' : `WRONG: ${inProcessCheck.slice(0, 4).join('; ')}`}`);
  if (inProcessCheck.length > 0) log(`    ${whichSessions(full30, teamSessionTruths(units, { sinceMs: since.getTime(), untilMs: until.getTime() }))}`);
  const summaryIn = await timeRuns(inProcess, runs, 0).then(latency, (err: Error) => err); // the check above warmed it
  log(summaryIn instanceof Error ? `  computeSummary + byUser/byMachine (in process): FAILED ${summaryIn.message}` : latencyLine(`computeSummary + byUser/byMachine (in process, ${runs} runs)`, summaryIn));

  // The process: a full 30-day team summary, and today's (the tray's figures, computed in full).
  const cliEnv = { CCMON_PROMETHEUS_URL: vm.url, CCMON_SUMMARY_CACHE: 'off', CCMON_MAX_ANSWER_MB: process.env.CCMON_MAX_ANSWER_MB, CCMON_QUERY_TIMEOUT_MS: process.env.CCMON_QUERY_TIMEOUT_MS, TZ: process.env.TZ };
  const cli30 = await timeCli(['--since', since.toISOString(), '--until', until.toISOString()], cliEnv, truth30);
  const cliToday = await timeCli([], cliEnv, truthToday);

  const range = rangeSince(since, until);
  const userBy = 'user_email, user_account_uuid';
  const naiveTeam = [
    naiveIncrease('cost', range, 'model'),
    naiveIncrease('tokens', range, 'model, type'),
    naiveIncrease('linesOfCode', range, 'type'),
    naiveIncrease('commits', range),
    naiveIncrease('pullRequests', range),
    naiveIncrease('activeTime', range, 'type'),
    `count(count by (session_id) (increase(${metricSelector('sessionCount')}[${range}])))`,
    naiveIncrease('cost', range, userBy),
    naiveIncrease('tokens', range, `${userBy}, type`),
    naiveIncrease('cost', range, 'host_name'),
    naiveIncrease('tokens', range, 'host_name, type'),
  ];
  const naiveAnswers = await Promise.all(naiveTeam.map((q) => client.query(q, until)));
  const naiveTeamLatency = latency(await timeRuns(() => Promise.all(naiveTeam.map((q) => client.query(q, until))), Math.max(runs, 5), 1));
  log(latencyLine('naive sum by (...) (increase(x[30d])) per figure', naiveTeamLatency));
  const naiveCost = naiveAnswers[0]!.reduce((a, r) => a + r.value, 0);
  const naiveUsers = new Map(naiveAnswers[7]!.map((r) => [r.metric.user_email || r.metric.user_account_uuid || '', r.value]));
  const naiveMachines = new Map(naiveAnswers[9]!.map((r) => [r.metric.host_name ?? '', r.value]));
  const naiveInput = naiveAnswers[1]!.filter((r) => r.metric.type === 'input').reduce((a, r) => a + r.value, 0);
  const naiveSessionCount = naiveAnswers[6]![0]?.value ?? 0;
  const costOf = (m: Map<string, { costUsd: number }>) => new Map([...m].map(([k, v]) => [k, v.costUsd]));
  log(
    `  naive answers against the known: cost ${usd(naiveCost)} (${pct(errorPercent(naiveCost, truth30.total.costUsd))}), input tokens ${pct(errorPercent(naiveInput, truth30.total.tokens.input))}, ` +
      `sessions ${naiveSessionCount} (${pct(errorPercent(naiveSessionCount, truth30.total.sessions))}); worst person ${pct(worstGroupError(naiveUsers, costOf(truth30.byUser)))}, worst machine ${pct(worstGroupError(naiveMachines, costOf(truth30.byMachine)))}`,
  );

  const vmAfterQueries = procMemory(vm.pid);
  log(`\nVictoriaMetrics after the queries: ${mib(vmAfterQueries)}; this bench process's peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  log(`\nFigures (${people} people, ${units.length} machines, ${days} days, ${loaded.series.toLocaleString('en-US')} series, ${(loaded.samples + written).toLocaleString('en-US')} samples; load ${(loadMs / 1000).toFixed(1)} s)`);
  log(`  ${''.padEnd(58)} ${'median'.padStart(10)} ${'p95'.padStart(10)}`);
  log(row(`tray refresh, today, scope all (${refresh.runs} refreshes)`, refresh, naiveToday));
  log(row('  naive sum(increase(x[today])) per figure', naiveToday));
  log(summaryIn instanceof Error ? `  ${'team summary 30 d, in process'.padEnd(58)} FAILED` : row(`team summary 30 d, in process (${summaryIn.runs} runs)`, summaryIn, naiveTeamLatency));
  log(cliRow('ccmon summary --scope all --json 30 d, process', cli30, naiveTeamLatency));
  log(row('  naive sum by (...) (increase(x[30d])) per figure', naiveTeamLatency));
  log(cliRow('ccmon summary --scope all --json today, process', cliToday, naiveToday));
  log(`  correct: refreshes ${refreshes - wrong.length}/${refreshes} (${equalFull}/${compared.size} equal to a full summary), in-process summary ${inProcessCheck.length === 0 ? 'yes' : 'NO'}, ccmon summary 30 d ${cli30.verdict}, today ${cliToday.verdict}; naive 30-day cost ${pct(errorPercent(naiveCost, truth30.total.costUsd))}`);
  log(`  VictoriaMetrics RSS: after load ${mib(vmAfterLoad)}; after the queries ${mib(vmAfterQueries)}`);
  log(`  ccmon summary process peak RSS (VmHWM): 30 d ${cli30.peakMiB.toFixed(0)} MiB, today ${cliToday.peakMiB.toFixed(0)} MiB (the largest of its runs)`);
  log(`  whole bench ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}`);
} finally {
  await vm.stop();
}

interface CliTiming {
  latency: Latency | undefined;
  peakMiB: number;
  /** "yes", "NO" (wrong figures) or why it failed. */
  verdict: string;
}

/** `ccmon summary --scope all --json ...` run `cliRuns` times after one untimed run, checked against the truth. */
async function timeCli(args: string[], env: Record<string, string>, truth: TeamTotals): Promise<CliTiming> {
  const argv = ['summary', '--scope', 'all', '--json', ...args];
  const wallMs: number[] = [];
  let peakKb = 0;
  let verdict = 'yes';
  for (let i = 0; i < cliRuns + 1; i++) {
    const run = await ccmonRun(argv, { env, timeoutMs: 300_000 });
    peakKb = Math.max(peakKb, run.peakRssKb);
    if (run.code !== 0) {
      verdict = `failed (exit ${run.code}: ${run.stderr.trim().split('\n')[0]?.slice(0, 160)})`;
      wallMs.push(run.wallMs);
      if (i === 0) continue;
      break;
    }
    if (i === 0) {
      const mismatches = teamMismatches(JSON.parse(run.stdout) as Summary, truth);
      if (mismatches.length > 0) verdict = `NO (${mismatches.slice(0, 3).join('; ')})`;
    } else wallMs.push(run.wallMs);
  }
  const result = { latency: wallMs.length > 0 ? latency(wallMs) : undefined, peakMiB: peakKb / 1024, verdict };
  log(`  ccmon ${argv.join(' ')}: ${verdict === 'yes' ? 'equal to the known totals' : verdict}`);
  if (result.latency) log(latencyLine(`  ${result.latency.runs} runs, wall time${verdict.startsWith('failed') ? ' to the failure' : ''}; peak RSS ${result.peakMiB.toFixed(0)} MiB`, result.latency));
  return result;
}

function row(what: string, l: Latency, vs?: Latency): string {
  return `  ${what.padEnd(58)} ${ms(l.median).padStart(10)} ${ms(l.p95).padStart(10)}${vs ? `   ${versus(l, vs)}` : ''}`;
}

function cliRow(what: string, c: CliTiming, vs: Latency): string {
  return c.latency && !c.verdict.startsWith('failed') ? row(`${what} (${c.latency.runs} runs)`, c.latency, vs) : `  ${what.padEnd(58)} ${c.verdict}`;
}

/** How a latency compares with the naive queries' at p95. */
function versus(l: Latency, naive: Latency): string {
  const x = naive.p95 / l.p95;
  return x >= 1 ? `${x.toFixed(1)}x faster than naive at p95` : `${(1 / x).toFixed(1)}x slower than naive at p95`;
}

/** Which sessions a wrong summary got wrong, and whether they are the resumed ones. */
function whichSessions(usage: UsageSummary, truths: ReadonlyMap<string, SessionTruth>): string {
  const got = new Map(usage.bySession.map((x) => [x.sessionId, x]));
  const off = [...truths].filter(([id, want]) => {
    const s = got.get(id);
    return !s || Math.abs(s.costUsd - want.costUsd) >= 1e-6 || s.tokens.input + s.tokens.output + s.tokens.cacheRead + s.tokens.cacheCreation !== want.tokens;
  });
  const missing = off.reduce((a, [id, want]) => a + want.costUsd - (got.get(id)?.costUsd ?? 0), 0);
  const gaps = off.flatMap(([, want]) => (want.resumeGapSec === undefined ? [] : [want.resumeGapSec]));
  const resumed = [...truths.values()].filter((want) => want.resumeGapSec !== undefined).length;
  return (
    `${off.length} of ${truths.size} sessions off in cost or tokens (${usd(missing)} short in all); ${gaps.length} of them resumed (of ${resumed} resumed sessions)` +
    (gaps.length > 0 ? `, their new process's first sample ${Math.min(...gaps)}-${Math.max(...gaps)} s after the old one's last` : '')
  );
}

/** The summary a person reads, by person and by machine (as the service builds it). */
function teamView(usage: UsageSummary): TeamFigures {
  const { costUsd, tokens, sessions, linesOfCode, commits, pullRequests, activeTimeSeconds } = usage;
  return { costUsd, tokens, sessions, linesOfCode, commits, pullRequests, activeTimeSeconds, byUser: byUser(usage.bySession), byMachine: byMachine(usage.bySession) };
}
