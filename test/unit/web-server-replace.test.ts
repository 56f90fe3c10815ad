/** Web mode after a secret changed: a new service takes over the API and the event stream; the old one is let go. */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { settingsSchema } from '../../electron/core/config/settings-schema.js';
import { createMonitorService } from '../../electron/core/service.js';
import { startWebServer } from '../../electron/web/server.js';
import { tempDir } from '../support/tmp.js';

const appInfo = async (port: number): Promise<{ prometheusUrl: string }> => {
  const res = await fetch(`http://127.0.0.1:${port}/api/getAppInfo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  return ((await res.json()) as { result: { prometheusUrl: string } }).result;
};

test('replaceService: calls and events come from the new service only', async (t) => {
  const tmp = tempDir('ccmon-web-replace-');
  mkdirSync(join(tmp.path, 'renderer'));
  writeFileSync(join(tmp.path, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const env = { CLAUDE_CONFIG_DIR: join(tmp.path, 'claude'), CCMON_CONFIG_DIR: join(tmp.path, 'app') };
  const serviceAt = (url: string) => createMonitorService({ settings: settingsSchema.parse({ prometheusUrl: url, exporterUrl: 'http://127.0.0.1:9/metrics' }), env });
  const first = serviceAt('http://127.0.0.1:9');
  const server = await startWebServer({ service: first, rendererDir: join(tmp.path, 'renderer'), port: 0, refreshIntervalSeconds: 3600 });
  t.after(async () => {
    await server.close();
    tmp.remove();
  });
  assert.equal((await appInfo(server.port)).prometheusUrl, 'http://127.0.0.1:9');

  const frames: string[] = [];
  const stream = await new Promise<http.ClientRequest>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => frames.push(...c.split('\n\n').filter((f) => f.startsWith('event: '))));
      resolve(req);
    });
  });
  t.after(() => stream.destroy());

  const second = serviceAt('http://127.0.0.1:10');
  server.replaceService(second);
  assert.equal((await appInfo(server.port)).prometheusUrl, 'http://127.0.0.1:10');
  first.events.emit('stack:pull-progress', { fraction: 0.1, image: 'old', detail: '' });
  second.events.emit('stack:pull-progress', { fraction: 0.9, image: 'new', detail: '' });
  for (let i = 0; i < 50 && frames.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(frames.map((f) => (JSON.parse(f.split('\ndata: ')[1]!) as { image: string }).image), ['new']);
});
