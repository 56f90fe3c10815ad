/**
 * History for benchmarks: N days x M sessions/day of Claude Code usage with known totals, as
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics FILE DIR`.
 *
 * promtool's requirements, all met here: the file ends with `# EOF`; sample timestamps are in
 * seconds; every metric family's lines are contiguous (one `# TYPE` block per family, written
 * family by family); each series' samples are contiguous and in time order (a resumed session's
 * second process follows its first, value dropping back: a counter reset). No `# UNIT` lines
 * (OpenMetrics requires the unit to be a suffix of the family name, which the plain spelling
 * is not).
 *
 * Sessions are generated deterministically from (seed, day, index), so the file is streamed
 * family by family without holding history in memory, and totals for any window are recomputed
 * exactly. Steps fall on the sample grid, so a sample at t includes exactly the steps at <= t.
 * For long histories use writeOpenMetricsFiles (one file per day): promtool's cost grows with
 * (blocks x file size).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { INSTRUMENTS, INSTRUMENT_KEYS, type InstrumentKey, type Spelling } from './instruments.js';
import { sessionUuid, userHash } from './ids.js';
import { costOf } from './pricing.js';
import { parseScenario, type SessionRun, type UsageStep } from './scenario.js';
import { intIn, MODELS, prng } from './scenarios/helpers.js';
import { seriesIncrements, seriesKey } from './series.js';
import { TotalsAccumulator, type KnownTotals } from './totals.js';

export interface BackfillOptions {
  days: number;
  sessionsPerDay: number;
  /** End of the history, epoch ms; day d (0 = oldest) covers [end - (days-d) x 24h, end - (days-d-1) x 24h). */
  endMs: number;
  spelling?: Spelling;
  /** Sample spacing in seconds (default 60). */
  sampleIntervalSec?: number;
  seed?: number;
  /** Every Nth session is resumed in a second process (a counter reset); 0 = never. Default 10. */
  resumeEvery?: number;
  /** Labels added to every series, like a scrape's (default job="claude-code", instance="127.0.0.1:9464"). */
  labels?: Record<string, string>;
}

/** One process of a generated session, with its absolute start (epoch seconds, on the grid). */
export interface BackfillRun {
  run: SessionRun;
  startSec: number;
  endSec: number;
}

const DAY = 86400;
/** Sessions last at most 45 minutes (keeps the file size proportional to the session count). */
const MAX_SESSION_SEC = 45 * 60;

function defaults(o: BackfillOptions) {
  if (!(o.days > 0 && o.sessionsPerDay > 0)) throw new Error('days and sessionsPerDay must be > 0');
  return {
    spelling: o.spelling ?? ('plain'),
    interval: o.sampleIntervalSec ?? 60,
    seed: o.seed ?? 1,
    resumeEvery: o.resumeEvery ?? 10,
    labels: o.labels ?? { job: 'claude-code', instance: '127.0.0.1:9464' },
    endSec: Math.floor(o.endMs / 1000),
  };
}

function makeSteps(rand: () => number, model: string, durationSec: number, interval: number): UsageStep[] {
  const slots = Math.max(1, Math.floor(durationSec / interval));
  const n = Math.min(slots, intIn(rand, 3, 12));
  const picked = new Set<number>();
  while (picked.size < n) picked.add(intIn(rand, 1, slots));
  return [...picked]
    .sort((a, b) => a - b)
    .map((slot, i) => {
      const aux = rand() < 0.3;
      const m = aux ? MODELS.haiku : model;
      const tokens = aux
        ? { input: intIn(rand, 200, 2000), output: intIn(rand, 10, 150), cacheRead: 0, cacheCreation: 0 }
        : { input: intIn(rand, 500, 8000), output: intIn(rand, 50, 2500), cacheRead: intIn(rand, 0, 90000), cacheCreation: intIn(rand, 0, 6000) };
      const step: UsageStep = { at: slot * interval, model: m, tokens, costUsd: costOf(m, tokens), activeTime: { cli: intIn(rand, 1, 30) / 4, user: intIn(rand, 2, 120) / 2 } };
      if (aux) step.querySource = 'auxiliary';
      if (!aux && rand() < 0.35) {
        step.linesAdded = intIn(rand, 1, 120);
        step.linesRemoved = intIn(rand, 0, 40);
      }
      if (!aux && rand() < 0.08) step.commits = 1;
      if (!aux && i === n - 1 && rand() < 0.05) step.pullRequests = 1;
      return step;
    });
}

