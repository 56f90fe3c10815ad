/**
 * CONTRACT test of the Electron main wiring as on Windows (process.platform reported as 'win32'; built
 * bundle + recording `electron` double): colour tray icon, the AppUserModelID notifications need,
 * launch at login through app.setLoginItemSettings, and the popover above a bottom taskbar.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AppHandle } from '../../electron/main/app.js';
import { loadMain, root, type Double } from '../support/electron/load-main.js';

let double: Double;
let handle: AppHandle;

before(async () => {
  ({ double, handle } = await loadMain({ platform: 'win32' }));
});

after(() => {
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

test('Windows: colour tray icon and the AppUserModelID', () => {
  assert.equal(double.record.trays[0]!.image.path, path.join(root, 'resources', 'tray', 'win', 'stopped.png'));
  assert.equal(double.record.trays[0]!.image.template, false);
  assert.deepEqual(double.callsOf('app.setAppUserModelId')[0]?.args, ['dev.claude-code-monitor.app']);
});

test('Windows: launch at login through app.setLoginItemSettings, started hidden', async () => {
  assert.deepEqual(double.callsOf('app.setLoginItemSettings')[0]?.args[0], { openAtLogin: false, openAsHidden: true, args: ['--hidden'] });
  await handle.service().api.updateSettings({ patch: { launchAtLogin: true } });
  const deadline = Date.now() + 5000;
  while (double.callsOf('app.setLoginItemSettings').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(double.callsOf('app.setLoginItemSettings').at(-1)?.args[0], { openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
});

test('Windows: the popover opens above a bottom taskbar, centred on the icon', async () => {
  Object.assign(double.display, { workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } });
  double.record.trays[0]!.emit('click', {}, { x: 1700, y: 1040, width: 24, height: 40 });
  const deadline = Date.now() + 5000;
  while (!handle.windowVisible() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(double.callsOf('BrowserWindow.setBounds').at(-1)?.args[0], { x: 1712 - 190, y: 1040 - 560 - 4, width: 380, height: 560 });
});
