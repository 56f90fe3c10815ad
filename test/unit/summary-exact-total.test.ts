import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactWindowTotal, labelKey, restartGapSeconds } from '../../electron/core/summary/exact-total.js';

test('a series alive at the window start counts only what it added after it', () => {
  assert.equal(exactWindowTotal([[90, 5], [95, 5], [100, 5], [105, 7], [110, 9]], 100, true), 4);
});

test('a series that starts inside the window counts its first value in full', () => {
  assert.equal(exactWindowTotal([[105, 3], [110, 4]], 100, false), 4);
});

test('a series that was stale at the window start (its process had ended) counts from zero', () => {
  assert.equal(exactWindowTotal([[95, 5], [105, 1], [110, 2]], 100, false), 2);
});

test('a reset (the session resumed in a new process) counts the value after it in full', () => {
  // 5 at the start, grows to 8, the process restarts: 1, then 2.
  assert.equal(exactWindowTotal([[100, 5], [105, 8], [110, 1], [115, 2]], 100, true), 3 + 2);
});

test('several resets each restart from zero', () => {
  assert.equal(exactWindowTotal([[101, 2], [102, 1], [103, 4], [104, 0.5]], 100, false), 2 + 4 + 0.5);
});

test('a restart hidden by a higher value shows as a long pause between samples', () => {
  // Sampled every 5 s; the process ends at 120 with 3, a resumed one is first seen at 300 with 7.
  const samples: Array<[number, number]> = [[105, 1], [110, 2], [115, 3], [120, 3], [300, 7], [305, 8]];
  assert.equal(restartGapSeconds(samples), 20);
  assert.equal(exactWindowTotal(samples, 100, false), 3 + 8);
});

test('samples at or before the window start are not counted', () => {
  assert.equal(exactWindowTotal([[50, 10], [100, 12]], 100, true), 0);
});

test('labelKey ignores the given labels and label order', () => {
  assert.equal(labelKey({ b: '2', a: '1', __name__: 'x' }, ['__name__']), labelKey({ a: '1', b: '2' }));
});
