/** The handle tests drive the app through: a menu click as a person's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingsSchema } from '../../electron/core/config/settings-schema.js';
import { appHandle } from '../../electron/main/app-handle.js';
import { buildTrayMenu, type TrayAction } from '../../electron/main/tray-menu.js';

test('clickMenuItem runs an enabled item’s action, found anywhere in the menu; disabled or unknown items do nothing', async () => {
  const ran: TrayAction[] = [];
  const menu = buildTrayMenu({ state: 'stopped', operation: null, stackControl: true, todayUsd: null, defaultShell: 'bash', stopStackOnQuit: false, platform: 'linux' });
  const handle = appHandle({
    service: () => assert.fail('not used'),
    trayMenu: () => menu,
    trayState: () => 'stopped',
    runAction: async (a) => void ran.push(a),
    tick: async () => undefined,
    windowVisible: () => false,
    settings: () => settingsSchema.parse({}),
  });
  assert.equal(await handle.clickMenuItem('copy-env:fish'), true);
  assert.equal(await handle.clickMenuItem('stack-stop'), false);
  assert.equal(await handle.clickMenuItem('status'), false, 'informational items have no action');
  assert.equal(await handle.clickMenuItem('nope'), false);
  assert.deepEqual(ran, [{ kind: 'copy-env', shell: 'fish' }]);
});
