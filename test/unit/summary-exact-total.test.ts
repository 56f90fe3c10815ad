import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactWindowTotal, labelKey, restartGapSeconds, resumedProcessStarts } from '../../electron/core/summary/exact-total.js';

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

test('a session resumed within a few export intervals restarts where its resumed-session counter begins (issue 13 bench:team)', () => {
  // Exported every 60 s; the first process ends at 250 with $0.30, the resumed one's first export is at
  // 430 with $0.45 (it passed the old value in its first minute): a 180 s gap, under 4× the spacing.
  const cost: Array<[number, number]> = [[70, 0.1], [130, 0.2], [190, 0.25], [250, 0.3], [430, 0.45], [490, 0.5]];
  assert.equal(restartGapSeconds(cost), 240);
  assert.ok(Math.abs(exactWindowTotal(cost, 0, false) - 0.5) < 1e-12, 'the gap alone reads one process: 0.5');
  const resumeCounter: Array<[number, number]> = [[430, 1], [490, 1]];
  const starts = resumedProcessStarts(resumeCounter);
  assert.ok(Math.abs(exactWindowTotal(cost, 0, false, starts) - (0.3 + 0.5)) < 1e-12);
});

test("a resumed process's series first written later (lines after its first edit) restarts too", () => {
  const lines: Array<[number, number]> = [[70, 10], [130, 40], [250, 40], [610, 55]];
  assert.equal(exactWindowTotal(lines, 0, false, resumedProcessStarts([[430, 1], [490, 1], [550, 1], [610, 1]])), 40 + 55);
});

test('a resumed process that began before the samples read is not a start inside them; a few ms between series are not either', () => {
  const starts = resumedProcessStarts([[100, 1], [160, 1], [220, 1]]);
  // The cost series of the same exports, its timestamps a few ms off the counter's.
  assert.equal(exactWindowTotal([[99.998, 2], [160.003, 3], [219.999, 5]], 150, true, starts), 5 - 2);
  assert.equal(exactWindowTotal([[100.004, 2], [160.003, 3], [219.999, 5]], 150, true, starts), 5 - 2);
});

test('a second resume of the same session shows as a pause in its resumed-session counter', () => {
  const counter: Array<[number, number]> = [[100, 1], [160, 1], [220, 1], [700, 1], [760, 1]];
  assert.deepEqual(resumedProcessStarts(counter), [99.5, 699.5]);
  assert.deepEqual(resumedProcessStarts([[700, 1]], [220, 1]), [], 'one gap alone is no pause: nothing to compare it with');
  assert.deepEqual(resumedProcessStarts([[280, 1]], undefined), [279.5], 'first seen: a start');
});
