/**
 * Issue 14, the web server's own limits: a window given backwards is a bad argument (400, with its code,
 * like every other bad argument), and a client that never finishes its request is cut off.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { createMonitorService } from '../../electron/core/service.js';
import { headersTimeoutMs, startWebServer, type WebServer } from '../../electron/web/server.js';
import { tempDir } from '../support/tmp.js';

let web: WebServer;
const dir = tempDir('ccmon-rel-web-');
before(async () => {
  mkdirSync(join(dir.path, 'renderer'));
  writeFileSync(join(dir.path, 'renderer', 'index.html'), '<!doctype html>');
  const service = createMonitorService({ settings: { ...defaultSettings, prometheusUrl: 'http://127.0.0.1:9' }, env: { CLAUDE_CONFIG_DIR: join(dir.path, 'claude'), CCMON_CONFIG_DIR: join(dir.path, 'app') } });
  web = await startWebServer({ service, rendererDir: join(dir.path, 'renderer'), port: 0, refreshIntervalSeconds: 3600 });
});
after(async () => {
  await web?.close();
  dir.remove();
});

describe('web mode: bad windows and slow clients', () => {
  it('getSummary with since after until: 400, invalid-arguments, the fields named', async () => {
    type Answer = { status: number; body: { error: { code: string; message: string } } };
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: web.port, path: '/api/getSummary', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ since: '2026-11-28T10:00:00Z', until: '2026-11-28T09:00:00Z' }));
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid-arguments');
    assert.match(answer.body.error.message, /getSummary: since: .* must be before until/);
  });

  it('a client that sends its headers a byte at a time is cut off after the headers timeout', { timeout: headersTimeoutMs + 15_000 }, async () => {
    const started = Date.now();
    const socket = net.connect(web.port, '127.0.0.1');
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.on('error', () => undefined);
    const slow = setInterval(() => socket.write('X'), 500);
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const ms = await closed;
    clearInterval(slow);
    assert.ok(ms >= headersTimeoutMs - 1000 && ms < headersTimeoutMs + 5000, `closed after ${ms} ms`);
  });
});