/** The processes of session `index` on day `day` (one, or two for a resumed session). Pure. */
export function backfillSession(o: BackfillOptions, day: number, index: number): BackfillRun[] {
  const d = defaults(o);
  const rand = prng((d.seed * 1_000_003 + day * 1009 + index) >>> 0);
  const g = d.interval;
  const q = (s: number): number => Math.max(g, Math.floor(s / g) * g);
  const slotLen = DAY / o.sessionsPerDay;
  const dayStart = d.endSec - (o.days - day) * DAY;
  const gridStart = Math.ceil((dayStart + index * slotLen) / g) * g;
  const model = [MODELS.opus, MODELS.sonnet, MODELS.sonnet, MODELS.haiku][intIn(rand, 0, 3)]!;
  const sessionId = sessionUuid(`backfill:${d.seed}:${day}:${index}`);
  const common = {
    sessionId,
    userId: userHash(`backfill:${d.seed}`),
    terminalType: rand() < 0.3 ? 'non-interactive' : 'xterm',
    model,
  };
  const startA = gridStart + q(rand() * 0.1 * slotLen) - g;
  const durA = q(Math.min((0.2 + rand() * 0.25) * slotLen, MAX_SESSION_SEC));
  const runs: BackfillRun[] = [];
  const build = (startSec: number, dur: number, startType: 'fresh' | 'resume'): BackfillRun => {
    const run = parseScenario({ name: 'backfill', sessions: [{ ...common, startType, start: 0, duration: dur, steps: makeSteps(rand, model, dur, g) }] }).sessions[0]!;
    return { run, startSec, endSec: startSec + dur };
  };
  runs.push(build(startA, durA, 'fresh'));
  if (d.resumeEvery > 0 && (day * o.sessionsPerDay + index) % d.resumeEvery === d.resumeEvery - 1) {
    const startB = startA + durA + q(0.05 * slotLen);
    runs.push(build(startB, q(Math.min((0.1 + rand() * 0.2) * slotLen, MAX_SESSION_SEC / 2)), 'resume'));
  }
  return runs;
}

/** Days [from, to) of the history (0 = oldest). */
export interface DayRange {
  from: number;
  to: number;
}

/** Every generated session (of the given days), oldest first. */
export function* backfillSessions(o: BackfillOptions, days: DayRange = { from: 0, to: o.days }): Generator<BackfillRun[]> {
  for (let day = Math.max(0, days.from); day < Math.min(o.days, days.to); day++) for (let i = 0; i < o.sessionsPerDay; i++) yield backfillSession(o, day, i);
}

/** Known totals of the history, optionally for a window [sinceMs, untilMs) (same rules as scenarioTotals). */
export function backfillTotals(o: BackfillOptions, window: { sinceMs?: number; untilMs?: number } = {}): KnownTotals {
  const acc = new TotalsAccumulator();
  accumulateBackfill(o, window, [acc]);
  return acc.result();
}

/**
 * Adds the history's usage in [sinceMs, untilMs) to every accumulator (as backfillTotals counts it). Only the
 * days that can reach into the window are generated (a session ends within a day of its own day's start).
 */
