/** IPC calls: sender check, argument validation with the contract's zod schemas, and the envelope. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiMethods, type MonitorApi } from '../../electron/core/api/contract.js';
import { validateCall } from '../../electron/core/api/dispatch.js';
import { dispatchApiCall } from '../../electron/main/ipc-dispatch.js';
import { isTrustedRendererUrl } from '../../electron/main/security-policy.js';

const calls: Array<[string, unknown]> = [];
const api = new Proxy({} as MonitorApi, {
  get: (_t, method: string) => async (args: unknown) => {
    calls.push([method, args]);
    if (method === 'stackUp') throw Object.assign(new Error('Docker is not running.'), { code: 'engine-stopped', hint: 'Start Docker Desktop.' });
    return { ok: method };
  },
});
const trusted = { frameUrl: 'ccmon://renderer/index.html', isTrusted: (u: string | null | undefined) => isTrustedRendererUrl(u) };

test('bad arguments are rejected before the API is called, with the method and field named', async () => {
  calls.length = 0;
  const bad: Array<[string, unknown, RegExp]> = [
    ['getUsageSeries', { range: '1y' }, /getUsageSeries: range: /],
    ['getUsageSeries', {}, /getUsageSeries: range/],
    ['getSummary', { since: 'yesterday' }, /getSummary: since/],
    ['getSummary', { since: '2026-11-28T00:00:00Z', extra: 1 }, /getSummary: argument: .*extra/i],
    ['getSummary', 'not an object', /getSummary: argument/],
    ['stackUp', { force: true }, /stackUp/],
    ['updateSettings', { patch: { refreshIntervalSeconds: 1 } }, /updateSettings: patch\.refreshIntervalSeconds/],
    ['updateSettings', { patch: { prometheusUrl: 'file:///etc/passwd' } }, /updateSettings: patch\.prometheusUrl/],
    ['updateSettings', { patch: { prometheusAuth: { bearerToken: 'x' } } }, /updateSettings: patch/],
    ['updateSettings', { patch: { dailyBudgetUsd: -5 } }, /dailyBudgetUsd/],
  ];
  for (const [method, arg, message] of bad) {
    const env = await dispatchApiCall(api, method, arg, trusted);
    assert.equal(env.result, null, method);
    assert.equal(env.error?.code, 'invalid-arguments', `${method} ${JSON.stringify(arg)}`);
    assert.match(env.error?.message ?? '', message);
  }
  assert.deepEqual(calls, []);
});

test('good arguments reach the API (undefined counts as {}) and come back in the envelope', async () => {
  calls.length = 0;
  assert.deepEqual(await dispatchApiCall(api, 'getUsageSeries', { range: '7d' }, trusted), { error: null, result: { ok: 'getUsageSeries' } });
  assert.deepEqual(await dispatchApiCall(api, 'getStackStatus', undefined, trusted), { error: null, result: { ok: 'getStackStatus' } });
  assert.deepEqual(await dispatchApiCall(api, 'updateSettings', { patch: { dailyBudgetUsd: 20, telemetryMode: 'scrape' } }, trusted), { error: null, result: { ok: 'updateSettings' } });
  assert.deepEqual(calls, [
    ['getUsageSeries', { range: '7d' }],
    ['getStackStatus', {}],
    ['updateSettings', { patch: { dailyBudgetUsd: 20, telemetryMode: 'scrape' } }],
  ]);
});

test('a thrown error travels as {message, code, hint}', async () => {
  const env = await dispatchApiCall(api, 'stackUp', {}, trusted);
  assert.deepEqual(env, { error: { message: 'Docker is not running.', code: 'engine-stopped', hint: 'Start Docker Desktop.' }, result: null });
});

test('calls from any other frame are refused without reaching the API', async () => {
  calls.length = 0;
  for (const frameUrl of ['https://evil.example/', 'file:///tmp/x.html', 'ccmon://other/index.html', 'http://127.0.0.1:5173/', null, undefined, '']) {
    const env = await dispatchApiCall(api, 'getSummary', {}, { ...trusted, frameUrl });
    assert.equal(env.error?.code, 'forbidden-sender', String(frameUrl));
  }
  assert.deepEqual(calls, []);
});

test('unknown methods (including prototype names) are refused', async () => {
  for (const m of ['deleteEverything', 'constructor', '__proto__', 'toString']) {
    const env = await dispatchApiCall(api, m, {}, trusted);
    assert.equal(env.error?.code, 'unknown-method', m);
  }
});

test('a backend secret must be one line without spaces or control characters, of a known name', () => {
  for (const value of ['', 'two words', 'line\nbreak', 'tab\there', '\u0000', 'x'.repeat(8193)]) assert.equal(validateCall('setBackendSecret', { name: 'bearerToken', value }).ok, false, JSON.stringify(value));
  assert.equal(validateCall('setBackendSecret', { name: 'apiKey', value: 'x' }).ok, false);
  assert.equal(validateCall('setBackendSecret', { name: 'basicPassword', value: 'pä$$-wörd' }).ok, true);
});

test('every API method has a schema that accepts its documented empty or minimal argument', () => {
  const minimal: Record<string, unknown> = { getUsageSeries: { range: '24h' }, getEnvSnippet: { shell: 'bash', mode: 'push' }, previewApplyEnv: { mode: 'push' }, applyEnv: { mode: 'push' }, getGrafanaLinks: { range: '24h' }, updateSettings: { patch: {} }, stackPurge: { confirm: true }, setBackendSecret: { name: 'bearerToken', value: null } };
  for (const m of apiMethods) assert.equal(validateCall(m, minimal[m] ?? {}).ok, true, m);
});
