/**
 * The watcher without an engine (a socket that isn't there): readiness is still probed from the
 * host, so a real HTTP server that starts answering Prometheus's ready path changes the status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import type { StackStatus } from '../../electron/core/api/types.js';
import { StackManager } from '../../electron/core/stack/manager.js';
import { freePorts } from '../support/ports.js';
import { tempDir } from '../support/tmp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('watch: emits a status when it changes (not on every tick), and nothing after stop', async () => {
  const dir = tempDir();
  const [p, l, g] = await freePorts(3);
  const server = http.createServer((req, res) => res.writeHead(req.url === '/-/ready' ? 200 : 404).end());
  const manager = new StackManager({
    env: { DOCKER_HOST: `unix://${dir.path}/missing.sock`, CCMON_STACK_NAME: 'ccmon-watch-test' },
    configDir: dir.path,
    urls: { prometheusUrl: `http://127.0.0.1:${p}`, lokiUrl: `http://127.0.0.1:${l}`, grafanaUrl: `http://127.0.0.1:${g}` },
    probeTimeoutMs: 500,
  });
  const seen: StackStatus[] = [];
  manager.attach({ emit: (name, payload) => void (name === 'stack:status' && seen.push(payload as StackStatus)) });
  const prometheusReady = (s: StackStatus): boolean => s.services.find((x) => x.name === 'prometheus')!.ready;
  const stop = manager.watch(30);
  try {
    await until('the first status', () => seen.length === 1);
    assert.equal(seen[0]!.engine.reachable, false);
    assert.equal(prometheusReady(seen[0]!), false);
    await new Promise((r) => setTimeout(r, 200)); // several ticks, nothing changed
    assert.equal(seen.length, 1);
    await new Promise<void>((r) => server.listen(p, '127.0.0.1', () => r()));
    await until('prometheus ready', () => seen.length === 2);
    assert.equal(prometheusReady(seen[1]!), true);
  } finally {
    stop();
  }
  await new Promise((r) => server.close(r));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(seen.length, 2);
  dir.remove();
});

test('watch: stop() lets a process exit at once, not after the interval', async () => {
  const dir = tempDir();
  const [p, l, g] = await freePorts(3);
  const script = path.join(dir.path, 'watch.mts');
  writeFileSync(script, `import { StackManager } from ${JSON.stringify(path.join(root, 'electron/core/stack/manager.ts'))};
const manager = new StackManager({
  env: { DOCKER_HOST: 'unix://${dir.path}/missing.sock', CCMON_STACK_NAME: 'ccmon-watch-exit' },
  configDir: ${JSON.stringify(dir.path)},
  urls: { prometheusUrl: 'http://127.0.0.1:${p}', lokiUrl: 'http://127.0.0.1:${l}', grafanaUrl: 'http://127.0.0.1:${g}' },
});
let stop = () => {};
manager.attach({ emit: () => { stop(); console.log('stopped'); } });
stop = manager.watch(60_000);
`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const hung = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await exited;
  clearTimeout(hung);
  dir.remove();
  assert.equal(out.trim(), 'stopped');
  assert.equal(code, 0, 'the process hung after stop() and was killed');
});
