/** The tray menu's actions with fakes: stack operations one at a time with their failure said once, Grafana gated, the snippet copied, views shown, quit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MonitorApi } from '../../electron/core/api/contract.js';
import type { StackStatus } from '../../electron/core/api/types.js';
import type { Notice } from '../../electron/main/stack-notices.js';
import { trayActions, type TrayActionDeps } from '../../electron/main/tray-actions.js';
import { TrayModel } from '../../electron/main/tray-model.js';

const running: StackStatus = { engine: { reachable: true, socket: '/s', version: '26', error: null }, services: [{ name: 'grafana', state: 'running', ready: true, url: 'http://127.0.0.1:3001' }] };

function rig(api: Partial<MonitorApi> = {}, over: Partial<TrayActionDeps> = {}) {
  const seen = { notices: [] as Notice[], clicks: [] as Array<(() => void) | undefined>, copied: [] as string[], opened: [] as string[], views: [] as string[], logs: [] as string[], quits: 0 };
  const model = new TrayModel(() => ({ stackControl: true, stopStackOnQuit: false, defaultShell: 'bash', platform: 'linux', planAlertPercent: 80 }), () => undefined);
  const run = trayActions({
    api: () => api as MonitorApi,
    stackControl: () => true,
    tray: model,
    grafanaUrl: () => 'http://127.0.0.1:3001',
    openExternal: (url, origin) => (url.startsWith(origin) ? (seen.opened.push(url), true) : false),
    copy: async (text) => void seen.copied.push(text),
    notify: (n, onClick) => (seen.notices.push(n), seen.clicks.push(onClick)),
    showView: async (view) => void seen.views.push(view),
    quit: () => void seen.quits++,
    log: (m) => seen.logs.push(m),
    ...over,
  });
  return { run, model, seen };
}

test('start: busy while it runs (a second start does nothing), then the status it returned', async () => {
  let release!: (s: StackStatus) => void;
  let calls = 0;
  const { run, model } = rig({ stackUp: () => (calls++, new Promise((r) => (release = r))) });
  const first = run({ kind: 'stack-up' });
  assert.equal(model.state(), 'starting');
  await run({ kind: 'stack-up' });
  await run({ kind: 'stack-down' });
  assert.equal(calls, 1, 'one operation at a time');
  release(running);
  await first;
  assert.equal(model.busy(), false);
  assert.equal(model.state(), 'running');
});

test('a failed stop is said once with its hint, and the notification opens the dashboard', async () => {
  const { run, model, seen } = rig({ stackDown: () => Promise.reject(Object.assign(new Error('The Docker engine is not reachable.'), { hint: 'Start Docker.' })) });
  await run({ kind: 'stack-down' });
  assert.deepEqual(seen.notices, [{ title: 'Claude Code Monitor: could not stop the stack', body: 'The Docker engine is not reachable. Start Docker.' }]);
  assert.equal(model.state(), 'error');
  seen.clicks[0]!();
  assert.deepEqual(seen.views, ['dashboard']);
});

test('without stack control, start and stop do nothing', async () => {
  const { run, model } = rig({ stackUp: () => assert.fail('not called') }, { stackControl: () => false });
  await run({ kind: 'stack-up' });
  assert.equal(model.state(), 'stopped');
});

test('Open Grafana opens the overview link of the configured Grafana, and refuses (logged) any other origin', async () => {
  const links = { overview: 'http://127.0.0.1:3001/d/ccmon-overview' } as Awaited<ReturnType<MonitorApi['getGrafanaLinks']>>;
  const { run, seen } = rig({ getGrafanaLinks: async () => links });
  await run({ kind: 'open-grafana' });
  assert.deepEqual(seen.opened, ['http://127.0.0.1:3001/d/ccmon-overview']);
  const other = rig({ getGrafanaLinks: async () => ({ ...links, overview: 'https://evil.example/' }) });
  await other.run({ kind: 'open-grafana' });
  assert.deepEqual(other.seen.opened, []);
  assert.deepEqual(other.seen.logs, ['refused to open https://evil.example/']);
});

test('Copy env-var snippet: the push snippet for the shell, copied and said; a failure is said', async () => {
  const modes: string[] = [];
  const { run, seen } = rig({ getEnvSnippet: async ({ shell, mode }) => (modes.push(mode), { shell, mode, text: `export X=1 # ${shell}`, where: '~/.zshrc' }) as never });
  await run({ kind: 'copy-env', shell: 'zsh' });
  assert.deepEqual(seen.copied, ['export X=1 # zsh']);
  assert.deepEqual(modes, ['push']);
  assert.deepEqual(seen.notices, [{ title: 'Env-var snippet copied', body: 'Push mode, for zsh. Paste it into ~/.zshrc.' }]);
  const failing = rig({ getEnvSnippet: () => Promise.reject(new Error('unknown shell')) });
  await failing.run({ kind: 'copy-env', shell: 'fish' });
  assert.deepEqual(failing.seen.notices, [{ title: 'Could not copy the env-var snippet', body: 'unknown shell' }]);
});

test('dashboard, settings and quit', async () => {
  const { run, seen } = rig();
  await run({ kind: 'open-dashboard' });
  await run({ kind: 'open-settings' });
  await run({ kind: 'quit' });
  assert.deepEqual(seen.views, ['dashboard', 'settings']);
  assert.equal(seen.quits, 1);
});
