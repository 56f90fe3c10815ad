/** The threshold ledger: once per period per threshold, shared by the budget and plan-limit watches. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossThresholds, updateLedger, type LedgerStore, type Measure, type ThresholdLedger } from '../../electron/core/budget/threshold-ledger.js';

const PLAN = [0.8, 0.95] as const;
const usage = (value: number | null, period = 'resets-17:00'): Measure<'fiveHour'>[] => [{ key: 'fiveHour', period, value, limit: 100 }];

test('each threshold once per period; a jump past several announces the highest and records the lower', () => {
  let ledger: ThresholdLedger<'fiveHour'> = {};
  const run = (value: number | null, period?: string) => {
    const r = crossThresholds(PLAN, usage(value, period), ledger);
    ledger = r.ledger;
    return r.crossings.map((c) => `${c.key}:${c.threshold}:${c.value}/${c.limit}@${c.period}`);
  };
  assert.deepEqual(run(79.9), []);
  assert.deepEqual(run(97), ['fiveHour:0.95:97/100@resets-17:00']);
  assert.deepEqual(run(81), [], '0.8 does not follow after 0.95');
  assert.deepEqual(ledger.fiveHour, { period: 'resets-17:00', notified: [0.8, 0.95] });
  assert.deepEqual(run(null, 'resets-22:00'), [], 'a new period with no figure announces nothing');
  assert.deepEqual(ledger.fiveHour, { period: 'resets-22:00', notified: [] }, 'but starts afresh');
  assert.deepEqual(run(80, 'resets-22:00'), ['fiveHour:0.8:80/100@resets-22:00']);
});

test('no limit, a zero limit or a figure that is not a number: nothing', () => {
  assert.deepEqual(crossThresholds(PLAN, [{ key: 'k', period: 'p', value: 99, limit: null }], {}).crossings, []);
  assert.deepEqual(crossThresholds(PLAN, [{ key: 'k', period: 'p', value: 99, limit: 0 }], {}).crossings, []);
  assert.deepEqual(crossThresholds(PLAN, [{ key: 'k', period: 'p', value: Number.NaN, limit: 100 }], {}).crossings, []);
});

test('a hand-edited ledger entry that is not one counts as none', () => {
  const broken = { fiveHour: { period: 'resets-17:00', notified: 'yes' } } as unknown as ThresholdLedger<'fiveHour'>;
  assert.deepEqual(crossThresholds(PLAN, usage(85), broken).crossings.map((c) => c.threshold), [0.8]);
});

test('the input ledger is not changed; other keys are kept', () => {
  const ledger: ThresholdLedger = { sevenDay: { period: 'w', notified: [0.8] } };
  const r = crossThresholds<string>(PLAN, usage(90), ledger);
  assert.deepEqual(ledger, { sevenDay: { period: 'w', notified: [0.8] } });
  assert.deepEqual(r.ledger.sevenDay, { period: 'w', notified: [0.8] });
});

test('updateLedger stores what the evaluation returns, only when it changed', () => {
  let stored: ThresholdLedger<'fiveHour'> = {};
  let writes = 0;
  const store: LedgerStore<ThresholdLedger<'fiveHour'>> = { read: () => stored, write: (l) => ((stored = l), writes++) };
  const first = updateLedger(store, (ledger) => crossThresholds(PLAN, usage(96), ledger));
  assert.deepEqual(first.crossings.map((c) => c.threshold), [0.95]);
  assert.equal(writes, 1);
  assert.deepEqual(stored.fiveHour?.notified, [0.8, 0.95]);
  assert.deepEqual(updateLedger(store, (ledger) => crossThresholds(PLAN, usage(99), ledger)).crossings, []);
  assert.equal(writes, 1, 'nothing new: nothing written');
});
