import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Summary } from '../../electron/core/api/types.js';
import { SummaryCache } from '../../electron/web/summary-cache.js';

const fake = (n: number): Summary => ({ asOf: new Date(n).toISOString() }) as Summary;

describe('web: the warm summary', () => {
  it('answers from the cache while fresh, shares one query between concurrent callers', async () => {
    let now = 0;
    let calls = 0;
    let release!: () => void;
    const cache = new SummaryCache(
      () => {
        calls++;
        return new Promise<Summary>((res) => (release = () => res(fake(calls))));
      },
      1000,
      () => now,
    );
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
  });

  it('never caches a failure, and a failure does not outlive the fresh window', async () => {
    let now = 0;
    let fail = false;
    const cache = new SummaryCache(() => (fail ? Promise.reject(new Error('Prometheus down')) : Promise.resolve(fake(now))), 1000, () => now);
    await cache.get();
    fail = true;
    await assert.rejects(cache.refresh(), /Prometheus down/);
    now = 500;
    assert.equal((await cache.get()).asOf, fake(0).asOf, 'the last good value while fresh');
    now = 1500;
    await assert.rejects(cache.get(), /Prometheus down/);
    fail = false;
    assert.equal((await cache.get()).asOf, fake(1500).asOf);
  });
});
