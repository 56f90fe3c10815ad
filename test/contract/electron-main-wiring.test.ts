/**
 * CONTRACT test of the Electron host's wiring, run in plain Node because no Electron binary can run
 * here. It loads the BUILT main bundle (dist/electron/main/index.js) with the `electron` module
 * replaced by a recording double (test/support/electron/electron-double.ts, via a module-resolution hook), and
 * checks what the host asked Electron to do:
 *   - single-instance lock, userData = the CLI's settings folder, privileged renderer scheme;
 *   - the tray created with the state's icon and a menu built from state, updated when state changes;
 *   - the BrowserWindow options hardened (contextIsolation, sandbox, no nodeIntegration, ...);
 *   - every API method's IPC channel registered with ipcMain.handle, answering envelopes,
 *     checking the sender and validating arguments; the real preload bundle round-trips through them;
 *   - navigation/new windows/permissions denied; the renderer served with a CSP;
 *   - a corrupt settings file backed up and announced; tray menu actions run.
 * What it cannot show: that real Electron behaves like the double. The `_electron` suite in
 * e2e/electron does that wherever a binary exists.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, test } from 'node:test';
import { apiMethods, eventChannel, methodChannel } from '../../electron/core/api/contract.js';
import { buildTrayMenu } from '../../electron/main/tray-menu.js';
import type { AppHandle } from '../../electron/main/app.js';
import { loadMain, preloadBundle, root, type Double } from '../support/electron/load-main.js';

let double: Double;
let handle: AppHandle;
let configDir: string;

before(async () => {
  // A corrupt settings file, to see it backed up and announced.
  ({ double, handle, configDir } = await loadMain({ configText: '{"prometheusUrl": "http://127.0.0.1:9", oops' }));
});

after(() => {
  // Stops the poller and the stack watcher if a test failed before quitting.
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

test('lifecycle: settings folder shared with the CLI, single-instance lock, privileged renderer scheme, before ready', () => {
  const calls = double.record.calls.map((c) => c.api);
  assert.deepEqual(double.callsOf('app.setPath')[0]?.args, ['userData', configDir]);
  assert.deepEqual(double.callsOf('app.setName')[0]?.args, ['Claude Code Monitor']);
  assert.ok(calls.indexOf('app.requestSingleInstanceLock') < calls.indexOf('app.whenReady'));
  assert.ok(calls.indexOf('protocol.registerSchemesAsPrivileged') < calls.indexOf('app.whenReady'));
  const [schemes] = double.callsOf('protocol.registerSchemesAsPrivileged')[0]!.args as [Array<{ scheme: string; privileges: Record<string, boolean> }>];
  assert.equal(schemes[0]?.scheme, 'ccmon');
  assert.equal(schemes[0]?.privileges.standard, true);
  assert.equal(schemes[0]?.privileges.secure, true);
  assert.ok(double.app.listenerCount('second-instance') > 0, 'a second launch is handled');
  assert.ok(double.app.listenerCount('window-all-closed') > 0, 'closing the window does not quit a tray app');
});

test('tray: created with the state’s icon (Linux colour, 22 px) and a menu built from state', () => {
  assert.equal(double.record.trays.length, 1);
  const created = double.callsOf('new Tray')[0]!.args[0] as string;
  assert.equal(created, path.join(root, 'resources', 'tray', 'linux', 'stopped.png'));
  assert.ok(fs.existsSync(created));
  const tray = double.record.trays[0]!;
  assert.match(tray.tooltip, /^Claude Code Monitor — /);
  const firstMenu = double.record.menus[0] as Array<{ id?: string; label?: string; enabled?: boolean; type?: string }>;
  const expected = buildTrayMenu({ state: 'stopped', operation: null, stackControl: true, todayUsd: null, defaultShell: 'zsh', stopStackOnQuit: false, platform: 'linux' });
  assert.deepEqual(
    firstMenu.map((i) => (i.type === 'separator' ? '-' : `${i.id}:${i.label}:${i.enabled}`)),
    expected.map((i) => (i.type === 'separator' ? '-' : `${i.id}:${i.label}:${i.enabled}`)),
  );
});

test('tray: follows the stack — no engine → error icon and a rebuilt menu', async () => {
  const deadline = Date.now() + 15_000;
  while (handle.trayState() !== 'error' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(handle.trayState(), 'error');
  const tray = double.record.trays[0]!;
  assert.equal(tray.image.path, path.join(root, 'resources', 'tray', 'linux', 'error.png'));
  const labels = (tray.menu!.template as Array<{ id?: string; label?: string; enabled?: boolean }>).filter((i) => i.id);
  assert.equal(labels.find((i) => i.id === 'status')?.label, 'Stack error: open the dashboard for details');
  assert.equal(labels.find((i) => i.id === 'stack-start')?.enabled, true);
  assert.equal(labels.find((i) => i.id === 'stack-stop')?.enabled, false);
});

test('window: hardened options, hidden until ready, loads the renderer from ccmon://', () => {
  assert.equal(double.record.windows.length, 1);
  const o = double.record.windows[0]!.options as { show: boolean; webPreferences: Record<string, unknown> };
  assert.equal(o.show, false);
  const wp = o.webPreferences;
  assert.deepEqual(
    [wp.contextIsolation, wp.sandbox, wp.nodeIntegration, wp.nodeIntegrationInWorker, wp.nodeIntegrationInSubFrames, wp.webSecurity, wp.allowRunningInsecureContent, wp.webviewTag],
    [true, true, false, false, false, true, false, false],
  );
  assert.equal(wp.preload, preloadBundle);
  assert.ok(fs.existsSync(preloadBundle));
  assert.deepEqual(double.callsOf('BrowserWindow.loadURL')[0]?.args, ['ccmon://renderer/index.html']);
  // Linux with a tray: shown at a person's launch, positioned by the fallback (Linux gives no tray bounds).
  assert.ok(double.callsOf('BrowserWindow.show').length >= 1);
  const bounds = double.callsOf('BrowserWindow.setBounds')[0]?.args[0] as { x: number; y: number; width: number };
  assert.deepEqual(bounds, { x: 1920 - 380 - 4, y: 27 + 4, width: 380, height: 560 });
});

test('security: navigation, new windows, webviews and permissions denied; external links gated', async () => {
  const wc = double.record.webContents[0]!;
  let prevented = 0;
  const ev = (url: string) => ({ url, preventDefault: () => prevented++ });
  wc.emit('will-navigate', ev('https://evil.example/'));
  wc.emit('will-redirect', ev('https://evil.example/'));
  wc.emit('will-attach-webview', ev('about:blank'));
  assert.equal(prevented, 3);
  assert.deepEqual(wc.windowOpenHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(wc.windowOpenHandler!({ url: 'http://127.0.0.1:3001/d/x' }), { action: 'deny' });
  const opened = double.callsOf('shell.openExternal').map((c) => c.args[0]);
  assert.deepEqual(opened, ['http://127.0.0.1:3001/d/x'], 'only the configured Grafana origin opened, in the browser');
  const answers: boolean[] = [];
  double.record.permissionRequestHandler!(wc, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'ccmon://renderer/index.html' });
  double.record.permissionRequestHandler!(wc, 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), { requestingUrl: 'ccmon://renderer/index.html' });
  double.record.permissionRequestHandler!(wc, 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), { requestingUrl: 'https://evil.example/' });
  assert.deepEqual(answers, [false, true, false]);
  assert.equal(double.record.permissionCheckHandler!(wc, 'geolocation', 'ccmon://renderer'), false);
  const serve = double.record.protocolHandlers.get('ccmon')!;
  const res = (await serve(new Request('ccmon://renderer/../../package.json'))) as Response;
  assert.notEqual(await res.text().then((t) => t.includes('"name": "claude-code-monitor"')), true, 'nothing outside the renderer folder is served');
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (fs.existsSync(index)) {
    const page = (await serve(new Request('ccmon://renderer/index.html'))) as Response;
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
  }
});

test('IPC: every API method registered on its channel, and nothing else', () => {
  const channels = double.callsOf('ipcMain.handle').map((c) => c.args[0] as string);
  assert.deepEqual(channels.sort(), apiMethods.map(methodChannel).sort());
});

test('IPC: the real preload bundle exposes exactly the API + on(), and round-trips through the handlers', async () => {
  // Run the sandboxed preload as Electron would: one CJS file, `require('electron')` only, argv from additionalArguments.
  const wp = (double.record.windows[0]!.options as { webPreferences: { additionalArguments: string[] } }).webPreferences;
  const code = fs.readFileSync(preloadBundle, 'utf8');
  const mod = { exports: {} };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return double;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const preload = vm.compileFunction(code, ['require', 'module', 'exports', 'process'], { filename: preloadBundle }) as (
    require: typeof sandboxRequire,
    module: typeof mod,
    exports: object,
    process: { argv: string[] },
  ) => void;
  preload(sandboxRequire, mod, mod.exports, { argv: ['electron', '--type=renderer', ...wp.additionalArguments] });
  const bridge = double.contextBridge.exposed.get('ccmon') as Record<string, (arg?: unknown) => Promise<unknown>> & { on: (e: string, l: (p: unknown) => void) => () => void };
  assert.deepEqual(Object.keys(bridge).sort(), [...apiMethods, 'on'].sort());

  const view = (await bridge.getSettings!()) as { settings: { prometheusUrl: string }; notices: Array<{ kind: string; backupPath?: string }>; writable: boolean };
  assert.equal(view.writable, true);
  assert.equal(view.settings.prometheusUrl, 'http://127.0.0.1:9090', 'the corrupt file was replaced by defaults');
  assert.equal(view.notices[0]?.kind, 'corrupt-file');
  assert.ok(view.notices[0]?.backupPath && fs.readFileSync(view.notices[0].backupPath, 'utf8').includes('oops'), 'the corrupt file was backed up');
  assert.ok(double.record.notifications.some((n) => /settings reset/.test(n.title)), 'and the user was told');

  // Bad arguments come back as a real Error, named by field.
  await assert.rejects(bridge.updateSettings!({ patch: { refreshIntervalSeconds: 0 } }), (e: Error & { code?: string }) => e.code === 'invalid-arguments' && /refreshIntervalSeconds/.test(e.message));
  await assert.rejects(bridge.getUsageSeries!({ range: 'forever' }), (e: Error & { code?: string }) => e.code === 'invalid-arguments');

  // A good update persists to the shared file and is pushed to the window as an event.
  const wc = double.record.windows[0]!.webContents;
  const updated = (await bridge.updateSettings!({ patch: { dailyBudgetUsd: 12.5, refreshIntervalSeconds: 30 } })) as { settings: { dailyBudgetUsd: number } };
  assert.equal(updated.settings.dailyBudgetUsd, 12.5);
  const file = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { dailyBudgetUsd: number; refreshIntervalSeconds: number };
  assert.equal(file.dailyBudgetUsd, 12.5);
  assert.equal(file.refreshIntervalSeconds, 30);
  assert.ok(wc.sent.some(([ch]) => ch === eventChannel('settings:changed')));

  // Another frame is refused.
  double.ipcRenderer.frameUrl = 'https://evil.example/';
  try {
    await assert.rejects(bridge.getSettings!(), (e: Error & { code?: string }) => e.code === 'forbidden-sender');
  } finally {
    double.ipcRenderer.frameUrl = 'ccmon://renderer/index.html';
  }
});

test('tray menu: the Electron menu items carry click handlers that run the actions', async () => {
  type Item = { id?: string; click?: () => void; submenu?: Item[] };
  const template = double.record.trays[0]!.menu!.template as Item[];
  const sub = template.find((i) => i.id === 'copy-env-shells')?.submenu ?? [];
  const bash = sub.find((i) => i.id === 'copy-env:bash');
  assert.equal(typeof bash?.click, 'function');
  bash!.click!();
  const deadline = Date.now() + 5000;
  while (!/export CLAUDE_CODE_ENABLE_TELEMETRY=/.test(double.clipboard.text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.match(double.clipboard.text, /export CLAUDE_CODE_ENABLE_TELEMETRY=/);
  assert.equal(template.find((i) => i.id === 'status')?.click, undefined, 'informational items do nothing');
});

test('launch at login on Linux: turning it on writes the XDG autostart entry, off removes it', async () => {
  const bridge = double.contextBridge.exposed.get('ccmon') as Record<string, (arg?: unknown) => Promise<unknown>>;
  const entry = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'claude-code-monitor.desktop');
  await bridge.updateSettings!({ patch: { launchAtLogin: true } });
  const deadline = Date.now() + 5000;
  while (!fs.existsSync(entry) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const text = fs.readFileSync(entry, 'utf8');
  assert.match(text, /^Exec=.* --hidden$/m);
  assert.match(text, new RegExp(`^Exec=${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --hidden$`, 'm'), 'an unpackaged run starts the electron binary with the app folder');
  await bridge.updateSettings!({ patch: { launchAtLogin: false } });
  const gone = Date.now() + 5000;
  while (fs.existsSync(entry) && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
  assert.equal(fs.existsSync(entry), false);
});

test('tray actions: copy the push env snippet, open the settings view', async () => {
  assert.equal(await handle.clickMenuItem('copy-env:fish'), true);
  const copied = double.callsOf('clipboard.writeText').at(-1)?.args[0] as string;
  assert.match(copied, /set -gx CLAUDE_CODE_ENABLE_TELEMETRY/);
  assert.match(copied, /OTEL_METRICS_EXPORTER/);
  assert.equal(await handle.clickMenuItem('settings'), true);
  const wc = double.record.windows[0]!.webContents;
  assert.deepEqual(wc.sent.filter(([ch]) => ch === eventChannel('app:navigate')).at(-1), [eventChannel('app:navigate'), { view: 'settings' }]);
  assert.equal(await handle.clickMenuItem('stack-stop'), false, 'a disabled item does nothing');
});

test('tray actions: Start stack with no engine fails with a notification saying why; Open Grafana opens the configured Grafana', async () => {
  const before = double.record.notifications.length;
  assert.equal(await handle.clickMenuItem('stack-start'), true);
  const notice = double.record.notifications.slice(before).find((n) => /could not start the stack/.test(n.title));
  assert.ok(notice, JSON.stringify(double.record.notifications.slice(before)));
  assert.ok(notice.body.length > 10);
  assert.equal(handle.trayState(), 'error');
  await handle.runAction({ kind: 'open-grafana' });
  const opened = double.callsOf('shell.openExternal').at(-1)?.args[0] as string;
  assert.match(opened, /^http:\/\/127\.0\.0\.1:3001\/d\//, 'a deep link into the configured Grafana');
});

test('quit with "stop stack on quit" chosen: quitting waits for the stack to stop, then quits', async () => {
  const bridge = double.contextBridge.exposed.get('ccmon') as Record<string, (arg?: unknown) => Promise<unknown>>;
  await bridge.updateSettings!({ patch: { stopStackOnQuit: true } });
  const menu = handle.trayMenu()!;
  assert.equal(menu.find((i) => i.type === 'normal' && i.id === 'quit' && i.label === 'Quit and stop the stack') !== undefined, true);
  const before = double.callsOf('app.quit').length;
  double.app.quit();
  assert.equal(double.callsOf('app.before-quit prevented').length, 1, 'the first quit is held while the stack stops');
  const deadline = Date.now() + 15_000;
  while (double.callsOf('app.will-quit').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(double.callsOf('app.quit').length > before + 0, 'quit again once stackDown settled (here: failed, no engine)');
  assert.equal(double.callsOf('app.will-quit').length, 1);
});
