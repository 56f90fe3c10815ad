import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backfillTotals } from '../../scripts/simulator/backfill.js';
import { splitSessions, teamSeries, teamSessionTruths, teamTotals, teamUnits } from '../../scripts/bench/team-data.js';
import { errorPercent, teamMismatches, worstGroupError, type TeamFigures } from '../../scripts/bench/team-check.js';
import { importLine } from '../../scripts/bench/vm-import.js';
import { parseProcStatus } from '../../scripts/bench/proc-memory.js';
import type { KnownTotals } from '../../scripts/simulator/totals.js';

const day = 86_400_000;
const options = { people: 4, days: 2, sessionsPerDay: 30, endMs: Date.UTC(2026, 5, 1, 18), sampleIntervalSec: 60 };

test('a person\'s sessions split across machines, the first used most, adding up', () => {
  assert.deepEqual(splitSessions(30, 1), [30]);
  assert.deepEqual(splitSessions(30, 2), [20, 10]);
  assert.deepEqual(splitSessions(30, 3), [15, 10, 5]);
  assert.deepEqual(splitSessions(2, 3), [2], 'a machine with no session a day is left out');
});

test('the team: 1-3 machines a person, every third person without an email, distinct seeds and machines', () => {
  const units = teamUnits(options);
  assert.deepEqual(units.map((u) => u.machine), ['laptop-01', 'laptop-02', 'desktop-02', 'laptop-03', 'desktop-03', 'devbox-03', 'laptop-04']);
  assert.equal(new Set(units.map((u) => u.backfill.seed)).size, units.length);
  assert.equal(units[0]!.user, 'person01@example.com');
  const third = units.find((u) => u.machine === 'laptop-03')!;
  assert.equal(third.backfill.labels?.user_email, undefined);
  assert.match(third.user, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(third.backfill.labels?.user_account_uuid, third.user);
  for (const u of units) assert.equal(u.backfill.labels?.host_name, u.machine);
  const perPerson = new Map<string, number>();
  for (const u of units) perPerson.set(u.user, (perPerson.get(u.user) ?? 0) + u.backfill.sessionsPerDay);
  assert.deepEqual([...perPerson.values()], [30, 30, 30, 30]);
});

test('the team\'s known totals are its machines\' backfill totals, in total, per person and per machine', () => {
  const units = teamUnits(options);
  const window = { sinceMs: options.endMs - day, untilMs: options.endMs };
  const totals = teamTotals(units, window);
  const each = units.map((u) => backfillTotals(u.backfill, window));
  const sum = (list: KnownTotals[]): number => list.reduce((a, t) => a + t.costUsd, 0);
  assert.ok(Math.abs(totals.total.costUsd - sum(each)) < 1e-9);
  assert.equal(totals.total.sessions, each.reduce((a, t) => a + t.sessions, 0));
  assert.equal(totals.total.tokens.input, each.reduce((a, t) => a + t.tokens.input, 0));
  assert.ok(Math.abs(totals.byMachine.get('desktop-03')!.costUsd - each[4]!.costUsd) < 1e-9);
  const person3 = units.flatMap((u, i) => (u.user === units[3]!.user ? [each[i]!] : []));
  assert.ok(Math.abs(totals.byUser.get(units[3]!.user)!.costUsd - sum(person3)) < 1e-9);
  assert.equal(totals.byUser.size, 4);
  // The sessions' own truths add up to the same cost.
  const truths = teamSessionTruths(units, window);
  assert.ok(Math.abs([...truths.values()].reduce((a, t) => a + t.costUsd, 0) - totals.total.costUsd) < 1e-9);
  assert.ok([...truths.values()].some((t) => t.resumeGapSec !== undefined), 'some sessions resumed');
});

test('the series carry the identity and machine labels, with every sample in the history', () => {
  const units = teamUnits({ ...options, people: 1, days: 1 });
  let samples = 0;
  for (const s of teamSeries(units)) {
    assert.equal(s.labels.host_name, 'laptop-01');
    assert.equal(s.labels.user_email, 'person01@example.com');
    samples += s.samples.length;
  }
  assert.ok(samples > 0);
});

test('a summary is right when cost (to $0.0001), tokens and sessions match in total, per person and per machine', () => {
  const units = teamUnits({ ...options, people: 2 });
  const truth = teamTotals(units, { sinceMs: options.endMs - day, untilMs: options.endMs });
  const group = (t: KnownTotals) => ({ costUsd: t.costUsd + 0.00004, tokens: { ...t.tokens }, sessions: t.sessions });
  const { linesOfCode, commits, pullRequests, activeTimeSeconds } = truth.total;
  const right: TeamFigures = {
    ...group(truth.total),
    linesOfCode,
    commits,
    pullRequests,
    activeTimeSeconds,
    byUser: [...truth.byUser].map(([user, t]) => ({ user, ...group(t) })),
    byMachine: [...truth.byMachine].map(([machine, t]) => ({ machine, ...group(t) })),
  };
  assert.deepEqual(teamMismatches(right, truth), []);
  const wrong: TeamFigures = { ...right, tokens: { ...right.tokens, input: right.tokens.input - 1 }, commits: commits + 1, byMachine: right.byMachine.slice(1) };
  assert.deepEqual(teamMismatches(wrong, truth), [`total: input tokens ${right.tokens.input - 1} vs ${right.tokens.input}`, `total: commits ${commits + 1} vs ${commits}`, `machine ${right.byMachine[0]!.machine}: missing`]);
});

test('errors of naive answers, in percent', () => {
  assert.equal(errorPercent(99, 100), -1);
  assert.equal(errorPercent(0, 0), 0);
  assert.equal(worstGroupError(new Map([['a', 95], ['b', 101]]), new Map([['a', 100], ['b', 100], ['c', 0]])), -5);
});

test('an import line is one series in VictoriaMetrics\' JSON line format, timestamps in ms', () => {
  assert.deepEqual(JSON.parse(importLine({ name: 'm_total', labels: { a: '1' }, samples: [[10, 1], [70, 2.5]] })), { metric: { __name__: 'm_total', a: '1' }, values: [1, 2.5], timestamps: [10_000, 70_000] });
});

test('memory from /proc/<pid>/status', () => {
  assert.deepEqual(parseProcStatus('Name:\tvictoria-metrics\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n'), { rssMiB: 100, peakMiB: 200 });
  assert.deepEqual(parseProcStatus(''), { rssMiB: 0, peakMiB: 0 });
});
