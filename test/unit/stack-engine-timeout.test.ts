/**
 * An engine that accepts and never answers (a daemon starting, or wedged), on a real unix socket:
 * connectEngine gives up after its timeout and says "did not answer in time", and the manager turns
 * that into the 'engine-timeout' code of an AppError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { AppError } from '../../electron/core/api/error-codes.js';
import { connectEngine, defaultDiscoveryInput } from '../../electron/core/stack/engine.js';
import { StackManager } from '../../electron/core/stack/manager.js';
import { tempDir } from '../support/tmp.js';

async function silentEngine(): Promise<{ host: string; close(): Promise<void> }> {
  const dir = tempDir();
  const socket = path.join(dir.path, 'docker.sock');
  const open = new Set<Socket>();
  const server = createServer((c) => {
    open.add(c);
    c.on('close', () => open.delete(c));
  });
  await new Promise<void>((r) => server.listen(socket, () => r()));
  return {
    host: `unix://${socket}`,
    close: async () => {
      for (const c of open) c.destroy();
      await new Promise((r) => server.close(r));
      dir.remove();
    },
  };
}

test('an engine that never answers: connectEngine reports a timeout, in time', async () => {
  const engine = await silentEngine();
  try {
    const started = Date.now();
    const res = await connectEngine(defaultDiscoveryInput({ DOCKER_HOST: engine.host }), 300);
    assert.ok(Date.now() - started < 2_000);
    assert.equal(res.docker, null);
    assert.equal((res as { problem: string }).problem, 'timeout');
    assert.match(res.status.error!, /did not answer in time/);
  } finally {
    await engine.close();
  }
});

test('up against an engine that never answers: a StackError (an AppError) with code engine-timeout', async () => {
  const engine = await silentEngine();
  const cfg = tempDir();
  try {
    const env = { DOCKER_HOST: engine.host, CCMON_STACK_NAME: 'ccmon-timeout-test' };
    const manager = new StackManager({ env, configDir: cfg.path, urls: { prometheusUrl: 'http://127.0.0.1:1', lokiUrl: 'http://127.0.0.1:2', grafanaUrl: 'http://127.0.0.1:3' } });
    await assert.rejects(manager.up(), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.name, 'StackError');
      assert.equal(err.code, 'engine-timeout');
      assert.match(err.hint!, /starting or overloaded/);
      return true;
    });
  } finally {
    await engine.close();
    cfg.remove();
  }
});
