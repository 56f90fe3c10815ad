/**
 * The built renderer in Chromium under the Electron host's rules, without Electron:
 *   - served with the host's response headers (its strict CSP, nosniff, ...) by the same file mapping
 *     as the ccmon:// protocol handler, and no CSP violation may occur;
 *   - `window.ccmon` built by the REAL preload bridge code (electron/preload/bridge.ts, bundled for the
 *     page) over the REAL IPC dispatcher (sender check, zod validation, envelope) and the real service,
 *     with a settings file provider, events pushed like webContents.send;
 *   - the Settings panel: corrupt-file notice, a field error, Save writing the shared file, a change made
 *     elsewhere showing up.
 * What differs from Electron: http://127.0.0.1 instead of ccmon://renderer (the dispatcher is told the
 * frame's URL in the host's scheme), and Playwright's bindings instead of contextBridge/ipcRenderer.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { apiEventNames, eventChannel } from '../../electron/core/api/contract.js';
import { createFileSettingsProvider } from '../../electron/core/config/settings-store.js';
import { createMonitorService } from '../../electron/core/service.js';
import { readSettingsFile } from '../../electron/core/config/settings-file.js';
import { bridgeManifest } from '../../electron/main/bridge-manifest.js';
import { dispatchApiCall } from '../../electron/main/ipc-dispatch.js';
import { isTrustedRendererUrl, rendererFileFor, rendererResponseHeaders } from '../../electron/main/security-policy.js';
import { tempDir } from '../../test/support/tmp.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rendererDir = join(ROOT, 'dist', 'renderer');
const skip = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  : !existsSync(join(rendererDir, 'index.html'))
    ? 'the renderer is not built: run `npm run build` first'
    : false;
if (skip) process.stderr.write(`e2e/electron renderer-host-policy: SKIPPED — ${skip}\n`);

test('renderer under the Electron host policy: no CSP violation, window.ccmon over the IPC dispatcher, Settings panel', { skip, timeout: 120_000 }, async (t) => {
  const tmp = tempDir('ccmon-host-policy-');
  const file = join(tmp.path, 'config.json');
  writeFileSync(file, '{"refreshIntervalSeconds": 15, broken');
  const provider = createFileSettingsProvider({ file, appVersion: '0.1.0', launchAtLoginSupported: true });
  const settings = (await readSettingsFile(file)).settings;
  const service = createMonitorService({ settings: { ...settings, prometheusUrl: 'http://127.0.0.1:9' }, settingsProvider: provider, env: { ...process.env, CLAUDE_CONFIG_DIR: join(tmp.path, 'claude') } });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = rendererFileFor(`ccmon://renderer${url.pathname}`, rendererDir);
    if (!target || !existsSync(target)) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, rendererResponseHeaders(target)).end(readFileSync(target));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const bridgeJs = (await build({ entryPoints: [join(ROOT, 'electron/preload/bridge.ts')], bundle: true, format: 'iife', globalName: 'CcmonBridge', platform: 'browser', write: false })).outputFiles[0]!.text;

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  t.after(async () => {
    await browser.close();
    server.close();
    tmp.remove();
  });
  const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  // The IPC round trip: the page's bridge invokes a channel; the dispatcher checks the sender, validates, answers an envelope.
  await page.exposeBinding('__ccmonInvoke', async (source, channel: string, arg: unknown) => {
    const method = channel.replace(/^ccmon:/, '');
    const frameUrl = source.frame.url().replace(origin, 'ccmon://renderer');
    return dispatchApiCall(service.api, method, arg, { frameUrl, isTrusted: (u) => isTrustedRendererUrl(u) });
  });
  // The bridge code and its glue go in as one init script (CDP-injected, so the page's CSP, which forbids
  // eval, doesn't apply to it; the page itself never evaluates strings).
  const glue = `
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    const listeners = new Map();
    window.__ccmonDeliver = (channel, payload) => listeners.get(channel)?.forEach((l) => l(payload));
    window.ccmon = CcmonBridge.createBridge(${JSON.stringify(bridgeManifest())}, {
      invoke: (channel, arg) => window.__ccmonInvoke(channel, arg),
      subscribe(channel, listener) {
        let set = listeners.get(channel);
        if (!set) listeners.set(channel, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      },
    });`;
  await page.addInitScript({ content: `${bridgeJs}\n${glue}` });
  // Events, as the main process forwards them with webContents.send.
  for (const name of apiEventNames) {
    service.events.on(name, (payload) => void page.evaluate(([ch, p]) => (globalThis as unknown as { __ccmonDeliver(c: string, p: unknown): void }).__ccmonDeliver(ch, p), [eventChannel(name), payload] as const).catch(() => undefined));
  }

  await page.goto(`${origin}/index.html`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByTestId('settings').waitFor();

  await t.test('the corrupt settings file is announced with its backup', async () => {
    const notice = page.getByTestId('settings-notice-corrupt-file');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /not valid JSON.*Backup: .*config\.corrupt-/);
  });

  await t.test('a bad value shows its error and Save stays disabled', async () => {
    await page.getByTestId('setting-refreshIntervalSeconds').fill('1');
    await page.getByText('A whole number of seconds from 2 to 3600').waitFor();
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
  });

  await t.test('Save writes the shared settings file (the one the CLI reads)', async () => {
    await page.getByTestId('setting-refreshIntervalSeconds').fill('30');
    await page.getByTestId('setting-dailyBudgetUsd').fill('25');
    await page.getByTestId('settings-save').click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const read = await readSettingsFile(file);
    assert.equal(read.problem, undefined);
    assert.equal(read.settings.refreshIntervalSeconds, 30);
    assert.equal(read.settings.dailyBudgetUsd, 25);
  });

  await t.test('a change made elsewhere (settings:changed) shows up', async () => {
    await service.api.updateSettings({ patch: { monthlyBudgetUsd: 300 } });
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document;
      return doc.querySelector('[data-testid=setting-monthlyBudgetUsd]')?.value === '300';
    });
  });

  await t.test('the page ran under the host CSP without a single violation, and has no Node', async () => {
    const violations = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
    assert.deepEqual(violations, []);
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.evaluate(() => typeof (globalThis as Record<string, unknown>).require), 'undefined');
    const shots = join(ROOT, 'artifacts', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'settings-panel-host-policy.png'), fullPage: true });
  });
});
