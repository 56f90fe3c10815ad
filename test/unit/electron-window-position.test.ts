/** Popover position from tray bounds and the display's work area, with Linux's missing bounds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasUsableBounds, popoverPosition, type PopoverInput } from '../../electron/main/window-position.js';

const size = { width: 380, height: 560 };
const display = { x: 0, y: 0, width: 1920, height: 1080 };

test('macOS: below the menu-bar icon, centred on it', () => {
  const p = popoverPosition({ trayBounds: { x: 1500, y: 0, width: 22, height: 24 }, windowSize: size, workArea: { x: 0, y: 25, width: 1920, height: 1055 }, displayBounds: display, platform: 'darwin' });
  assert.deepEqual(p, { x: 1321, y: 29, anchor: 'below-tray' });
});

test('macOS: an icon near the right edge keeps the window on screen', () => {
  const p = popoverPosition({ trayBounds: { x: 1890, y: 0, width: 22, height: 24 }, windowSize: size, workArea: { x: 0, y: 25, width: 1920, height: 1055 }, displayBounds: display, platform: 'darwin' });
  assert.equal(p.x, 1920 - 380 - 4);
  assert.equal(p.y, 29);
});

test('Windows: taskbar at the bottom → above the icon', () => {
  const p = popoverPosition({ trayBounds: { x: 1700, y: 1040, width: 24, height: 40 }, windowSize: size, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, displayBounds: display, platform: 'win32' });
  assert.deepEqual(p, { x: 1522, y: 1040 - 560 - 4, anchor: 'above-tray' });
});

test('Windows: taskbar on the left / right → beside the icon', () => {
  const left = popoverPosition({ trayBounds: { x: 10, y: 900, width: 24, height: 24 }, windowSize: size, workArea: { x: 48, y: 0, width: 1872, height: 1080 }, displayBounds: display, platform: 'win32' });
  assert.equal(left.anchor, 'right-of-tray');
  assert.equal(left.x, 52);
  assert.equal(left.y, 1080 - 560 - 4); // clamped into the work area
  const right = popoverPosition({ trayBounds: { x: 1880, y: 300, width: 24, height: 24 }, windowSize: size, workArea: { x: 0, y: 0, width: 1872, height: 1080 }, displayBounds: display, platform: 'win32' });
  assert.equal(right.anchor, 'left-of-tray');
  assert.equal(right.x, 1872 - 380 - 4);
  assert.equal(right.y, 312 - 280);
});

test('a second display with negative coordinates', () => {
  const d2 = { x: -1280, y: 0, width: 1280, height: 1024 };
  const p = popoverPosition({ trayBounds: { x: -100, y: 990, width: 24, height: 34 }, windowSize: size, workArea: { x: -1280, y: 0, width: 1280, height: 990 }, displayBounds: d2, platform: 'win32' });
  assert.equal(p.anchor, 'above-tray');
  assert.ok(p.x + 380 <= 0 && p.x >= -1280);
  assert.equal(p.y, 990 - 560 - 4);
});

test('Linux with no bounds (zeros or undefined) and a cursor: next to the cursor', () => {
  for (const trayBounds of [{ x: 0, y: 0, width: 0, height: 0 }, undefined, null]) {
    const p = popoverPosition({ trayBounds, cursor: { x: 1800, y: 12 }, windowSize: size, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, displayBounds: display, platform: 'linux' });
    assert.equal(p.anchor, 'cursor');
    assert.equal(p.x, 1920 - 380 - 4);
    assert.equal(p.y, 36);
  }
});

test('Linux with no bounds and no usable cursor: top-right under a top panel, bottom-right over a bottom panel', () => {
  const top: PopoverInput = { trayBounds: { x: 0, y: 0, width: 0, height: 0 }, cursor: { x: 0, y: 0 }, windowSize: size, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, displayBounds: display, platform: 'linux' };
  assert.deepEqual(popoverPosition(top), { x: 1536, y: 36, anchor: 'corner' });
  const bottom: PopoverInput = { ...top, cursor: null, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  assert.deepEqual(popoverPosition(bottom), { x: 1536, y: 1040 - 560 - 4, anchor: 'corner' });
});

test('a window larger than the work area is pinned to its top-left', () => {
  const p = popoverPosition({ trayBounds: { x: 700, y: 0, width: 22, height: 22 }, windowSize: { width: 900, height: 900 }, workArea: { x: 0, y: 24, width: 800, height: 576 }, displayBounds: { x: 0, y: 0, width: 800, height: 600 }, platform: 'linux' });
  assert.deepEqual([p.x, p.y], [4, 28]);
});

test('usable bounds', () => {
  assert.equal(hasUsableBounds({ x: 0, y: 0, width: 0, height: 0 }), false);
  assert.equal(hasUsableBounds(undefined), false);
  assert.equal(hasUsableBounds({ x: 5, y: 0, width: 22, height: 22 }), true);
});
