/**
 * The Electron tray app, end to end, with Playwright's `_electron` (playwright-core):
 *   launch the built app → its window shows the widget with today's cost from a real Prometheus
 *   (scraping simulated Claude Code sessions with known totals) → IPC round trip from the page
 *   (window.ccmon: settings, validation errors as real Errors, no Node in the page) → a tray-menu
 *   action (copy the push env snippet, through the same code the menu click runs) → quit.
 *
 * Runs wherever an Electron binary is installed (node_modules/electron/dist, $CCMON_ELECTRON_BIN or
 * $ELECTRON_OVERRIDE_DIST_PATH) and a display is available (xvfb-run on Linux CI). Elsewhere it
 * SKIPS and says why: Electron's binary cannot be downloaded on the build machine this was written on.
 *
 *   npm run build && node --import tsx --test e2e/electron/tray-app.e2e.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from './electron-binary.js';
import { freePorts } from '../../test/support/ports.js';
import { PROMETHEUS_BIN, startPrometheus, type PrometheusHandle } from '../../test/support/prometheus.js';
import { tempDir } from '../../test/support/tmp.js';
import { startScenario, type RunningScenario } from '../../scripts/simulator/runner.js';
import { namedScenario } from '../../scripts/simulator/scenarios/index.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { formatUsd } from '../../electron/core/format/numbers.js';
import type { RendererBridge } from '../../electron/core/api/contract.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function skipReason(): string | null {
  const bin = findElectronBinary();
  if (bin.path === null) return `no Electron binary: ${bin.reason}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display: run under xvfb-run on Linux';
  if (!existsSync(join(ROOT, 'dist', 'electron', 'main', 'index.js')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return 'the app is not built: run `npm run build` first';
  if (!existsSync(PROMETHEUS_BIN)) return `no Prometheus at ${PROMETHEUS_BIN} (bash scripts/deps/prometheus.sh)`;
  return null;
}

const reason = skipReason();
if (reason) process.stderr.write(`e2e/electron: SKIPPED — ${reason}\n`);

test('Electron tray app: launch, widget with real data, IPC round trip, tray action, quit', { skip: reason ?? false, timeout: 180_000 }, async (t) => {
  const bin = findElectronBinary();
  assert.ok(bin.path);
  const tmp = tempDir('ccmon-electron-e2e-');
  const configDir = join(tmp.path, 'config');
  mkdirSync(configDir);

  // Real data: a real Prometheus scraping simulated Claude Code sessions with known totals.
  const scenario = namedScenario('concurrent');
  const ports = await freePorts(8);
  const prom: PrometheusHandle = await startPrometheus({ targets: ports.map((p) => `127.0.0.1:${p}`), scrapeIntervalSeconds: 1 });
  let sim: RunningScenario | null = null;
  let app: ElectronApplication | null = null;
  t.after(async () => {
    await app?.close().catch(() => undefined);
    await sim?.stop().catch(() => undefined);
    await prom.stop().catch(() => undefined);
    tmp.remove();
  });
  sim = await startScenario(scenario, { output: { mode: 'prometheus', ports }, speed: 30, lingerMs: 3000 });
  await sim.done;
  await new Promise((r) => setTimeout(r, 2500));
  const today = scenarioTotals(scenario);
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ prometheusUrl: prom.url, refreshIntervalSeconds: 2 }));

  app = await _electron.launch({
    executablePath: bin.path,
    args: [ROOT, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: {
      ...(process.env as Record<string, string>),
      CCMON_CONFIG_DIR: configDir,
      CCMON_E2E: '1',
      HOME: tmp.path,
      XDG_CONFIG_HOME: join(tmp.path, 'xdg'),
      DOCKER_HOST: `unix://${join(tmp.path, 'no-docker.sock')}`,
      // A person's launch on Linux shows the window; elsewhere the tray click would.
      CCMON_NO_TRAY: process.platform === 'linux' ? '0' : '1',
    },
    timeout: 60_000,
  });

  await t.test('the window shows the widget with today’s cost from Prometheus', async () => {
    const win: Page = await app!.firstWindow();
    assert.match(win.url(), /^ccmon:\/\/renderer\//);
    const expected = formatUsd(today.costUsd);
    await win.waitForFunction((text) => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(text), expected, { timeout: 30_000 });
  });

  await t.test('IPC round trip: window.ccmon answers, validates, and the page has no Node', async () => {
    const win = await app!.firstWindow();
    const result = await win.evaluate(async () => {
      const api = (globalThis as unknown as { ccmon: RendererBridge }).ccmon;
      const view = await api.getSettings({});
      let invalid = '';
      try {
        await api.getUsageSeries({ range: 'forever' as never });
      } catch (err) {
        invalid = `${(err as Error).name}:${(err as { code?: string }).code}`;
      }
      const g = globalThis as Record<string, unknown>;
      return { file: view.file, prometheusUrl: view.settings.prometheusUrl, invalid, node: typeof g.require + typeof g.process + typeof g.module, keys: Object.keys(api).sort() };
    });
    assert.equal(result.file, join(configDir, 'config.json'));
    assert.equal(result.prometheusUrl, prom.url);
    assert.equal(result.invalid, 'ApiError:invalid-arguments');
    assert.equal(result.node, 'undefinedundefinedundefined');
    assert.ok(result.keys.includes('on') && result.keys.includes('getSummary'));
  });

  await t.test('a tray-menu action runs: Copy env-var snippet (push, bash) fills the clipboard', async () => {
    const clicked = await app!.evaluate(async () => {
      const hook = (globalThis as { __ccmonE2E?: { clickMenuItem(id: string): Promise<boolean>; trayMenu(): unknown } }).__ccmonE2E;
      if (!hook) throw new Error('the main process did not expose the e2e hook (CCMON_E2E=1)');
      return hook.clickMenuItem('copy-env:bash');
    });
    assert.equal(clicked, true);
    const text = await app!.evaluate(({ clipboard }) => clipboard.readText());
    assert.match(text, /export CLAUDE_CODE_ENABLE_TELEMETRY=/);
    assert.match(text, /OTEL_EXPORTER_OTLP_METRICS_ENDPOINT/);
  });

  await t.test('quit: the app exits', async () => {
    const proc = app!.process();
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    await app!.evaluate(({ app: electronApp }) => electronApp.quit());
    assert.equal(await exited, 0);
    app = null;
  });
});
