import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { settingsSchema } from '../../electron/core/config/settings-schema.js';
import { createMonitorService, type MonitorService } from '../../electron/core/service.js';
import { envSnippet } from '../../electron/core/env/snippet.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const post = (port: number, method: string, body: unknown, headers: Record<string, string> = {}) =>
  request(port, `/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

let dir: string;
let server: WebServer;
let service: MonitorService;
const settings = settingsSchema.parse({ prometheusUrl: 'http://127.0.0.1:9', exporterUrl: 'http://127.0.0.1:9/metrics' });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmon-web-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  service = createMonitorService({ settings, env: { CLAUDE_CONFIG_DIR: join(dir, 'claude'), CCMON_CONFIG_DIR: join(dir, 'app') } });
  server = await startWebServer({ service, rendererDir: join(dir, 'renderer'), port: 0, refreshIntervalSeconds: 3600 });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ccmon web server', () => {
  it('listens on 127.0.0.1 only', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the page with a strict CSP and no CORS headers', async () => {
    const res = await request(server.port, '/');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-security-policy'] ?? ''), /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const js = await request(server.port, '/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'] ?? '', /javascript/);
  });

  it('rejects a non-loopback Host (DNS rebinding) with 421, on pages and the API', async () => {
    assert.equal((await request(server.port, '/', { headers: { Host: 'evil.example' } })).status, 421);
    assert.equal((await post(server.port, 'getAppInfo', {}, { Host: `evil.example:${server.port}` })).status, 421);
    assert.equal((await request(server.port, '/', { headers: { Host: `localhost:${server.port}` } })).status, 200);
  });

  it('carries the typed API: valid calls → envelope result', async () => {
    const res = await post(server.port, 'getEnvSnippet', { shell: 'bash', mode: 'push' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const body = JSON.parse(res.body) as { error: null; result: { text: string } };
    assert.equal(body.error, null);
    assert.equal(body.result.text, envSnippet('bash', 'push', settings).text);
  });

  it('validates arguments with apiArgSchemas (400) and refuses unknown methods (404)', async () => {
    const bad = await post(server.port, 'getEnvSnippet', { shell: 'tcsh', mode: 'push' });
    assert.equal(bad.status, 400);
    assert.equal((JSON.parse(bad.body) as { error: { code: string } }).error.code, 'invalid-arguments');
    assert.equal((await post(server.port, 'getUsageSeries', { range: '1y' })).status, 400);
    assert.equal((await post(server.port, 'getAppInfo', { extra: 1 })).status, 400);
    assert.equal((await post(server.port, 'constructor', {})).status, 404);
    assert.equal((await post(server.port, 'toString', {})).status, 404);
    const notJson = await request(server.port, '/api/getAppInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    assert.equal(notJson.status, 400);
  });

  it('a failing call answers with the error in the envelope', async () => {
    const res = await post(server.port, 'getSummary', {});
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body) as { error: { message: string }; result: null };
    assert.equal(body.result, null);
    assert.ok(body.error.message.length > 0);
  });

  it('refuses cross-origin calls and simple (non-JSON) posts; preflights get no CORS answer', async () => {
    assert.equal((await post(server.port, 'getAppInfo', {}, { Origin: 'https://evil.example' })).status, 403);
    assert.equal((await post(server.port, 'getAppInfo', {}, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal((await post(server.port, 'getAppInfo', {}, { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' })).status, 200);
    const plain = await request(server.port, '/api/applyEnv', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"mode":"push"}' });
    assert.equal(plain.status, 415);
    const preflight = await request(server.port, '/api/applyEnv', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 405);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await request(server.port, p);
      assert.notEqual(res.body, 'secret', p);
    }
  });

  it('pushes ApiEvents over SSE', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
        assert.match(res.headers['content-type'] ?? '', /text\/event-stream/);
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes('\n\n') && buf.includes('event: stack:pull-progress')) {
            req.destroy();
            resolve(buf);
          }
        });
        setTimeout(() => service.events.emit('stack:pull-progress', { fraction: 0.5, image: 'prom/prometheus:v3.5.0', detail: 'Downloading' }), 50);
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    });
    const frame = got.split('\n\n').find((f) => f.startsWith('event: stack:pull-progress'))!;
    assert.deepEqual(JSON.parse(frame.split('\ndata: ')[1]!), { fraction: 0.5, image: 'prom/prometheus:v3.5.0', detail: 'Downloading' });
  });
});
