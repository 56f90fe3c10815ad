/**
 * A team's history for `npm run bench:team`: N people, each on 1-3 machines, 30 sessions a day each,
 * as Claude Code pushes it to a shared VictoriaMetrics (OTLP, `-opentelemetry.usePrometheusNaming`: the
 * `unit` spelling, `host_name` from OTEL_RESOURCE_ATTRIBUTES' host.name, the person's identity labels).
 * Every (person, machine) pair is one deterministic backfill of its own, so the series are streamed
 * without holding history in memory and the known totals of any window, per person and per machine,
 * are recomputed exactly. Pure.
 */
import { accumulateBackfill, backfillSeriesBySession, backfillSessions, type BackfillOptions, type BackfillSeries } from '../simulator/backfill.js';
import { userHash } from '../simulator/ids.js';
import { TotalsAccumulator, type KnownTotals } from '../simulator/totals.js';

export interface TeamOptions {
  people: number;
  days: number;
  /** Sessions a day per person, split across the person's machines. */
  sessionsPerDay: number;
  /** The history ends here; each machine's goes on past it by up to one session slot (samples the caller holds back). */
  endMs: number;
  /** Claude Code's export interval (OTEL_METRIC_EXPORT_INTERVAL, 60 s by default). */
  sampleIntervalSec: number;
}

/** One person on one machine: a backfill of its own. */
export interface TeamUnit {
  /** What byUser calls the person: user_email, else user_account_uuid (userOf in projects/breakdown.ts). */
  user: string;
  machine: string;
  backfill: BackfillOptions;
}

const machineNames = ['laptop', 'desktop', 'devbox'];

/** Sessions a day on each of `machines` machines, the first used most: 30 over 3 is 15, 10, 5. */
export function splitSessions(total: number, machines: number): number[] {
  const weights = Array.from({ length: machines }, (_, i) => machines - i);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  shares[0]! += total - shares.reduce((a, b) => a + b, 0);
  return shares.filter((n) => n > 0);
}

/**
 * Person p works on 1 + (p mod 3) machines; every third person is signed in without an email (an API
 * key or an account whose email Claude Code does not send), so only user_account_uuid and user_id name them.
 */
export function teamUnits(o: TeamOptions): TeamUnit[] {
  const units: TeamUnit[] = [];
  for (let p = 0; p < o.people; p++) {
    const account = userHash(`team-account:${p}`).slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
    const identity: Record<string, string> = { user_id: userHash(`team-user:${p}`), user_account_uuid: account };
    if (p % 3 !== 2) identity.user_email = `person${String(p + 1).padStart(2, '0')}@example.com`;
    const user = identity.user_email ?? account;
    splitSessions(o.sessionsPerDay, 1 + (p % 3)).forEach((sessionsPerDay, m) => {
      const machine = `${machineNames[m]}-${String(p + 1).padStart(2, '0')}`;
      // Each machine's day starts at its own moment: aligned to one end, every session slot would close
      // with the same idle tail and no one would be working at the end of the history.
      const slotMs = 86_400_000 / sessionsPerDay;
      const phaseMs = Math.floor((((units.length * 0.618) % 1) * slotMs) / 60_000) * 60_000;
      units.push({
        user,
        machine,
        backfill: {
          days: o.days,
          sessionsPerDay,
          endMs: o.endMs + phaseMs,
          sampleIntervalSec: o.sampleIntervalSec,
          spelling: 'unit',
          seed: 1000 + p * 10 + m,
          labels: { job: 'claude-code', host_name: machine, ...identity },
        },
      });
    });
  }
  return units;
}

/** Every series of the team, unit by unit, session by session. */
export function* teamSeries(units: readonly TeamUnit[]): Generator<BackfillSeries> {
  for (const u of units) yield* backfillSeriesBySession(u.backfill);
}

export interface TeamTotals {
  total: KnownTotals;
  byUser: Map<string, KnownTotals>;
  byMachine: Map<string, KnownTotals>;
}

/** What Claude Code itself reported in [sinceMs, untilMs): in total, per person and per machine. */
export function teamTotals(units: readonly TeamUnit[], window: { sinceMs?: number; untilMs?: number }): TeamTotals {
  const total = new TotalsAccumulator();
  const users = new Map<string, TotalsAccumulator>();
  const machines = new Map<string, TotalsAccumulator>();
  const of = (map: Map<string, TotalsAccumulator>, key: string): TotalsAccumulator => {
    let acc = map.get(key);
    if (!acc) map.set(key, (acc = new TotalsAccumulator()));
    return acc;
  };
  for (const u of units) accumulateBackfill(u.backfill, window, [total, of(users, u.user), of(machines, u.machine)]);
  const results = (map: Map<string, TotalsAccumulator>): Map<string, KnownTotals> => new Map([...map].map(([k, acc]) => [k, acc.result()]));
  return { total: total.result(), byUser: results(users), byMachine: results(machines) };
}

/** A session's known cost in [sinceMs, untilMs), and for a resumed one the pause between its processes' samples. */
export interface SessionTruth {
  costUsd: number;
  /** Every kind of token together. */
  tokens: number;
  /** Seconds from the first process's last sample to the second's first (a cost sample comes then at the latest). */
  resumeGapSec?: number;
}

/** Every session with usage in [sinceMs, untilMs), by id (to say which sessions a wrong total got wrong). */
export function teamSessionTruths(units: readonly TeamUnit[], window: { sinceMs: number; untilMs: number }): Map<string, SessionTruth> {
  const out = new Map<string, SessionTruth>();
  for (const u of units) {
    for (const runs of backfillSessions(u.backfill)) {
      let costUsd = 0;
      let tokens = 0;
      for (const { run, startSec } of runs) {
        for (const step of run.steps) {
          const t = (startSec + step.at) * 1000;
          if (t < window.sinceMs || t >= window.untilMs) continue;
          costUsd += step.costUsd ?? 0;
          tokens += Object.values(step.tokens ?? {}).reduce((x, n) => x + n, 0);
        }
      }
      if (costUsd === 0 && tokens === 0) continue;
      const [a, b] = runs;
      out.set(runs[0]!.run.sessionId, b && a ? { costUsd, tokens, resumeGapSec: b.startSec + (b.run.steps[0]?.at ?? 0) - a.endSec } : { costUsd, tokens });
    }
  }
  return out;
}
