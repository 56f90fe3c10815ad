/**
 * CONTRACT test of the service host in the built main bundle (recording `electron` double, Linux):
 * a change to a setting the service is built from gives a new service, and everything the old one was
 * wired to (IPC handlers, the stack watcher, events to the window, the summary feed) moves to it. The
 * stack watcher's statuses carry the Grafana URL they were built with, which shows which service sent them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventChannel, methodChannel } from '../../electron/core/api/contract.js';
import type { StackStatus } from '../../electron/core/api/types.js';
import type { AppHandle } from '../../electron/main/app.js';
import { STACK_WATCH_MS } from '../../electron/main/service-host.js';
import { loadMain, type Double } from '../support/electron/load-main.js';

let double: Double;
let handle: AppHandle;

before(async () => {
  ({ double, handle } = await loadMain({ configText: JSON.stringify({ prometheusUrl: 'http://127.0.0.1:9', grafanaUrl: 'http://127.0.0.1:3001' }) }));
});

after(() => {
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

const grafanaUrls = (): string[] =>
  double.record.windows[0]!.webContents.sent.filter(([ch]) => ch === eventChannel('stack:status')).map(([, s]) => (s as StackStatus).services.find((x) => x.name === 'grafana')!.url);

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

test('a new Grafana URL: a new service behind IPC, the window and the stack watcher; the old one silent', async () => {
  await until(() => grafanaUrls().length > 0);
  assert.deepEqual([...new Set(grafanaUrls())], ['http://127.0.0.1:3001']);
  const old = handle.service();

  await old.api.updateSettings({ patch: { grafanaUrl: 'http://127.0.0.1:3999' } });
  assert.notEqual(handle.service(), old, 'rebuilt on the change');
  assert.equal(handle.settings().grafanaUrl, 'http://127.0.0.1:3999');
  const ipc = double.record.handlers.get(methodChannel('getAppInfo'))!;
  const answer = (await ipc({ senderFrame: { url: 'ccmon://renderer/index.html' } }, {})) as { result: { grafanaUrl: string } };
  assert.equal(answer.result.grafanaUrl, 'http://127.0.0.1:3999', 'IPC answers from the new service');

  await until(() => grafanaUrls().includes('http://127.0.0.1:3999'));
  const firstNew = grafanaUrls().indexOf('http://127.0.0.1:3999');
  assert.ok(firstNew >= 0, 'the new stack watcher’s statuses reach the window');
  await new Promise((r) => setTimeout(r, STACK_WATCH_MS + 1000));
  assert.deepEqual([...new Set(grafanaUrls().slice(firstNew))], ['http://127.0.0.1:3999'], 'the old service’s events no longer reach the window');
  assert.equal(handle.trayState(), 'error', 'the tray follows the new service’s stack status');
});

test('tick refreshes today’s summary through the new service', async () => {
  let outcomes = 0;
  const off = handle.service().summaries.onOutcome(() => outcomes++);
  await handle.tick();
  off();
  assert.equal(outcomes, 1);
});
