import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanLimitsView, PlanWindowView } from '../../electron/core/api/types.js';
import { planLimitAlerts, PlanLimitWatch, type PlanLimitLedger } from '../../electron/core/plan/plan-limit-watch.js';

const now = new Date('2026-12-01T12:00:00Z');
const window = (usedPercent: number, resetsAt = '2026-12-01T14:00:00.000Z'): PlanWindowView => ({ usedPercent, resetsAt, observedAt: '2026-12-01T11:59:00.000Z', projectedPercentAtReset: usedPercent + 10, limitAt: null });
const limits = (fiveHour: PlanWindowView | null, sevenDay: PlanWindowView | null = null): PlanLimitsView => ({ fiveHour, sevenDay });

test('each threshold is announced once per window; a jump past both announces the higher only', () => {
  let ledger: PlanLimitLedger = {};
  const step = (l: PlanLimitsView) => {
    const r = planLimitAlerts(l, [80, 95], ledger, now);
    ledger = r.ledger;
    return r.announcements.map((a) => a.title);
  };
  assert.deepEqual(step(limits(window(50))), []);
  assert.deepEqual(step(limits(window(81))), ['Claude Code: 81% of your 5-hour limit']);
  assert.deepEqual(step(limits(window(85))), [], 'not again in the same window');
  assert.deepEqual(step(limits(null, window(97, '2026-12-05T00:00:00.000Z'))), ['Claude Code: 97% of your weekly limit'], 'the weekly window jumps past both: one announcement');
  assert.deepEqual(step(limits(null, window(99, '2026-12-05T00:00:00.000Z'))), []);
});

test('a window that resets after crossing the first threshold says so, once', () => {
  let ledger: PlanLimitLedger = {};
  const step = (l: PlanLimitsView, at = now) => {
    const r = planLimitAlerts(l, [80, 95], ledger, at);
    ledger = r.ledger;
    return r.announcements.map((a) => `${a.title} | ${a.body}`);
  };
  step(limits(window(90)));
  const later = new Date('2026-12-01T14:05:00Z');
  assert.deepEqual(step(limits(window(0)), later), ["Claude Code: the 5-hour limit has reset | You're back to 0% of your 5-hour limit."]);
  assert.deepEqual(step(limits(window(0)), later), [], 'once');
  assert.deepEqual(step(limits(window(3, '2026-12-01T19:05:00.000Z')), later), [], 'the next window, below the thresholds, says nothing');
  const low: PlanLimitLedger = {};
  assert.deepEqual(planLimitAlerts(limits(window(0, '2026-12-01T19:00:00.000Z')), [80, 95], { ...low, fiveHour: { period: '2026-12-01T14:00:00.000Z', notified: [] } }, now).announcements, [], 'no reset news for a window that never crossed a threshold');
});

test('the watch keeps its ledger in its store, and says nothing for a failed refresh', async () => {
  let stored: PlanLimitLedger = {};
  const watch = new PlanLimitWatch({ percents: () => [80, 95], ledger: { read: () => stored, write: (l) => (stored = l) }, now: () => now });
  const summary = { planLimits: limits(window(96)) } as never;
  assert.equal((await watch.check({ ok: true, summary, at: 0 })).length, 1);
  assert.deepEqual(stored.fiveHour?.notified, [0.8, 0.95]);
  assert.equal((await watch.check({ ok: true, summary, at: 0 })).length, 0, 'the store remembers');
  assert.deepEqual(await watch.check({ ok: false, error: new Error('down'), at: 0 }), []);
});
