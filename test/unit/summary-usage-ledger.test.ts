import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RangeSeries } from '../../electron/core/prometheus/client.js';
import { UsageLedger, type LedgerAnswer, type LedgerSnapshot, type SeriesUsage } from '../../electron/core/summary/usage-ledger.js';

const cost = (session: string, extra: Record<string, string> = {}): Record<string, string> => ({
  __name__: 'claude_code_cost_usage_total',
  job: 'claude-code',
  instance: '127.0.0.1:9464',
  model: 'opus',
  session_id: session,
  ...extra,
});
const series = (metric: Record<string, string>, values: Array<[number, number]>): RangeSeries => ({ metric, values });
/** Samples every 5 s from `from` to `to` (inclusive) with values from `value(t)`. */
const every5s = (from: number, to: number, value: (t: number) => number): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  for (let t = from; t <= to; t += 5) out.push([t, value(t)]);
  return out;
};
const usage = (answer: LedgerAnswer): SeriesUsage[] => {
  assert.ok(answer.ok, answer.ok ? '' : answer.reason);
  return answer.usage;
};
const total = (answer: LedgerAnswer): number => usage(answer).reduce((a, u) => a + u.total, 0);

/** A ledger seeded at t=1000 with session A alive (value 10 at 1000, sampled every 5 s). */
function seeded(flagged: string[] = []): UsageLedger {
  return new UsageLedger(
    {
      at: 1000,
      lastValues: [{ metric: cost('A'), value: 10, timestamp: 1000 }],
      recent: [series(cost('A'), every5s(900, 1000, () => 10))],
      flaggedSessions: flagged,
      sessions: ['A'],
    },
    120,
  );
}

test('a series seen before continues from its last value; a new one counts its first value', () => {
  const ledger = seeded();
  const answer = ledger.advance([series(cost('A'), every5s(885, 1100, (t) => (t <= 1000 ? 10 : 10 + (t - 1000) / 100))), series(cost('B'), every5s(1050, 1100, () => 2))], 1100);
  assert.ok(Math.abs(total(answer) - (1 + 2)) < 1e-9);
  assert.equal(answer.ok && answer.sessions.size, 2);
});

test('samples past the horizon count now and are read again next time, never twice', () => {
  const ledger = seeded();
  const values = (t: number): number => (t <= 1000 ? 10 : 10 + (t - 1000) / 100);
  assert.ok(Math.abs(total(ledger.advance([series(cost('A'), every5s(885, 1100, values))], 1050)) - 1) < 1e-9);
  assert.equal(ledger.settledAt, 1050);
  // The next refresh reads from 1050 - 120 again; the samples after 1050 are counted once.
  assert.ok(Math.abs(total(ledger.advance([series(cost('A'), every5s(935, 1200, values))], 1150)) - 2) < 1e-9);
});

test('a value that falls is a new process counting from zero (a resumed session)', () => {
  const ledger = seeded();
  const values = (t: number): number => (t <= 1040 ? 10 + (t - 1000) / 10 : (t - 1040) / 10);
  // Process 1 adds 4 (10 -> 14), process 2 starts at 0.5 and reaches 6.
  assert.ok(Math.abs(total(ledger.advance([series(cost('A'), every5s(885, 1100, values))], 1100)) - (4 + 6)) < 1e-9);
});

test('in a resumed session a long pause is a new process even when its first value is higher', () => {
  const resumed = seeded(['A']);
  const plain = seeded();
  const batch = [series(cost('A'), [...every5s(885, 1000, () => 10), ...every5s(1200, 1210, (t) => 12 + (t - 1200) / 10)])];
  assert.ok(Math.abs(total(resumed.advance(batch, 1210)) - 13) < 1e-9, 'the new process counts from zero: 13');
  assert.ok(Math.abs(total(plain.advance(batch, 1210)) - 3) < 1e-9, 'a session never resumed just paused: 10 -> 13');
});

test('Claude Code reporting the session resumed flags it for every series, whatever the order', () => {
  const ledger = seeded();
  const batch = [
    series(cost('A'), [...every5s(885, 1000, () => 10), ...every5s(1200, 1210, () => 12)]),
    series({ __name__: 'claude_code_session_count_total', session_id: 'A', start_type: 'resume' }, [[1200, 1]]),
  ];
  assert.ok(Math.abs(total(ledger.advance(batch, 1210)) - (12 + 1)) < 1e-9);
});

test('the same usage collected twice (scraped and pushed) counts once', () => {
  const ledger = seeded();
  const values = (t: number): number => (t <= 1000 ? 10 : 11);
  const pushed = cost('A', { job: 'otlp', instance: 'laptop' });
  const answer = ledger.advance([series(cost('A'), every5s(885, 1100, values)), series(pushed, every5s(1005, 1100, values))], 1100);
  // The pushed copy is new to the ledger (11 in full) and the scraped one added 1: the larger is kept.
  assert.equal(usage(answer).length, 1);
  assert.equal(total(answer), 11);
});

test('committed samples that changed or vanished call for a full summary', () => {
  const changed = seeded();
  const answer = changed.advance([series(cost('A'), every5s(885, 1100, (t) => (t <= 1000 ? 9 : 11)))], 1100);
  assert.equal(answer.ok, false);
  assert.match(!answer.ok ? answer.reason : '', /changed since they were counted/);
  assert.equal(changed.settledAt, 1000, 'a refused batch changes nothing');

  const purged = seeded();
  const gone = purged.advance([], 1100);
  assert.equal(gone.ok, false);
  assert.match(!gone.ok ? gone.reason : '', /are gone/);

  const late = seeded();
  const lateAnswer = late.advance([series(cost('A'), every5s(885, 1000, () => 10)), series(cost('C'), [[990, 1]])], 1100);
  assert.equal(lateAnswer.ok, false, 'a series first seen at a time already counted (a late sample) is a change too');
});

test('a quiet series stays known: when it wakes up it continues', () => {
  const quiet = new UsageLedger(
    { at: 1000, lastValues: [{ metric: cost('A'), value: 10, timestamp: 1000 }], recent: [], flaggedSessions: [], sessions: ['A'] },
    120,
  );
  // Last sampled long before the overlap: no sample is expected, and its next value continues from 10.
  assert.ok(Math.abs(total(quiet.advance([series(cost('A'), [[1500, 12]])], 1500)) - 2) < 1e-9);
});

test('a series first seen past the horizon counts in the answer before it is committed', () => {
  const ledger = seeded();
  const answer = ledger.advance([series(cost('A'), every5s(885, 1000, () => 10)), series(cost('B'), [[1080, 3]])], 1050);
  assert.equal(total(answer), 3);
  assert.equal(answer.ok && answer.sessions.size, 2);
  assert.equal(total(ledger.advance([series(cost('A'), every5s(935, 1000, () => 10)), series(cost('B'), [[1080, 3], [1100, 4]])], 1100)), 4);
});

test('a ledger restored from its snapshot (another process) counts on exactly as the original would', () => {
  const original = seeded(['A']);
  const values = (t: number): number => (t <= 1000 ? 10 : 10 + (t - 1000) / 100);
  original.advance([series(cost('A'), every5s(885, 1100, values))], 1050);
  const restored = UsageLedger.restore(JSON.parse(JSON.stringify(original.snapshot())) as LedgerSnapshot);
  const next = [series(cost('A'), [...every5s(935, 1100, values), ...every5s(1300, 1310, (t) => 1 + (t - 1300) / 10)])];
  assert.deepEqual(restored.advance(next, 1310), original.advance(next, 1310));
  assert.equal(restored.settledAt, original.settledAt);
});
