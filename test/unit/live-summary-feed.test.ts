import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Summary } from '../../electron/core/api/types.js';
import { SummaryFeed } from '../../electron/core/live/summary-feed.js';

const fake = (n: number): Summary => ({ asOf: new Date(n).toISOString() }) as Summary;

describe('the summary feed (tray and web mode)', () => {
  it('answers from the cache while fresh, shares one query between concurrent callers', async () => {
    let now = 0;
    let calls = 0;
    let release!: () => void;
    const published: Summary[] = [];
    const feed = new SummaryFeed(
      () => {
        calls++;
        return new Promise<Summary>((res) => (release = () => res(fake(calls))));
      },
      (s) => published.push(s),
      () => now,
    );
    const cache = { get: () => feed.get(1000), refresh: () => feed.refresh() };
    const a = cache.get();
    const b = cache.get();
    release();
    assert.equal(await a, await b);
    assert.equal(calls, 1);
    now = 999;
    assert.equal((await cache.get()).asOf, fake(1).asOf);
    assert.equal(calls, 1);
    now = 1000;
    const c = cache.get();
    release();
    assert.equal((await c).asOf, fake(2).asOf);
    assert.equal(calls, 2);
    assert.deepEqual(published.map((s) => s.asOf), [fake(1).asOf, fake(2).asOf], 'each new summary published once');
  });

  it('never caches a failure, and a failure does not outlive the fresh window', async () => {
    let now = 0;
    let fail = false;
    const outcomes: boolean[] = [];
    const feed = new SummaryFeed(() => (fail ? Promise.reject(new Error('Prometheus down')) : Promise.resolve(fake(now))), () => undefined, () => now);
    feed.onOutcome((o) => outcomes.push(o.ok));
    const cache = { get: () => feed.get(1000), refresh: () => feed.refresh() };
    await cache.get();
    fail = true;
    await assert.rejects(cache.refresh(), /Prometheus down/);
    now = 500;
    assert.equal((await cache.get()).asOf, fake(0).asOf, 'the last good value while fresh');
    now = 1500;
    await assert.rejects(cache.get(), /Prometheus down/);
    fail = false;
    assert.equal((await cache.get()).asOf, fake(1500).asOf);
    assert.deepEqual(outcomes, [true, false, false, true], 'listeners hear every outcome');
  });

  it('runs as a loop: refreshes at once, then at the interval; no loop means no caching', async () => {
    let calls = 0;
    const feed = new SummaryFeed(async () => fake(++calls), () => undefined);
    await feed.get();
    await feed.get();
    assert.equal(calls, 2, 'without a loop every call computes');
    feed.run(() => 60_000);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls, 3, 'the loop refreshed at once');
    await feed.get();
    assert.equal(calls, 3, 'a call within the interval gets the loop\'s summary');
    feed.stop();
    await feed.get();
    assert.equal(calls, 4);
  });
});
