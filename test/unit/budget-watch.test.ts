/**
 * The budget watch, without Electron: fake summaries, a fake clock and an in-memory ledger store.
 * The same figures as the tray's live-data contract test ($9.00 today and this month, budgets $10 a
 * day and $9 a month), and the month's cost asked at most every 5 minutes and again when the month turns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Summary } from '../../electron/core/api/types.js';
import type { SummaryOutcome } from '../../electron/core/live/summary-feed.js';
import { BudgetWatch, type Budgets } from '../../electron/core/budget/budget-watch.js';
import type { BudgetLedger } from '../../electron/core/budget/thresholds.js';

const good = (costUsd: number): SummaryOutcome => ({ ok: true, summary: { costUsd } as Summary, at: 0 });
const failed: SummaryOutcome = { ok: false, error: new Error('Prometheus unreachable'), at: 0 };

function rig(options: { budgets?: Budgets; monthUsd?: number | (() => number); now?: string } = {}) {
  const clock = { now: new Date(options.now ?? '2026-11-28T15:00:00') };
  const queries: Date[] = [];
  const stored = { ledger: {} as BudgetLedger, writes: 0 };
  const budgets = options.budgets ?? { dailyBudgetUsd: 10, monthlyBudgetUsd: 9 };
  const monthUsd = options.monthUsd ?? 9;
  const make = () =>
    new BudgetWatch({
      budgets: () => budgets,
      costSince: async (since) => {
        queries.push(since);
        return typeof monthUsd === 'function' ? monthUsd() : monthUsd;
      },
      ledger: { read: () => stored.ledger, write: (l) => ((stored.ledger = structuredClone(l)), stored.writes++) },
      now: () => clock.now,
    });
  return { watch: make(), restart: make, clock, queries, stored, budgets };
}

test('80% of the daily budget and 100% of the monthly one, once per period, ledger persisted', async () => {
  const { watch, stored } = rig();
  assert.deepEqual(await watch.check(good(9)), [
    { title: 'Claude Code: 80% of daily budget', body: '$9.00 of $10.00 today.' },
    { title: 'Claude Code: monthly budget reached', body: '$9.00 of $9.00 this month.' },
  ]);
  assert.deepEqual(await watch.check(good(9)), [], 'not repeated on later refreshes');
  assert.deepEqual(await watch.check(good(9.5)), []);
  assert.deepEqual(stored.ledger.daily, { period: '2026-11-28', notified: [0.8] });
  assert.deepEqual(stored.ledger.monthly, { period: '2026-11', notified: [0.8, 1] });
});

test('a restart (a new watch over the same store) does not repeat; the next day announces again', async () => {
  const { watch, restart, clock } = rig();
  await watch.check(good(9));
  assert.deepEqual(await restart().check(good(9)), []);
  clock.now = new Date('2026-11-29T09:00:00');
  assert.deepEqual((await restart().check(good(10))).map((a) => a.title), ['Claude Code: daily budget reached']);
});

test('the month’s cost: asked once per 5 minutes, from local midnight of the 1st', async () => {
  const { watch, clock, queries } = rig();
  await watch.check(good(1));
  assert.deepEqual(queries, [new Date('2026-11-01T00:00:00')]);
  clock.now = new Date('2026-11-28T15:04:59');
  await watch.check(good(1));
  assert.equal(queries.length, 1, 'younger than 5 minutes: the held figure');
  clock.now = new Date('2026-11-28T15:05:00');
  await watch.check(good(1));
  assert.equal(queries.length, 2);
});

test('the month’s cost is asked again as soon as the month turns, and December starts its own ledger', async () => {
  let month = 8;
  const { watch, clock, queries } = rig({ now: '2026-11-30T23:58:00', monthUsd: () => month });
  assert.deepEqual((await watch.check(good(1))).map((a) => a.title), ['Claude Code: 80% of monthly budget']);
  clock.now = new Date('2026-12-01T00:01:00');
  month = 7.5;
  assert.deepEqual((await watch.check(good(1))).map((a) => a.title), ['Claude Code: 80% of monthly budget']);
  assert.deepEqual(queries, [new Date('2026-11-01T00:00:00'), new Date('2026-12-01T00:00:00')]);
});

test('a failed month query announces nothing monthly and is asked again next time', async () => {
  let fail = true;
  const { watch, queries } = rig({
    monthUsd: () => {
      if (fail) throw new Error('timeout');
      return 9;
    },
  });
  assert.deepEqual((await watch.check(good(1))).map((a) => a.title), []);
  fail = false;
  assert.deepEqual((await watch.check(good(1))).map((a) => a.title), ['Claude Code: monthly budget reached']);
  assert.equal(queries.length, 2);
});

test('a failed refresh announces nothing for today (its figure would be stale)', async () => {
  const { watch } = rig({ budgets: { dailyBudgetUsd: 10, monthlyBudgetUsd: null } });
  assert.deepEqual(await watch.check(failed), []);
  assert.deepEqual((await watch.check(good(8))).map((a) => a.title), ['Claude Code: 80% of daily budget']);
});

test('no budgets: no query, no ledger write; a daily budget alone: no month query', async () => {
  const none = rig({ budgets: { dailyBudgetUsd: null, monthlyBudgetUsd: null } });
  assert.deepEqual(await none.watch.check(good(1000)), []);
  assert.equal(none.queries.length, 0);
  assert.equal(none.stored.writes, 0);
  const daily = rig({ budgets: { dailyBudgetUsd: 10, monthlyBudgetUsd: null } });
  assert.deepEqual((await daily.watch.check(good(12))).map((a) => a.title), ['Claude Code: daily budget reached']);
  assert.equal(daily.queries.length, 0);
});

test('budgets are read on every check: one set later applies to the next summary', async () => {
  const { watch, budgets } = rig({ budgets: { dailyBudgetUsd: null, monthlyBudgetUsd: null } });
  assert.deepEqual(await watch.check(good(9)), []);
  budgets.dailyBudgetUsd = 9;
  assert.deepEqual((await watch.check(good(9))).map((a) => a.title), ['Claude Code: daily budget reached']);
});
