/** The plan-limit gauges' words and colours, and the times they quote (local time, whatever the TZ). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanWindowView } from '../../electron/core/api/types.js';
import { budgetTone } from '../../renderer/src/lib/budget.js';
import { gaugeView, limitTone, noPlanLimits } from '../../renderer/src/lib/planLimits.js';
import { formatHm, formatTimeLeft, localMidnightIso, whenPhrase } from '../../renderer/src/lib/when.js';

const at = (h: number, m = 0, dayOffset = 0): number => new Date(2026, 11, 2 + dayOffset, h, m).getTime();
const now = at(22, 0);
const window = (over: Partial<PlanWindowView> = {}): PlanWindowView => ({
  usedPercent: 37,
  resetsAt: new Date(now + (2 * 60 + 10) * 60_000).toISOString(),
  observedAt: new Date(now - 60_000).toISOString(),
  projectedPercentAtReset: 64,
  limitAt: null,
  ...over,
});

describe('renderer: plan-limit colours', () => {
  it('ok below 80, warn from 80, bad from 95', () => {
    assert.deepEqual([0, 79.9, 80, 94.9, 95, 100, 145].map(limitTone), ['ok', 'ok', 'warn', 'warn', 'bad', 'bad', 'bad']);
  });
  it('a budget: ok below 80% of it, warn from 80%, bad from 100%; none without one', () => {
    assert.deepEqual([3.99, 4, 5, 9].map((usd) => budgetTone(usd, 5)), ['ok', 'warn', 'bad', 'bad']);
    assert.equal(budgetTone(100, null), null);
  });
});

describe('renderer: the reset countdown', () => {
  it('whole minutes left, never rounded up; days and hours for the weekly window', () => {
    assert.equal(formatTimeLeft(now + (2 * 60 + 10) * 60_000 + 59_000, now), '2 h 10 min');
    assert.equal(formatTimeLeft(now + 2 * 3600_000, now), '2 h');
    assert.equal(formatTimeLeft(now + 45 * 60_000 + 1, now), '45 min');
    assert.equal(formatTimeLeft(now + 59_000, now), 'under a minute');
    assert.equal(formatTimeLeft(now + (3 * 24 + 5) * 3600_000 + 30 * 60_000, now), '3 d 5 h');
    assert.equal(formatTimeLeft(now + 4 * 86_400_000, now), '4 d');
  });
  it('moves as the clock does (the gauge re-renders on the app tick)', () => {
    const w = window();
    assert.equal(gaugeView(w, now).countdown, 'resets in 2 h 10 min');
    assert.equal(gaugeView(w, now + 61_000).countdown, 'resets in 2 h 8 min');
  });
  it('times: the same day as HH:MM, within a week with the weekday, further with the date', () => {
    assert.equal(formatHm(at(0, 51)), '00:51');
    assert.equal(whenPhrase(at(23, 5), now), 'at 23:05');
    assert.equal(whenPhrase(at(9, 30, 2), now), 'on Fri at 09:30');
    assert.equal(whenPhrase(at(9, 30, 10), now), 'on Dec 12 at 09:30');
  });
  it("the longer windows start at local midnight 6 and 29 days back (the summary's periods)", () => {
    assert.equal(localMidnightIso(now, 6), new Date(2026, 10, 26).toISOString());
    assert.equal(localMidnightIso(now, 29), new Date(2026, 10, 3).toISOString());
    assert.equal(localMidnightIso(at(0, 0), 0), new Date(2026, 11, 2).toISOString());
  });
});

describe('renderer: the pace line', () => {
  it('heading below the limit: the projection only', () => {
    const g = gaugeView(window(), now);
    assert.equal(g.pace, 'at this pace: 64% at reset');
    assert.deepEqual([g.usedPercent, g.tone, g.paceTone, g.projectedPercent, g.overflow], [37, 'ok', 'ok', 64, false]);
  });
  it('heading past it: the projection and when the limit is reached', () => {
    const g = gaugeView(window({ usedPercent: 81.4, projectedPercentAtReset: 145.2, limitAt: new Date(at(23, 51)).toISOString() }), now);
    assert.equal(g.pace, 'at this pace: 145% at reset — you reach the limit at 23:51');
    assert.deepEqual([g.usedPercent, g.tone, g.paceTone, g.projectedPercent, g.overflow], [81, 'warn', 'bad', 100, true]);
  });
  it('the limit on a later day names the day; a limit time already past says so', () => {
    const later = gaugeView(window({ resetsAt: new Date(now + 4 * 86_400_000).toISOString(), projectedPercentAtReset: 233, limitAt: new Date(at(20, 0, 1)).toISOString() }), now);
    assert.equal(later.pace, 'at this pace: 233% at reset — you reach the limit on Thu at 20:00');
    assert.equal(gaugeView(window({ projectedPercentAtReset: 120, limitAt: new Date(now - 1000).toISOString() }), now).pace, 'at this pace: 120% at reset — you reach the limit about now');
  });
  it('at 100%: the limit is reached', () => {
    assert.equal(gaugeView(window({ usedPercent: 100, projectedPercentAtReset: 100 }), now).pace, 'limit reached');
  });
  it('a projection never reads below what is used already', () => {
    assert.equal(gaugeView(window({ usedPercent: 50, projectedPercentAtReset: 12 }), now).pace, 'at this pace: 50% at reset');
  });
  it('a window whose reset passed: 0%, when it reset, no pace (by the page clock too)', () => {
    const w = window({ usedPercent: 88, resetsAt: new Date(at(21, 40)).toISOString() });
    const g = gaugeView(w, now);
    assert.deepEqual([g.usedPercent, g.reset, g.countdown, g.pace, g.tone], [0, true, 'reset at 21:40 — not used since', null, 'ok']);
    assert.equal(gaugeView(window({ usedPercent: 88 }), now + 3 * 3600_000).countdown, 'reset at 00:10 — not used since');
  });
  it('no plan limits at all: neither window reported', () => {
    assert.equal(noPlanLimits({ fiveHour: null, sevenDay: null }), true);
    assert.equal(noPlanLimits({ fiveHour: null, sevenDay: window() }), false);
  });
});
