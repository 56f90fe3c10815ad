/** Lifecycle decisions: polling cadence (pauses when hidden), no-tray launches, stack notifications. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Poller, pollIntervalMs } from '../../electron/core/live/poller.js';
import { showWindowAtLaunch, stopStackOnQuit, trayLikelyAvailable, windowMode } from '../../electron/main/launch-policy.js';
import { stackOperationFailedNotice, stackTransitionNotice } from '../../electron/main/stack-notices.js';
import type { StackStatus } from '../../electron/core/api/types.js';

test('polling: the user’s interval while visible, slow (≥ 60 s) while hidden', () => {
  assert.equal(pollIntervalMs(true, 15), 15_000);
  assert.equal(pollIntervalMs(false, 15), 60_000);
  assert.equal(pollIntervalMs(false, 30), 120_000);
  assert.equal(pollIntervalMs(true, 0), 2_000);
});

test('poller: one tick at a time, re-armed at the current interval, kick runs now, stop stops', async () => {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  let ticks = 0;
  let visible = false;
  const poller = new Poller({
    tick: async () => {
      ticks++;
    },
    interval: () => pollIntervalMs(visible, 10),
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  });
  const settle = () => new Promise((r) => setImmediate(r));
  poller.start();
  await settle();
  assert.equal(ticks, 1);
  assert.equal(timers.at(-1)?.ms, 60_000, 'hidden: slow');
  visible = true;
  poller.kick();
  await settle();
  assert.equal(ticks, 2);
  assert.equal(timers[0]?.cleared, true);
  assert.equal(timers.at(-1)?.ms, 10_000, 'visible: the user’s interval');
  timers.at(-1)!.fn();
  await settle();
  assert.equal(ticks, 3);
  poller.stop();
  assert.equal(timers.at(-1)?.cleared, true);
  poller.kick();
  await settle();
  assert.equal(ticks, 3);
});

test('stock GNOME has no tray; Ubuntu’s GNOME, KDE, macOS and Windows do', () => {
  assert.equal(trayLikelyAvailable('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }), false);
  assert.equal(trayLikelyAvailable('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }), true);
  assert.equal(trayLikelyAvailable('linux', { XDG_CURRENT_DESKTOP: 'KDE' }), true);
  assert.equal(trayLikelyAvailable('linux', { XDG_CURRENT_DESKTOP: 'KDE', CCMON_NO_TRAY: '1' }), false);
  assert.equal(trayLikelyAvailable('linux', { XDG_CURRENT_DESKTOP: 'GNOME', CCMON_FORCE_TRAY: '1' }), true);
  assert.equal(trayLikelyAvailable('darwin', {}), true);
  assert.equal(trayLikelyAvailable('win32', {}), true);
});

test('a launch without a tray shows a normal window; with a tray, login launches stay hidden', () => {
  assert.equal(showWindowAtLaunch({ trayCreated: true, trayLikely: false, hidden: true, platform: 'linux' }), true);
  assert.equal(showWindowAtLaunch({ trayCreated: false, trayLikely: true, hidden: true, platform: 'darwin' }), true);
  assert.equal(showWindowAtLaunch({ trayCreated: true, trayLikely: true, hidden: true, platform: 'linux' }), false);
  assert.equal(showWindowAtLaunch({ trayCreated: true, trayLikely: true, hidden: false, platform: 'darwin' }), false);
  assert.equal(showWindowAtLaunch({ trayCreated: true, trayLikely: true, hidden: false, platform: 'linux' }), true);
  assert.equal(windowMode(true, true), 'popover');
  assert.equal(windowMode(true, false), 'window');
  assert.equal(windowMode(false, true), 'window');
});

test('stack notifications: on failure and on degradation, not at launch and not twice', () => {
  const status: StackStatus = { engine: { reachable: false, socket: null, version: null, error: 'Docker is not running.', hint: 'Start Docker Desktop.' }, services: [] };
  assert.equal(stackTransitionNotice(null, 'error', status, null), null);
  assert.deepEqual(stackTransitionNotice('running', 'error', status, null), { title: 'Claude Code Monitor: stack error', body: 'Docker is not running. Start Docker Desktop.' });
  assert.equal(stackTransitionNotice('error', 'error', status, null), null);
  const degraded: StackStatus = { engine: { reachable: true, socket: 's', version: '1', error: null }, services: [{ name: 'prometheus', state: 'running', ready: true, url: '' }, { name: 'grafana', state: 'exited', ready: false, url: '' }] };
  assert.deepEqual(stackTransitionNotice('running', 'degraded', degraded, null), { title: 'Claude Code Monitor: stack degraded', body: 'Not running: grafana.' });
  assert.equal(stackTransitionNotice('stopped', 'running', degraded, null), null);
  assert.deepEqual(stackOperationFailedNotice('up', { message: 'Port 9090 is taken.', hint: 'Change prometheusUrl.' }), { title: 'Claude Code Monitor: could not start the stack', body: 'Port 9090 is taken. Change prometheusUrl.' });
});

test('quitting leaves the stack running unless the user chose to stop it (and there is one to stop)', () => {
  assert.equal(stopStackOnQuit(false, true, 'running'), false);
  assert.equal(stopStackOnQuit(true, true, 'running'), true);
  assert.equal(stopStackOnQuit(true, true, 'degraded'), true);
  assert.equal(stopStackOnQuit(true, true, 'stopped'), false);
  assert.equal(stopStackOnQuit(true, false, 'running'), false);
});
