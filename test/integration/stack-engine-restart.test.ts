/**
 * The engine killed while the stack runs, then restarted: the status says so within 5 s, and the
 * stack recovers by itself (restart policy + the manager's watcher), without `up`. Runs on an engine
 * of its own (see PrivateEngine), so the machine's engine and other people's containers are untouched.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { StackStatus } from '../../electron/core/api/types.js';
import { allReady } from '../../electron/core/stack/model.js';
import { PrivateEngine, prepareDocker, testImages, testStack, waitFor } from '../support/stack-harness.js';

const skip = prepareDocker() ?? (process.getuid?.() !== 0 ? 'starting a private dockerd needs root' : null);
const engine = new PrivateEngine();

after(async () => {
  if (!skip) await engine.destroy();
});

test('engine killed while the stack runs, then restarted: status says so within 5 s and recovers by itself', { skip: skip ?? false, timeout: 240_000 }, async () => {
  await engine.start();
  engine.loadImages([testImages.prometheus, testImages.loki, testImages.grafana]);
  const stack = await testStack({}, engine.socket);
  const manager = stack.manager();
  const seen: Array<{ at: number; status: StackStatus }> = [];
  manager.attach({ emit: (name, payload) => {
    if (name === 'stack:status') seen.push({ at: Date.now(), status: payload as StackStatus });
  } });
  const up = await manager.up();
  assert.ok(allReady(up));
  const stopWatching = manager.watch(1000);
  try {
    const killedAt = Date.now();
    await engine.kill();
    const down = await waitFor('a status saying the engine is gone', async () => seen.find((s) => s.at >= killedAt && !s.status.engine.reachable), 5_000, 50);
    const noticedMs = down.at - killedAt;
    assert.ok(noticedMs <= 5_000, `noticed after ${noticedMs} ms`);
    assert.match(down.status.engine.error!, /not running|did not answer|stopped answering/);
    console.log(`engine loss reported after ${noticedMs} ms: ${down.status.engine.error}`);

    const restartedAt = Date.now();
    await engine.start();
    const back = await waitFor('the stack ready again, by itself', async () => seen.find((s) => s.at >= restartedAt && allReady(s.status)), 90_000, 100);
    console.log(`stack ready again ${back.at - restartedAt} ms after the engine restarted`);
    assert.ok(back.status.services.every((s) => s.state === 'running' && s.ready));
  } finally {
    stopWatching();
    await stack.cleanup();
  }
});