export function accumulateBackfill(o: BackfillOptions, window: { sinceMs?: number; untilMs?: number }, accs: readonly TotalsAccumulator[]): void {
  const since = (window.sinceMs ?? -Infinity) / 1000;
  const until = (window.untilMs ?? Infinity) / 1000;
  const endSec = Math.floor(o.endMs / 1000);
  const from = Number.isFinite(since) ? Math.floor(o.days + (since - endSec) / DAY) - 1 : 0;
  for (const runs of backfillSessions(o, { from, to: o.days })) {
    for (const { run, startSec, endSec: runEnd } of runs) {
      if (runEnd >= since && startSec < until) for (const acc of accs) acc.addSession(run.sessionId);
      for (const step of run.steps) {
        const t = startSec + step.at;
        if (t >= since && t < until) for (const acc of accs) acc.addStep(run, step);
      }
    }
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

/** A counter series of the backfill: its name, labels and [epoch seconds, value] samples in time order. */
export interface BackfillSeries {
  name: string;
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

/** The series of one family (or, without `key`, of every family) for one session, sampled every `interval` seconds while its processes run. */
function sessionFamilySeries(runs: BackfillRun[], key: InstrumentKey | undefined, spelling: Spelling, interval: number, extra: Record<string, string>): BackfillSeries[] {
  const series = new Map<string, BackfillSeries>();
  for (const { run, startSec, endSec } of runs) {
    const incs = seriesIncrements(run, spelling).filter((i) => key === undefined || i.key === key);
    const perSeries = new Map<string, typeof incs>();
    for (const inc of incs) {
      const k = seriesKey(inc.name, inc.labels);
      perSeries.set(k, [...(perSeries.get(k) ?? []), inc]);
    }
    for (const [k, list] of perSeries) {
      const s = series.get(k) ?? { name: list[0]!.name, labels: { ...list[0]!.labels, ...extra }, samples: [] };
      series.set(k, s);
      let value = 0;
      let j = 0;
      for (let t = startSec + list[0]!.at; t <= endSec; t += interval) {
        while (j < list.length && startSec + list[j]!.at <= t) value += list[j++]!.delta;
        s.samples.push([t, value]);
      }
    }
  }
  return [...series.values()];
}

/** Every series of the backfill (of the given days), family by family, session by session. */
export function* backfillSeries(o: BackfillOptions, days: DayRange = { from: 0, to: o.days }): Generator<BackfillSeries> {
  const d = defaults(o);
  for (const key of INSTRUMENT_KEYS) {
    for (const runs of backfillSessions(o, days)) yield* sessionFamilySeries(runs, key, d.spelling, d.interval, d.labels);
  }
}

/**
 * Every series of the backfill session by session (each session's families together), for stores that take
 * series in any order (remote write, VictoriaMetrics' import): each session is generated once, not once per family.
 */
export function* backfillSeriesBySession(o: BackfillOptions, days: DayRange = { from: 0, to: o.days }): Generator<BackfillSeries> {
  const d = defaults(o);
  for (const runs of backfillSessions(o, days)) yield* sessionFamilySeries(runs, undefined, d.spelling, d.interval, d.labels);
}

/** OpenMetrics lines of one family for one session: each series contiguous, samples in time order. */
function* sessionFamilyLines(runs: BackfillRun[], key: InstrumentKey, spelling: Spelling, interval: number, extra: Record<string, string>): Generator<string> {
  for (const s of sessionFamilySeries(runs, key, spelling, interval, extra)) {
    const prefix = `${s.name}{${labelText(s.labels)}} `;
    for (const [t, v] of s.samples) yield `${prefix}${v} ${t}`;
  }
}

/** The OpenMetrics document (of the given days), line by line (without newlines), ending with `# EOF`. */
export function* openMetricsLines(o: BackfillOptions, days: DayRange = { from: 0, to: o.days }): Generator<string> {
  const d = defaults(o);
  for (const key of INSTRUMENT_KEYS) {
    const family = (d.spelling === 'unit' ? INSTRUMENTS[key].unitBase : INSTRUMENTS[key].plainBase);
    yield `# HELP ${family} ${INSTRUMENTS[key].description}`;
    yield `# TYPE ${family} counter`;
    for (const runs of backfillSessions(o, days)) yield* sessionFamilyLines(runs, key, d.spelling, d.interval, d.labels);
  }
  yield '# EOF';
}

export interface BackfillFileInfo {
  file: string;
  lines: number;
  bytes: number;
  minTimeMs: number;
  maxTimeMs: number;
}

/** Streams the OpenMetrics document (of the given days) to `file` with bounded memory. */
export async function writeOpenMetrics(file: string, o: BackfillOptions, days: DayRange = { from: 0, to: o.days }): Promise<BackfillFileInfo> {
  const out = createWriteStream(file);
  let lines = 0;
  let bytes = 0;
  let buf = '';
  for (const line of openMetricsLines(o, days)) {
    buf += `${line}\n`;
    lines++;
    if (buf.length > 1 << 16) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  const first = backfillSession(o, Math.max(0, days.from), 0)[0]!;
  const lastRuns = backfillSession(o, Math.min(o.days, days.to) - 1, o.sessionsPerDay - 1);
  const last = lastRuns[lastRuns.length - 1]!;
  return { file, lines, bytes, minTimeMs: first.startSec * 1000, maxTimeMs: last.endSec * 1000 };
}

/**
 * Writes the history as one OpenMetrics file per `daysPerFile` days (default 1) into `dir`.
 * Prefer this for long histories: promtool re-reads its whole input once per 2 h block, so one
 * 90-day file costs ~90x more than 90 one-day files (measured: 10 days in one file, 37 s).
 * Feed every file to promtool with the same output directory.
 */
export async function writeOpenMetricsFiles(dir: string, o: BackfillOptions, daysPerFile = 1): Promise<BackfillFileInfo[]> {
  const infos: BackfillFileInfo[] = [];
  for (let from = 0; from < o.days; from += daysPerFile) {
    const name = `history-${String(from).padStart(4, '0')}.om`;
    infos.push(await writeOpenMetrics(join(dir, name), o, { from, to: Math.min(o.days, from + daysPerFile) }));
  }
  return infos;
}
