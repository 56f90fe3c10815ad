/** Running the watches over summary outcomes: in turn, every announcement handed on, a failing watch reported. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Summary } from '../../electron/core/api/types.js';
import type { SummaryOutcome } from '../../electron/core/live/summary-feed.js';
import { SummaryWatches, type Announcement, type SummaryWatch } from '../../electron/core/budget/summary-watches.js';

const outcome = (costUsd: number): SummaryOutcome => ({ ok: true, summary: { costUsd } as Summary, at: 0 });

test('one outcome at a time, in order; idle() waits for all observed so far', async () => {
  const log: string[] = [];
  const releases: Array<() => void> = [];
  const slow: SummaryWatch = {
    async check(o) {
      const cost = o.ok ? o.summary.costUsd : -1;
      log.push(`start ${cost}`);
      await new Promise<void>((r) => releases.push(r));
      log.push(`end ${cost}`);
      return [{ title: `cost ${cost}`, body: '' }];
    },
  };
  const announced: Announcement[] = [];
  const watches = new SummaryWatches([slow], (a) => announced.push(a), () => assert.fail('nothing fails'));
  watches.observe(outcome(1));
  watches.observe(outcome(2));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['start 1'], 'the second waits for the first');
  releases.shift()!();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['start 1', 'end 1', 'start 2']);
  let idle = false;
  const done = watches.idle().then(() => (idle = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(idle, false);
  releases.shift()!();
  await done;
  assert.deepEqual(announced.map((a) => a.title), ['cost 1', 'cost 2']);
});

test('a failing watch is reported and the others still run', async () => {
  const reported: unknown[] = [];
  const announced: string[] = [];
  const broken: SummaryWatch = { check: () => Promise.reject(new Error('ledger unreadable')) };
  const fine: SummaryWatch = { check: async () => [{ title: 'fine', body: '' }] };
  const watches = new SummaryWatches([broken, fine], (a) => announced.push(a.title), (err) => reported.push(err));
  watches.observe(outcome(1));
  await watches.idle();
  assert.deepEqual(announced, ['fine']);
  assert.equal((reported[0] as Error).message, 'ledger unreadable');
  watches.observe(outcome(2));
  await watches.idle();
  assert.deepEqual(announced, ['fine', 'fine'], 'the queue goes on after a failure');
});
