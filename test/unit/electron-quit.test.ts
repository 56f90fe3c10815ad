/** Quitting, with a fake app: loops stopped once; with "stop stack on quit", the first quit held until the stack stopped (or failed), then quit again. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { handleQuit, type QuitDeps } from '../../electron/main/quit.js';

class FakeApp extends EventEmitter {
  quits = 0;
  prevented = 0;
  quit(): void {
    this.quits++;
    const event = { preventDefault: () => void this.prevented++ };
    this.emit('before-quit', event);
  }
}

function rig(over: Partial<QuitDeps> = {}) {
  const app = new FakeApp();
  const seen = { quitting: 0, stops: 0, downs: 0, logs: [] as string[] };
  handleQuit(app as never, {
    quitting: () => void seen.quitting++,
    stop: () => void seen.stops++,
    stopStackFirst: () => false,
    stackDown: async () => void seen.downs++,
    log: (m) => seen.logs.push(m),
    ...over,
  });
  return { app, seen };
}

test('the stack left running: loops stopped, the quit goes through', () => {
  const { app, seen } = rig();
  app.quit();
  assert.deepEqual([seen.quitting, seen.stops, seen.downs, app.prevented], [1, 1, 0, 0]);
});

test('stop stack on quit: the first quit is held until the stack stopped, then the app quits again (once)', async () => {
  let release!: () => void;
  const { app, seen } = rig({ stopStackFirst: () => true, stackDown: () => new Promise<void>((r) => (release = r)) });
  app.quit();
  assert.equal(app.prevented, 1);
  assert.equal(app.quits, 1);
  release();
  await new Promise((r) => setImmediate(r));
  assert.equal(app.quits, 2, 'quit again after the stack stopped');
  assert.equal(app.prevented, 1, 'the second quit is not held');
  assert.deepEqual([seen.quitting, seen.stops], [2, 1]);
});

test('a failing stop is logged and the app still quits', async () => {
  const { app, seen } = rig({ stopStackFirst: () => true, stackDown: () => Promise.reject(new Error('no engine')) });
  app.quit();
  await new Promise((r) => setImmediate(r));
  assert.equal(app.quits, 2);
  assert.ok(seen.logs.includes('stop on quit: no engine'), seen.logs.join('\n'));
});
