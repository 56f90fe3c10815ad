/** Budget thresholds: 80% and 100% of the daily and monthly budget, once per period. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetAlertMessage, evaluateBudgets, periodKey, startOfMonth, type BudgetInput, type BudgetLedger } from '../../electron/core/budget/thresholds.js';
import { formatUsd } from '../../electron/core/format/numbers.js';

const at = (s: string) => new Date(s);
const input = (over: Partial<BudgetInput>): BudgetInput => ({ now: at('2026-11-28T15:00:00'), todayCostUsd: 0, monthCostUsd: 0, dailyBudgetUsd: 10, monthlyBudgetUsd: 200, ledger: {}, ...over });

test('below 80%: nothing', () => {
  assert.deepEqual(evaluateBudgets(input({ todayCostUsd: 7.99, monthCostUsd: 150 })).alerts, []);
});

test('80% then 100%, each once per day', () => {
  let ledger: BudgetLedger = {};
  const run = (cost: number) => {
    const r = evaluateBudgets(input({ todayCostUsd: cost, ledger }));
    ledger = r.ledger;
    return r.alerts.map((a) => `${a.kind}:${a.threshold}`);
  };
  assert.deepEqual(run(8), ['daily:0.8']);
  assert.deepEqual(run(9), []);
  assert.deepEqual(run(10), ['daily:1']);
  assert.deepEqual(run(15), []);
});

test('jumping straight past 100% announces only 100%, and 80% does not follow later', () => {
  const first = evaluateBudgets(input({ todayCostUsd: 12 }));
  assert.deepEqual(first.alerts.map((a) => a.threshold), [1]);
  assert.deepEqual(evaluateBudgets(input({ todayCostUsd: 12, ledger: first.ledger })).alerts, []);
});

test('a new day starts over for the daily budget; the month keeps its ledger', () => {
  const day1 = evaluateBudgets(input({ todayCostUsd: 9, monthCostUsd: 170 }));
  assert.deepEqual(day1.alerts.map((a) => `${a.kind}:${a.threshold}`), ['daily:0.8', 'monthly:0.8']);
  const day2 = evaluateBudgets(input({ now: at('2026-11-29T09:00:00'), todayCostUsd: 8.5, monthCostUsd: 175, ledger: day1.ledger }));
  assert.deepEqual(day2.alerts.map((a) => `${a.kind}:${a.threshold}`), ['daily:0.8']);
  const nextMonth = evaluateBudgets(input({ now: at('2026-12-01T09:00:00'), todayCostUsd: 1, monthCostUsd: 165, ledger: day2.ledger }));
  assert.deepEqual(nextMonth.alerts.map((a) => `${a.kind}:${a.threshold}`), ['monthly:0.8']);
});

test('no budget, or no cost figure: nothing', () => {
  assert.deepEqual(evaluateBudgets(input({ todayCostUsd: 1000, monthCostUsd: 1000, dailyBudgetUsd: null, monthlyBudgetUsd: null })).alerts, []);
  assert.deepEqual(evaluateBudgets(input({ todayCostUsd: null, monthCostUsd: null })).alerts, []);
});

test('exactly at the threshold counts (floating point included)', () => {
  assert.deepEqual(evaluateBudgets(input({ todayCostUsd: 0.1 + 0.7, dailyBudgetUsd: 1 })).alerts.map((a) => a.threshold), [0.8]);
});

test('periods are local calendar days and months', () => {
  assert.equal(periodKey('daily', at('2026-01-05T23:59:00')), '2026-01-05');
  assert.equal(periodKey('monthly', at('2026-01-05T23:59:00')), '2026-01');
  assert.deepEqual(startOfMonth(at('2026-03-17T12:00:00')), at('2026-03-01T00:00:00'));
});

test('notification words', () => {
  assert.deepEqual(budgetAlertMessage({ kind: 'daily', threshold: 0.8, period: '2026-11-28', costUsd: 8.2, budgetUsd: 10 }, formatUsd), { title: 'Claude Code: 80% of daily budget', body: '$8.20 of $10.00 today.' });
  assert.deepEqual(budgetAlertMessage({ kind: 'monthly', threshold: 1, period: '2026-11', costUsd: 201, budgetUsd: 200 }, formatUsd), { title: 'Claude Code: monthly budget reached', body: '$201.00 of $200.00 this month.' });
});
