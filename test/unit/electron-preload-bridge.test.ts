/** The preload's bridge: named functions from the main process's manifest, envelopes opened into real errors, on(). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiEventNames, apiMethods, eventChannel, methodChannel } from '../../electron/core/api/contract.js';
import { bridgeArgument, bridgeManifest } from '../../electron/main/bridge-manifest.js';
import { ApiError, createBridge, manifestFromArgv } from '../../electron/preload/bridge.js';

test('the manifest the main process hands over round-trips through argv and covers the whole contract', () => {
  const manifest = manifestFromArgv(['/path/electron', '--type=renderer', bridgeArgument()]);
  assert.deepEqual(manifest, bridgeManifest());
  assert.deepEqual(Object.keys(manifest.methods).sort(), [...apiMethods].sort());
  for (const m of apiMethods) assert.equal(manifest.methods[m], methodChannel(m));
  for (const e of apiEventNames) assert.equal(manifest.events[e], eventChannel(e));
  assert.equal(manifestFromArgv(['--ccmon-bridge=%%%']), null);
  assert.equal(manifestFromArgv([]), null);
});

test('window.ccmon is exactly the API methods plus on(), frozen', async () => {
  const invoked: Array<[string, unknown]> = [];
  const bridge = createBridge(bridgeManifest(), {
    invoke: async (channel, arg) => {
      invoked.push([channel, arg]);
      return { error: null, result: { channel } };
    },
    subscribe: () => () => undefined,
  }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  assert.deepEqual(Object.keys(bridge).sort(), [...apiMethods, 'on'].sort());
  assert.ok(Object.isFrozen(bridge));
  assert.deepEqual(await bridge.getUsageSeries!({ range: '7d' }), { channel: 'ccmon:getUsageSeries' });
  await bridge.getStackStatus!();
  assert.deepEqual(invoked, [
    ['ccmon:getUsageSeries', { range: '7d' }],
    ['ccmon:getStackStatus', {}],
  ]);
});

test('an error envelope rejects with a real Error carrying code and hint', async () => {
  const bridge = createBridge(bridgeManifest(), {
    invoke: async () => ({ error: { message: 'Docker is not running.', code: 'engine-stopped', hint: 'Start it.' }, result: null }),
    subscribe: () => () => undefined,
  });
  await assert.rejects(bridge.stackUp({}), (err: unknown) => err instanceof Error && err instanceof ApiError && err.message === 'Docker is not running.' && err.code === 'engine-stopped' && err.hint === 'Start it.');
});

test('on() subscribes to the event channel, passes only the payload, and refuses unknown events', () => {
  const subs: string[] = [];
  let deliver: (p: unknown) => void = () => undefined;
  let unsubscribed = false;
  const bridge = createBridge(bridgeManifest(), {
    invoke: async () => ({ error: null, result: null }),
    subscribe: (channel, listener) => {
      subs.push(channel);
      deliver = listener;
      return () => {
        unsubscribed = true;
      };
    },
  });
  const got: unknown[] = [];
  const off = bridge.on('stack:status', (p) => got.push(p));
  deliver({ engine: { reachable: true } });
  off();
  assert.deepEqual(subs, ['ccmon:event:stack:status']);
  assert.deepEqual(got, [{ engine: { reachable: true } }]);
  assert.equal(unsubscribed, true);
  assert.throws(() => bridge.on('ipc:raw' as never, () => undefined), /Unknown event/);
  assert.throws(() => bridge.on('constructor' as never, () => undefined), /Unknown event/);
});
