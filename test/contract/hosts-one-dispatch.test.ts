/**
 * CONTRACT: the two hosts answer a bad call alike. The same bad arguments go through the IPC host (the
 * built main bundle, its handlers registered on the recording `electron` double and invoked as the
 * renderer would) and through the HTTP host (a real `ccmon web` server on a free loopback port); both
 * answer with the same envelope: the same error code and the same message.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { methodChannel, type ApiMethod } from '../../electron/core/api/methods.js';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { createMonitorService } from '../../electron/core/service.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import { loadMain, type Double } from '../support/electron/load-main.js';

let double: Double;
let web: WebServer;

before(async () => {
  ({ double } = await loadMain({ configText: JSON.stringify({ prometheusUrl: 'http://127.0.0.1:9' }) }));
  const dir = mkdtempSync(join(tmpdir(), 'ccmon-hosts-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  const service = createMonitorService({ settings: { ...defaultSettings, prometheusUrl: 'http://127.0.0.1:9' }, env: { CLAUDE_CONFIG_DIR: join(dir, 'claude'), CCMON_CONFIG_DIR: join(dir, 'app') } });
  web = await startWebServer({ service, rendererDir: join(dir, 'renderer'), port: 0, refreshIntervalSeconds: 3600 });
});

after(async () => {
  await web?.close();
  if (double && double.callsOf('app.will-quit').length === 0) double.app.quit();
});

function post(method: string, arg: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(arg);
    const req = http.request({ host: '127.0.0.1', port: web.port, path: `/api/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const badCalls: Array<[ApiMethod, unknown]> = [
  ['getSummary', { since: '12' }],
  ['getSummary', { since: '2026-02-30' }],
  ['getSummary', { since: '2026-11-28T10:00:00Z', until: '2026-11-28T09:00:00Z' }],
  ['getSummary', { since: '0001-01-01T00:00:00Z' }],
  ['getUsageSeries', { range: '1y' }],
  ['getEnvSnippet', { shell: 'tcsh', mode: 'push' }],
  ['stackPurge', {}],
  ['updateSettings', { patch: { refreshIntervalSeconds: 1 } }],
  ['getAppInfo', { extra: 1 }],
];

test('the same bad arguments get the same error code and message over IPC and over HTTP', async () => {
  for (const [method, arg] of badCalls) {
    const overIpc = (await double.ipcRenderer.invoke(methodChannel(method), arg)) as { error: { code: string; message: string } | null; result: unknown };
    const overHttp = await post(method, arg);
    assert.equal(overHttp.status, 400, `${method} ${JSON.stringify(arg)}: HTTP status`);
    assert.ok(overIpc.error, `${method}: IPC refused it`);
    assert.equal(overIpc.error.code, 'invalid-arguments', `${method} ${JSON.stringify(arg)}`);
    assert.deepEqual(overHttp.body, overIpc, `${method} ${JSON.stringify(arg)}: the same envelope`);
  }
});

test('an unknown method is refused alike (404 over HTTP)', async () => {
  const overHttp = await post('deleteEverything', {});
  const handlerMissing = await double.ipcRenderer.invoke('ccmon:deleteEverything', {}).then(() => false, () => true);
  assert.equal(overHttp.status, 404);
  assert.equal((overHttp.body as { error: { code: string } }).error.code, 'unknown-method');
  assert.ok(handlerMissing, 'IPC has no channel for it at all');
});
