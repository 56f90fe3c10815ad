/** What the tray shows (pure): stack status, the running operation, today's cost and its staleness, stack notices on transitions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StackStatus, Summary } from '../../electron/core/api/types.js';
import type { Notice } from '../../electron/main/stack-notices.js';
import { TrayModel, type TrayFacts } from '../../electron/main/tray-model.js';
import type { TrayView } from '../../electron/main/tray.js';

const engine = { reachable: true, socket: '/var/run/docker.sock', version: '26.1', error: null };
const running: StackStatus = { engine, services: (['prometheus', 'loki', 'grafana'] as const).map((name) => ({ name, state: 'running', ready: true, url: 'http://127.0.0.1' })) };
const noEngine: StackStatus = { engine: { ...engine, reachable: false, error: 'The Docker engine is not reachable.' }, services: [] };

function rig(facts: Partial<TrayFacts> = {}) {
  const notices: Notice[] = [];
  const views: TrayView[] = [];
  const clock = { now: new Date('2026-11-28T15:00:00Z') };
  const model = new TrayModel(() => ({ stackControl: true, stopStackOnQuit: false, defaultShell: 'bash', platform: 'linux', planAlertPercent: 80, ...facts }), (n) => notices.push(n), () => clock.now);
  model.onChange((v) => views.push(v));
  return { model, notices, views, clock };
}

test('the first view: stopped, no cost, the facts as given', () => {
  const { model } = rig({ stopStackOnQuit: true, platform: 'darwin' });
  assert.deepEqual(model.view(), {
    stackControl: true,
    stopStackOnQuit: true,
    defaultShell: 'bash',
    platform: 'darwin',
    state: 'stopped',
    icon: 'stopped',
    operation: null,
    todayUsd: null,
    cost: { todayUsd: null, staleSince: null },
  });
});

test('today’s cost follows the summaries; a failed refresh marks it stale (since the first failure) until the next good one', () => {
  const { model, views, clock } = rig();
  model.summaryOutcome({ ok: false, error: new Error('down'), at: 0 });
  assert.deepEqual(views.at(-1)?.cost, { todayUsd: null, staleSince: null }, 'nothing known: nothing stale');
  model.summaryOutcome({ ok: true, summary: { costUsd: 9 } as Summary, at: 0 });
  assert.deepEqual(views.at(-1)?.cost, { todayUsd: 9, staleSince: null });
  assert.equal(views.at(-1)?.todayUsd, 9);
  model.summaryOutcome({ ok: false, error: new Error('down'), at: 0 });
  clock.now = new Date('2026-11-28T15:05:00Z');
  model.summaryOutcome({ ok: false, error: new Error('down'), at: 0 });
  assert.deepEqual(views.at(-1)?.cost, { todayUsd: 9, staleSince: '2026-11-28T15:00:00.000Z' });
  model.summaryOutcome({ ok: true, summary: { costUsd: 9.5 } as Summary, at: 0 });
  assert.deepEqual(views.at(-1)?.cost, { todayUsd: 9.5, staleSince: null });
});

test('the 5-hour plan figure rides along with the cost, and turns the icon when past the first alert threshold', () => {
  const { model, views } = rig();
  model.setStackStatus(running);
  const planLimits = (usedPercent: number, resetsAt = '2026-11-28T17:00:00.000Z') => ({ fiveHour: { usedPercent, resetsAt, observedAt: resetsAt, projectedPercentAtReset: usedPercent, limitAt: null }, sevenDay: null });
  model.summaryOutcome({ ok: true, summary: { costUsd: 2, planLimits: planLimits(37) } as unknown as Summary, at: 0 });
  assert.deepEqual(views.at(-1)?.cost, { todayUsd: 2, staleSince: null, fiveHourPercent: 37 });
  assert.equal(views.at(-1)?.icon, 'running');
  model.summaryOutcome({ ok: true, summary: { costUsd: 3, planLimits: planLimits(86) } as unknown as Summary, at: 0 });
  assert.equal(views.at(-1)?.icon, 'limit');
  model.summaryOutcome({ ok: true, summary: { costUsd: 3, planLimits: planLimits(86, '2026-11-28T14:00:00.000Z') } as unknown as Summary, at: 0 });
  assert.equal(views.at(-1)?.cost.fiveHourPercent, 0, 'the window reset: 0%');
  assert.equal(views.at(-1)?.icon, 'running');
});

test('an operation is busy and shows as starting; a success takes its status and clears the last error', () => {
  const { model, views } = rig();
  model.endOperation({ ok: false, message: 'boom' });
  assert.equal(model.state(), 'error');
  model.beginOperation('up');
  assert.equal(model.busy(), true);
  assert.deepEqual([views.at(-1)?.state, views.at(-1)?.operation], ['starting', 'up']);
  model.endOperation({ ok: true, status: running });
  assert.equal(model.busy(), false);
  assert.equal(model.state(), 'running');
});

test('a failed operation keeps the last status, and the move to error is announced once with the reason', () => {
  const { model, notices } = rig();
  model.setStackStatus(running);
  assert.deepEqual(notices, [], 'the first state is not announced');
  model.beginOperation('down');
  model.endOperation({ ok: false, message: 'The Docker engine is not reachable.' });
  assert.equal(model.state(), 'running', 'the status is what was last reported');
  model.setStackStatus(noEngine);
  model.refresh();
  assert.deepEqual(notices, [{ title: 'Claude Code Monitor: stack error', body: 'The Docker engine is not reachable.' }]);
});

test('facts are read at every view (stack control lost after a rebuild)', () => {
  let stackControl = true;
  const model = new TrayModel(() => ({ stackControl, stopStackOnQuit: false, defaultShell: 'zsh', platform: 'linux', planAlertPercent: 80 }), () => undefined);
  assert.equal(model.view().stackControl, true);
  stackControl = false;
  assert.equal(model.view().stackControl, false);
});
