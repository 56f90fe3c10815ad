/**
 * Issue 14, cases 1 and 9: whatever answers at the Prometheus URL, the CLI and web mode stay bounded and
 * say in words what is wrong. The peers here misbehave on purpose, so they are small HTTP servers, not
 * a real Prometheus.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ccmonBin, ccmonRun, peakRssKb } from '../support/ccmon.js';
import { serveHttp, streamHuge, type TestServer } from '../support/http-server.js';
import { freePort } from '../support/ports.js';
import { tempDir } from '../support/tmp.js';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const MB = 1024 * 1024;

async function hugePrometheus(): Promise<{ url: string; sent: () => number }> {
  let counter: () => number = () => 0;
  let total = 0;
  const server = await serveHttp((req, res) => {
    req.resume();
    const previous = counter;
    const current = streamHuge(res, 300 * MB);
    counter = () => previous() + current();
    total++;
  });
  servers.push(server);
  return { url: server.url, sent: () => counter() + total * 0 };
}

describe('1. a Prometheus answer of any size is not read into memory', () => {
  it('1. ccmon summary: cut off at the cap, a sentence, exit 1, bounded memory and time', async () => {
    const prom = await hugePrometheus();
    const run = await ccmonRun(['summary', '--json'], { env: { CCMON_PROMETHEUS_URL: prom.url, CCMON_SUMMARY_CACHE: 'off' } });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /answered more than 8 MiB on \/api\/v1\/query: not a Prometheus API answer/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(run.peakRssKb > 0, 'peak RSS was read from /proc');
    assert.ok(run.peakRssKb < 200 * 1024, `peak RSS ${Math.round(run.peakRssKb / 1024)} MiB stays under 200 MiB (was 2.5 GB)`);
    assert.ok(run.wallMs < 15_000, `answered in ${Math.round(run.wallMs)} ms (was 36 s)`);
    assert.ok(prom.sent() < 300 * MB * 20, 'the server was not read to the end');
  });

  it('1. ccmon web: repeated summaries against it keep the server small', async () => {
    const prom = await hugePrometheus();
    const dir = tempDir('ccmon-rel-web-');
    mkdirSync(join(dir.path, 'renderer'));
    writeFileSync(join(dir.path, 'renderer', 'index.html'), '<!doctype html>');
    const port = await freePort();
    const child = spawn(process.execPath, [ccmonBin, 'web', '--port', String(port)], {
      env: { PATH: process.env.PATH, HOME: dir.path, CCMON_CONFIG_DIR: join(dir.path, 'config'), CCMON_CACHE_DIR: join(dir.path, 'cache'), CCMON_PROMETHEUS_URL: prom.url, CCMON_RENDERER_DIR: join(dir.path, 'renderer'), DOCKER_HOST: `unix://${join(dir.path, 'none.sock')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => (c.toString().includes('Claude Code Monitor:') ? resolve() : undefined));
        child.once('exit', (code) => reject(new Error(`ccmon web exited ${code}`)));
      });
      type Answer = { status: number; body: { error: { code: string; message: string } | null } };
      const call = (): Promise<Answer> =>
        new Promise((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port, path: '/api/getSummary', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
          });
          req.on('error', reject);
          req.end('{}');
        });
      for (let i = 0; i < 5; i++) {
        const answer = await call();
        assert.equal(answer.body.error?.code, 'prometheus-too-large');
      }
      const peak = peakRssKb(child.pid!);
      assert.ok(peak > 0 && peak < 200 * 1024, `ccmon web peaked at ${Math.round(peak / 1024)} MiB (was 1.35 GB)`);
    } finally {
      child.kill('SIGTERM');
      dir.remove();
    }
  });
});

describe('9. malformed Prometheus answers are named, not JavaScript errors', () => {
  const cases: Array<[string, (res: http.ServerResponse) => void]> = [
    ['{"status":"success"} without data', (res) => res.end(JSON.stringify({ status: 'success' }))],
    ['data.result null', (res) => res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: null } }))],
    ['a vector of odd samples', (res) => res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: 1, value: 'x' }] } }))],
    ['an HTML page with 200', (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>')],
  ];
  for (const [name, answer] of cases) {
    it(`9. ${name}: "not Prometheus API JSON", exit 1`, async () => {
      const server = await serveHttp((req, res) => {
        req.resume();
        answer(res);
      });
      servers.push(server);
      const run = await ccmonRun(['summary', '--json'], { env: { CCMON_PROMETHEUS_URL: server.url, CCMON_SUMMARY_CACHE: 'off' } });
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`Prometheus at ${server.url} answered something that is not Prometheus API JSON`));
      assert.match(run.stderr, /is a Prometheus server/);
      assert.doesNotMatch(run.stderr, /Cannot read properties|TypeError|undefined/);
      assert.equal(run.stdout, '');
    });
  }
});
