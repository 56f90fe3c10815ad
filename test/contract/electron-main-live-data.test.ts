/**
 * CONTRACT test of the Electron main wiring with live data: the built main bundle (recording `electron`
 * double, macOS flavour) against a REAL Prometheus scraping a Claude Code-shaped exporter ($9.00 spent
 * today). Shows the tray tooltip and macOS title carrying today's cost, budget notifications at the
 * right thresholds once per period (persisted), and live summaries pushed to the window.
 * Skips, saying so, when the Prometheus binary isn't installed (bash scripts/deps/prometheus.sh).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventChannel } from '../../electron/core/api/contract.js';
import type { AppHandle } from '../../electron/main/app.js';
import { freePort } from '../support/ports.js';
import { PROMETHEUS_BIN, startPrometheus, type PrometheusHandle } from '../support/prometheus.js';
import { loadMain, type Double } from '../support/electron/load-main.js';

const skip = fs.existsSync(PROMETHEUS_BIN) ? false : `no Prometheus binary at ${PROMETHEUS_BIN} (bash scripts/deps/prometheus.sh)`;
if (skip) process.stderr.write(`electron-main-live-data: SKIPPED — ${skip}\n`);

let double: Double;
let handle: AppHandle;
let configDir: string;
let prom: PrometheusHandle | null = null;
let exporter: http.Server | null = null;

const exposition = [
  '# TYPE claude_code_cost_usage_total counter',
  'claude_code_cost_usage_total{session_id="live-1",user_id="u",model="claude-sonnet-4-6",query_source="main",terminal_type="xterm"} 9',
  '# TYPE claude_code_session_count_total counter',
  'claude_code_session_count_total{session_id="live-1",user_id="u",start_type="fresh",terminal_type="xterm"} 1',
  '',
].join('\n');

before(async () => {
  if (skip) return;
  const port = await freePort();
  exporter = http
    .createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
      res.end(exposition);
    })
    .listen(port, '127.0.0.1');
  prom = await startPrometheus({ targets: [`127.0.0.1:${port}`] });
  await prom.waitForScrape();
  await new Promise((r) => setTimeout(r, 2000));
  ({ double, handle, configDir } = await loadMain({
    platform: 'darwin',
    configText: JSON.stringify({ prometheusUrl: prom.url, dailyBudgetUsd: 10, monthlyBudgetUsd: 9, refreshIntervalSeconds: 2 }),
  }));
});

after(async () => {
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
  await prom?.stop();
  exporter?.close();
});

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

test('tooltip and macOS title carry today’s cost from Prometheus', { skip }, async () => {
  const tray = double.record.trays[0]!;
  await until(() => tray.title === '$9.00');
  assert.equal(tray.title, '$9.00');
  assert.match(tray.tooltip, /^Claude Code Monitor — \$9\.00 today · /);
  const cost = handle.trayMenu()?.find((i) => i.type === 'normal' && i.id === 'cost');
  assert.equal(cost?.type === 'normal' ? cost.label : '', 'Today: $9.00');
});

test('budget notifications: 80% of the daily budget, 100% of the monthly one — once per period', { skip }, async () => {
  await until(() => double.record.notifications.filter((n) => /budget/.test(n.title)).length >= 2);
  const budget = () => double.record.notifications.filter((n) => /budget/.test(n.title));
  assert.deepEqual(budget(), [
    { title: 'Claude Code: 80% of daily budget', body: '$9.00 of $10.00 today.' },
    { title: 'Claude Code: monthly budget reached', body: '$9.00 of $9.00 this month.' },
  ]);
  await handle.tick();
  await handle.tick();
  assert.equal(budget().length, 2, 'not repeated on later refreshes');
  const state = JSON.parse(fs.readFileSync(path.join(configDir, 'app-state.json'), 'utf8')) as { budgetLedger: { daily: { notified: number[] }; monthly: { notified: number[] } } };
  assert.deepEqual(state.budgetLedger.daily.notified, [0.8]);
  assert.deepEqual(state.budgetLedger.monthly.notified, [0.8, 1]);
});

test('live summaries are pushed to the window', { skip }, () => {
  const sent = double.record.windows[0]!.webContents.sent.filter(([ch]) => ch === eventChannel('summary:update'));
  assert.ok(sent.length >= 1);
  assert.equal((sent.at(-1)![1] as { costUsd: number }).costUsd, 9);
});
