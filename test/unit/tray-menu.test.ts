/** The tray menu is a pure function of state: which items exist, which are enabled, what they do. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTrayMenu, defaultSnippetShell, findMenuItem, menuAttachment, snippetShells, type TrayMenuState } from '../../electron/main/tray-menu.js';
import { trayStates } from '../../electron/main/tray-state.js';

const base: TrayMenuState = { state: 'stopped', operation: null, stackControl: true, todayUsd: 1.234, defaultShell: 'zsh', stopStackOnQuit: false, platform: 'linux' };
const enabled = (s: Partial<TrayMenuState>, id: string): boolean | undefined => findMenuItem(buildTrayMenu({ ...base, ...s }), id)?.enabled;

test('every state has the same items in the same order (Start/Stop, Grafana, env snippet, dashboard, settings, quit)', () => {
  for (const state of trayStates) {
    const ids = buildTrayMenu({ ...base, state }).map((i) => (i.type === 'separator' ? '-' : i.id));
    assert.deepEqual(ids, ['status', 'cost', '-', 'stack-start', 'stack-stop', '-', 'open-grafana', 'copy-env', 'copy-env-shells', '-', 'open-dashboard', 'settings', '-', 'quit']);
  }
});

test('Start is enabled when stopped, in error or degraded; Stop when running, degraded or starting', () => {
  const expect = { stopped: [true, false], starting: [false, true], running: [false, true], degraded: [true, true], error: [true, false] } as const;
  for (const state of trayStates) {
    assert.deepEqual([enabled({ state }, 'stack-start'), enabled({ state }, 'stack-stop')], [...expect[state]], state);
  }
});

test('while an operation runs, neither Start nor Stop is enabled and the status line says what is happening', () => {
  const items = buildTrayMenu({ ...base, state: 'starting', operation: 'up' });
  assert.equal(findMenuItem(items, 'stack-start')?.enabled, false);
  assert.equal(findMenuItem(items, 'stack-stop')?.enabled, false);
  assert.equal(findMenuItem(items, 'status')?.label, 'Starting the stack…');
  assert.equal(findMenuItem(buildTrayMenu({ ...base, state: 'starting', operation: 'down' }), 'status')?.label, 'Stopping the stack…');
});

test('without stack control, Start/Stop are disabled and the menu says so', () => {
  const items = buildTrayMenu({ ...base, stackControl: false });
  assert.equal(findMenuItem(items, 'stack-start')?.enabled, false);
  assert.equal(findMenuItem(items, 'status')?.label, 'Stack control unavailable');
});

test('Open Grafana only when Grafana can answer (running or degraded)', () => {
  assert.deepEqual(trayStates.map((state) => enabled({ state }, 'open-grafana')), [false, false, true, true, false]);
  assert.deepEqual(findMenuItem(buildTrayMenu(base), 'open-grafana')?.action, { kind: 'open-grafana' });
});

test('Copy env-var snippet copies the push snippet for the default shell, and a submenu offers every shell', () => {
  const items = buildTrayMenu(base);
  const copy = findMenuItem(items, 'copy-env');
  assert.deepEqual(copy?.action, { kind: 'copy-env', shell: 'zsh' });
  assert.match(copy?.label ?? '', /push/);
  const sub = findMenuItem(items, 'copy-env-shells')?.submenu ?? [];
  assert.deepEqual(sub.map((i) => (i.type === 'normal' ? i.action : null)), snippetShells.map((shell) => ({ kind: 'copy-env', shell })));
});

test("today's cost is shown, or that there is no data yet", () => {
  assert.equal(findMenuItem(buildTrayMenu(base), 'cost')?.label, 'Today: $1.23');
  assert.equal(findMenuItem(buildTrayMenu({ ...base, todayUsd: null }), 'cost')?.label, 'Today: no data yet');
});

test('Quit says when it will stop the stack', () => {
  assert.equal(findMenuItem(buildTrayMenu(base), 'quit')?.label, 'Quit');
  assert.equal(findMenuItem(buildTrayMenu({ ...base, stopStackOnQuit: true }), 'quit')?.label, 'Quit and stop the stack');
  assert.deepEqual(findMenuItem(buildTrayMenu(base), 'quit')?.action, { kind: 'quit' });
});

test('Open dashboard and Settings are always available and navigate', () => {
  for (const state of trayStates) {
    assert.deepEqual(findMenuItem(buildTrayMenu({ ...base, state }), 'open-dashboard')?.action, { kind: 'open-dashboard' });
    assert.deepEqual(findMenuItem(buildTrayMenu({ ...base, state }), 'settings')?.action, { kind: 'open-settings' });
  }
});

test('the same state gives the same menu (pure)', () => {
  assert.deepEqual(buildTrayMenu(base), buildTrayMenu({ ...base }));
});

test('default snippet shell: PowerShell on Windows, $SHELL when known, else the platform default', () => {
  assert.equal(defaultSnippetShell('win32', '/bin/zsh'), 'powershell');
  assert.equal(defaultSnippetShell('linux', '/usr/bin/fish'), 'fish');
  assert.equal(defaultSnippetShell('linux', '/bin/bash'), 'bash');
  assert.equal(defaultSnippetShell('darwin', undefined), 'zsh');
  assert.equal(defaultSnippetShell('linux', '/bin/tcsh'), 'bash');
});

test('menu attachment: context menu on Linux (AppIndicator), right-click popup on macOS/Windows so left click toggles the popover', () => {
  assert.equal(menuAttachment('linux'), 'context-menu');
  assert.equal(menuAttachment('darwin'), 'popup-on-right-click');
  assert.equal(menuAttachment('win32'), 'popup-on-right-click');
});
