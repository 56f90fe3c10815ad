/** Tray state, icon, tooltip and title from the stack's status (pure). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ServiceStatus, StackStatus } from '../../electron/core/api/types.js';
import { trayIconPath, trayIconRelativePath, trayIconSize } from '../../electron/main/tray-icon.js';
import { trayIconFor, trayIcons, trayStateFrom, trayTitle, trayTooltip } from '../../electron/main/tray-state.js';

const engine = { reachable: true, socket: '/var/run/docker.sock', version: '26.1', error: null };
const svc = (name: ServiceStatus['name'], state: ServiceStatus['state'], ready: boolean, error?: string): ServiceStatus => ({ name, state, ready, url: 'http://127.0.0.1', ...(error ? { error } : {}) });
const status = (...services: ServiceStatus[]): StackStatus => ({ engine, services });
const view = (s: StackStatus | null, operation: 'up' | 'down' | null = null, lastError: string | null = null) => trayStateFrom({ status: s, operation, lastError });

test('state from stack status', () => {
  assert.equal(view(null), 'stopped');
  assert.equal(view(null, null, 'boom'), 'error');
  assert.equal(view(status(svc('prometheus', 'running', true), svc('loki', 'running', true), svc('grafana', 'running', true))), 'running');
  assert.equal(view(status(svc('prometheus', 'missing', false), svc('loki', 'missing', false), svc('grafana', 'missing', false))), 'stopped');
  assert.equal(view(status(svc('prometheus', 'exited', false), svc('loki', 'exited', false), svc('grafana', 'exited', false))), 'stopped');
  assert.equal(view(status(svc('prometheus', 'running', true), svc('loki', 'running', false), svc('grafana', 'running', true))), 'starting');
  assert.equal(view(status(svc('prometheus', 'running', true), svc('loki', 'exited', false, 'exit 1'), svc('grafana', 'running', true))), 'degraded');
  assert.equal(view(status(svc('prometheus', 'exited', false, 'exit 1'), svc('loki', 'missing', false), svc('grafana', 'missing', false))), 'error');
  assert.equal(view({ engine: { ...engine, reachable: false, error: 'no socket' }, services: [] }), 'error');
});

test('an operation in progress shows as starting whatever the last status', () => {
  assert.equal(view(null, 'up'), 'starting');
  assert.equal(view(status(svc('prometheus', 'running', true)), 'down'), 'starting');
});

test('icon per state and platform: template PNGs on macOS, colour elsewhere, and the files exist at 1x and 2x', () => {
  const resources = join(import.meta.dirname, '..', '..', 'resources');
  for (const state of trayIcons) {
    assert.equal(trayIconRelativePath(state, 'darwin'), `tray/mac/${state}Template.png`);
    assert.equal(trayIconRelativePath(state, 'win32'), `tray/win/${state}.png`);
    assert.equal(trayIconRelativePath(state, 'linux'), `tray/linux/${state}.png`);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const file = trayIconPath(resources, state, platform);
      const at2x = file.replace(/\.png$/, '@2x.png');
      assert.ok(existsSync(file), file);
      assert.ok(existsSync(at2x), at2x);
      const size = trayIconSize(platform);
      assert.deepEqual(pngSize(file), [size, size], file);
      assert.deepEqual(pngSize(at2x), [size * 2, size * 2], at2x);
    }
  }
  // Distinct icons per state (a glance tells them apart).
  for (const platform of ['darwin', 'linux'] as const) {
    const bytes = trayIcons.map((s) => readFileSync(trayIconPath(resources, s, platform)).toString('base64'));
    assert.equal(new Set(bytes).size, trayIcons.length);
  }
});

test('the limit icon while the stack runs and the 5-hour window is past the first threshold', () => {
  assert.equal(trayIconFor('running', { todayUsd: 1, staleSince: null, fiveHourPercent: 80 }, 80), 'limit');
  assert.equal(trayIconFor('running', { todayUsd: 1, staleSince: null, fiveHourPercent: 79.5 }, 80), 'running');
  assert.equal(trayIconFor('running', { todayUsd: 1, staleSince: null }, 80), 'running', 'no plan limits: no limit icon');
  assert.equal(trayIconFor('degraded', { todayUsd: 1, staleSince: null, fiveHourPercent: 99 }, 80), 'degraded', 'a stack problem shows first');
});

test('tooltip, title and menu carry the 5-hour figure where Claude Code reported plan limits', () => {
  assert.equal(trayTooltip('running', { todayUsd: 3.5, staleSince: null, fiveHourPercent: 37 }), 'Claude Code Monitor — $3.50 today · 5h 37% · stack running');
  assert.equal(trayTitle({ todayUsd: 12.4, staleSince: null, fiveHourPercent: 37.4 }), '$12.40 · 37%');
});

test('tooltip and macOS title carry today’s cost', () => {
  assert.equal(trayTooltip('running', { todayUsd: 3.5, staleSince: null }), 'Claude Code Monitor — $3.50 today · stack running');
  assert.equal(trayTooltip('stopped', { todayUsd: null, staleSince: null }), 'Claude Code Monitor — no cost data yet · stack stopped');
  assert.equal(trayTooltip('running', { todayUsd: 3.5, staleSince: '2026-11-28T00:00:00Z' }), 'Claude Code Monitor — $3.50 today (stale) · stack running');
  assert.equal(trayTooltip('starting', { todayUsd: 0, staleSince: null }, 'down'), 'Claude Code Monitor — $0.00 today · stack stopping');
  assert.equal(trayTitle({ todayUsd: 12.4, staleSince: null }), '$12.40');
  assert.equal(trayTitle({ todayUsd: 12.4, staleSince: 'x' }), '$12.40?');
  assert.equal(trayTitle({ todayUsd: null, staleSince: null }), '');
});

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}
