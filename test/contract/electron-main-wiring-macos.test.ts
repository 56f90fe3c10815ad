/**
 * CONTRACT test of the Electron main wiring as on macOS (process.platform reported as 'darwin'; the
 * built bundle and the recording `electron` double as in electron-main-wiring.test.ts): template tray
 * icons, no Dock icon, the menu on right click so the left click toggles the popover, which is placed
 * under the menu-bar icon, and no window at launch (the tray is the way in).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AppHandle } from '../../electron/main/app.js';
import { loadMain, root, type Double } from '../support/electron/load-main.js';

let double: Double;
let handle: AppHandle;

before(async () => {
  ({ double, handle } = await loadMain({ platform: 'darwin' }));
});

after(() => {
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

test('macOS: template tray icon, Dock icon hidden, tooltip set', () => {
  const tray = double.record.trays[0]!;
  assert.equal(tray.image.path, path.join(root, 'resources', 'tray', 'mac', 'stoppedTemplate.png'));
  assert.equal(tray.image.template, true);
  assert.equal(double.callsOf('app.dock.hide').length, 1);
  assert.match(tray.tooltip, /Claude Code Monitor/);
  assert.equal(tray.title, '', 'no cost known yet: no title beside the icon');
});

test('macOS: no window at launch; the menu pops up on right click, not as a context menu', () => {
  assert.equal(double.callsOf('BrowserWindow.show').length, 0);
  assert.equal(double.callsOf('Tray.setContextMenu').length, 0);
  const tray = double.record.trays[0]!;
  tray.emit('right-click');
  assert.equal(double.callsOf('Tray.popUpContextMenu').length, 1);
  assert.ok(handle.trayMenu()?.some((i) => i.type === 'normal' && i.id === 'quit'));
});

test('macOS: left click toggles the popover under the menu-bar icon', async () => {
  const tray = double.record.trays[0]!;
  const bounds = { x: 1500, y: 0, width: 22, height: 24 };
  tray.emit('click', {}, bounds);
  const deadline = Date.now() + 5000;
  while (!handle.windowVisible() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(handle.windowVisible(), true);
  assert.deepEqual(double.callsOf('BrowserWindow.setBounds').at(-1)?.args[0], { x: 1500 + 11 - 190, y: 27 + 4, width: 380, height: 560 });
  const win = double.record.windows[0]!;
  assert.equal((win.options as { frame: boolean }).frame, false, 'a frameless popover');
  // Blur hides it (a popover); a click right after the blur-hide doesn't reopen it.
  win.emit('blur');
  assert.equal(handle.windowVisible(), false);
  tray.emit('click', {}, bounds);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(handle.windowVisible(), false);
  await new Promise((r) => setTimeout(r, 300));
  tray.emit('click', {}, bounds);
  const again = Date.now() + 5000;
  while (!handle.windowVisible() && Date.now() < again) await new Promise((r) => setTimeout(r, 20));
  assert.equal(handle.windowVisible(), true);
});

test('a second launch shows the window', async () => {
  double.record.windows[0]!.hide();
  await new Promise((r) => setTimeout(r, 300));
  double.app.emit('second-instance', {}, [], '/');
  const deadline = Date.now() + 5000;
  while (!handle.windowVisible() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(handle.windowVisible(), true);
});
