import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactWindowTotal, labelKey } from '../../electron/core/summary/exact-total.js';

test('a series alive at the window start counts only what it added after it', () => {
  assert.equal(exactWindowTotal([[90, 5], [110, 7], [130, 9]], 100, 5), 4);
});

test('a series that starts inside the window counts its first value in full', () => {
  assert.equal(exactWindowTotal([[110, 3], [130, 4]], 100, undefined), 4);
});

test('a reset (the session resumed in a new process) counts the value after it in full', () => {
  // 5 at the start, grows to 8, the process restarts: 1, then 2.
  assert.equal(exactWindowTotal([[110, 8], [120, 1], [130, 2]], 100, 5), 3 + 2);
});

test('several resets each restart from zero', () => {
  assert.equal(exactWindowTotal([[101, 2], [102, 1], [103, 4], [104, 0.5]], 100, undefined), 2 + 4 + 0.5);
});

test('samples at or before the window start are not counted', () => {
  assert.equal(exactWindowTotal([[50, 10], [100, 12]], 100, 12), 0);
});

test('labelKey ignores the given labels and label order', () => {
  assert.equal(labelKey({ b: '2', a: '1', __name__: 'x' }, ['__name__']), labelKey({ a: '1', b: '2' }));
});
