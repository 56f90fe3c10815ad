import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

type PeriodStarts = { today: string; last7Days: string; last30Days: string };

// Local midnight depends on the process time zone, so each case runs in a child with its own TZ.
function startsIn(tz: string, nowIso: string): PeriodStarts {
  const code = `import('./electron/core/summary/time-windows.ts').then(m => { const p = m.periodStarts(new Date(${JSON.stringify(nowIso)})); console.log(JSON.stringify({ today: p.today.toISOString(), last7Days: p.last7Days.toISOString(), last30Days: p.last30Days.toISOString() })); })`;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as PeriodStarts;
}

test('today starts at local midnight in the user time zone', () => {
  assert.equal(startsIn('America/Los_Angeles', '2026-11-28T07:30:00Z').today, '2026-11-27T08:00:00.000Z');
  assert.equal(startsIn('Asia/Tokyo', '2026-11-28T07:30:00Z').today, '2026-11-27T15:00:00.000Z');
  assert.equal(startsIn('UTC', '2026-11-28T07:30:00Z').today, '2026-11-28T00:00:00.000Z');
});

test('7 and 30 days are calendar days including today, across a DST change', () => {
  // Europe/Berlin leaves summer time on 2026-10-25.
  const p = startsIn('Europe/Berlin', '2026-10-27T12:00:00Z');
  assert.equal(p.today, '2026-10-26T23:00:00.000Z');
  assert.equal(p.last7Days, '2026-10-20T22:00:00.000Z');
  assert.equal(p.last30Days, '2026-09-27T22:00:00.000Z');
});
