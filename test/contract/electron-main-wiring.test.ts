/**
 * CONTRACT test of the Electron host's wiring, run in plain Node because no Electron binary can run
 * here. It loads the BUILT main bundle (dist/electron/main/index.js) with the `electron` module
 * replaced by a recording double (support/electron-double.ts, via a module-resolution hook), and
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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { apiMethods, eventChannel, methodChannel } from '../../electron/core/api/contract.js';
import { buildTrayMenu } from '../../electron/main/tray-menu.js';
import type { AppHandle } from '../../electron/main/app.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const mainBundle = path.join(root, 'dist', 'electron', 'main', 'index.js');
const preloadBundle = path.join(root, 'dist', 'electron', 'preload', 'index.cjs');

type Double = typeof import('./support/electron-double.js');
let double: Double;
let handle: AppHandle;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-wiring-'));
const configDir = path.join(tmp, 'config');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

before(async () => {
  // The test is about the built bundle: build it when it is missing or older than its sources.
  const built = fs.existsSync(mainBundle) && fs.existsSync(preloadBundle) ? Math.min(fs.statSync(mainBundle).mtimeMs, fs.statSync(preloadBundle).mtimeMs) : 0;
  if (built < Math.max(newestMtime(path.join(root, 'electron', 'main')), newestMtime(path.join(root, 'electron', 'preload')))) {
    execFileSync('npm', ['run', 'build:main'], { cwd: root, stdio: 'inherit' });
  }
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'config.json'), '{"prometheusUrl": "http://127.0.0.1:9", oops');
  Object.assign(process.env, {
    CCMON_CONFIG_DIR: configDir,
    HOME: tmp,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
    DOCKER_HOST: `unix://${path.join(tmp, 'no-docker.sock')}`,
    CCMON_STACK_NAME: 'ccmon-wiring-test',
    SHELL: '/bin/zsh',
  });
  delete process.env.XDG_CURRENT_DESKTOP;
  delete process.env.CCMON_RENDERER_URL;
  const doubleUrl = pathToFileURL(path.join(import.meta.dirname, 'support', 'electron-double.ts')).href;
  register('./support/electron-resolve-hook.mjs', import.meta.url, { data: { doubleUrl } });
  double = (await import(doubleUrl)) as Double;
  const main = (await import(pathToFileURL(mainBundle).href)) as { started: Promise<AppHandle | null> };
  const started = await main.started;
  assert.ok(started, 'the app started');
  handle = started;
});

after(() => {
  // Stops the poller and the stack watcher if a test failed before quitting.
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

test('lifecycle: settings folder shared with the CLI, single-instance lock, privileged renderer scheme, before ready', () => {
  const calls = double.record.calls.map((c) => c.api);
  assert.deepEqual(double.callsOf('app.setPath')[0]?.args, ['userData', configDir]);
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
  new Function('require', 'module', 'exports', 'process', code)(sandboxRequire, mod, mod.exports, { argv: ['electron', '--type=renderer', ...wp.additionalArguments] });
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
  const file = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'));
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
