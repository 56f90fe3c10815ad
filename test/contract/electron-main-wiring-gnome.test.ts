/**
 * CONTRACT test of the Electron main wiring on stock GNOME (XDG_CURRENT_DESKTOP=GNOME: no tray host),
 * started by the autostart entry (--hidden): the app is a normal window, shown anyway, and closing
 * it quits (there is no tray to come back from). Built bundle + recording `electron` double.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AppHandle } from '../../electron/main/app.js';
import { loadMain, type Double } from '../support/electron/load-main.js';

let double: Double;
let handle: AppHandle;

before(async () => {
  ({ double, handle } = await loadMain({ env: { XDG_CURRENT_DESKTOP: 'GNOME' }, argv: ['--hidden'] }));
});

after(() => {
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

test('no tray host: a normal window (framed, in the taskbar, resizable), shown even when launched hidden', async () => {
  const options = double.record.windows[0]!.options as { frame: boolean; skipTaskbar: boolean; resizable: boolean };
  assert.deepEqual([options.frame, options.skipTaskbar, options.resizable], [true, false, true]);
  const deadline = Date.now() + 5000;
  while (!handle.windowVisible() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(handle.windowVisible(), true);
  assert.equal(double.callsOf('BrowserWindow.setBounds').length, 0, 'not positioned as a popover');
});

test('closing the last window quits', () => {
  const before = double.callsOf('app.quit').length;
  double.app.emit('window-all-closed');
  // With a tray object but no tray host, the window is the app: closing it is quitting.
  assert.equal(double.callsOf('app.quit').length, before + 1);
});
