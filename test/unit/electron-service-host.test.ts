/**
 * The tray app's service host, in plain Node with fake services: wired once it starts (feed run at the
 * wiring's interval, stack watched, events forwarded, outcomes and stack status handed on), rebuilt
 * with the same wiring when a setting it is built from changes, and torn down completely.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StackStatus, Summary } from '../../electron/core/api/types.js';
import { eventChannel } from '../../electron/core/api/contract.js';
import { settingsSchema, type Settings } from '../../electron/core/config/settings-schema.js';
import type { SummaryOutcome } from '../../electron/core/live/summary-feed.js';
import { SummaryFeed } from '../../electron/core/live/summary-feed.js';
import { ApiEventBus, type MonitorService } from '../../electron/core/service.js';
import { needsNewService, ServiceHost, STACK_WATCH_MS, type ServiceWiring } from '../../electron/main/service-host.js';

const base: Settings = settingsSchema.parse({});
const status: StackStatus = { engine: { reachable: false, socket: null, version: null, error: 'no socket' }, services: [] };

function fakeService(index: number, watching: { name: string; ms: number; stopped: boolean }[]): MonitorService {
  const name = `service-${index}`;
  const events = new ApiEventBus();
  const summaries = new SummaryFeed(async () => ({ costUsd: index }) as Summary, (summary) => events.emit('summary:update', summary));
  return {
    api: {} as MonitorService['api'],
    events,
    summaries,
    watchStack(ms) {
      const watch = { name, ms, stopped: false };
      watching.push(watch);
      return () => (watch.stopped = true);
    },
  };
}

function rig() {
  const built: Array<{ settings: Settings; service: MonitorService }> = [];
  const watching: { name: string; ms: number; stopped: boolean }[] = [];
  const host = new ServiceHost((settings) => {
    const service = fakeService(built.length, watching);
    built.push({ settings, service });
    return { service, stackControl: settings.prometheusUrl !== 'http://no-stack' };
  }, base);
  const seen = { sent: [] as Array<[string, unknown]>, statuses: [] as StackStatus[], outcomes: [] as SummaryOutcome[], intervals: 0 };
  const wiring: ServiceWiring = {
    interval: () => (seen.intervals++, 3_600_000),
    send: (channel, payload) => seen.sent.push([channel, payload]),
    stackStatus: (s) => seen.statuses.push(s),
    outcome: (o) => seen.outcomes.push(o),
  };
  return { host, built, watching, seen, wiring };
}

const settle = () => new Promise((r) => setImmediate(r));

test('built at once, run only when started: feed, stack watch, events and outcomes wired', async () => {
  const { host, built, watching, seen, wiring } = rig();
  assert.equal(built.length, 1);
  assert.equal(watching.length, 0, 'not watching before start');
  host.start(wiring);
  await settle();
  assert.deepEqual(watching, [{ name: 'service-0', ms: STACK_WATCH_MS, stopped: false }]);
  assert.equal(seen.outcomes.length, 1, 'the feed refreshed at once');
  assert.ok(seen.intervals >= 1, 'and re-armed at the wiring’s interval');
  assert.deepEqual(seen.sent.map(([ch]) => ch), [eventChannel('summary:update')], 'its summary reached the window');
  host.service().events.emit('stack:status', status);
  assert.deepEqual(seen.statuses, [status]);
  assert.ok(seen.sent.some(([ch, p]) => ch === eventChannel('stack:status') && p === status), 'every event is forwarded');
  host.start(wiring);
  assert.equal(watching.length, 1, 'starting twice wires once');
  host.stop();
});

test('a service setting changed: a new service, wired the same way; the old one is fully unwired', async () => {
  const { host, built, watching, seen, wiring } = rig();
  host.start(wiring);
  await settle();
  const old = host.service();
  const next = { ...base, prometheusUrl: 'http://127.0.0.1:19090' };
  host.settingsChanged(base, next);
  await settle();
  assert.equal(built.length, 2);
  assert.equal(built[1]!.settings, next);
  assert.notEqual(host.service(), old);
  assert.deepEqual(watching.map((w) => [w.name, w.stopped]), [['service-0', true], ['service-1', false]]);
  const before = { sent: seen.sent.length, statuses: seen.statuses.length, outcomes: seen.outcomes.length };
  old.events.emit('stack:status', status);
  await old.summaries.refresh();
  assert.deepEqual({ sent: seen.sent.length, statuses: seen.statuses.length, outcomes: seen.outcomes.length }, before, 'nothing from the old service arrives');
  host.service().events.emit('stack:status', status);
  assert.equal(seen.statuses.length, before.statuses + 1);
  const last = seen.outcomes.at(-1);
  assert.equal(last?.ok && last.summary.costUsd, 1, 'the new feed runs');
  host.stop();
});

test('another setting changed: the same service, refreshed now', async () => {
  const { host, built, seen, wiring } = rig();
  host.start(wiring);
  await settle();
  const outcomes = seen.outcomes.length;
  host.settingsChanged(base, { ...base, dailyBudgetUsd: 5, refreshIntervalSeconds: 60 });
  await settle();
  assert.equal(built.length, 1);
  assert.equal(seen.outcomes.length, outcomes + 1, 'kicked');
  host.stop();
});

test('stack control follows the service built; a rebuild before start stays unstarted; stop tears down', async () => {
  const { host, watching, wiring } = rig();
  assert.equal(host.hasStackControl(), true);
  host.settingsChanged(base, { ...base, prometheusUrl: 'http://no-stack' });
  assert.equal(host.hasStackControl(), false);
  assert.equal(watching.length, 0);
  host.start(wiring);
  host.stop();
  assert.equal(watching.at(-1)?.stopped, true);
  host.stop();
});

test('which settings need a new service', () => {
  assert.equal(needsNewService(base, { ...base }), false);
  assert.equal(needsNewService(base, { ...base, grafanaUrl: 'http://127.0.0.1:3999' }), true);
  assert.equal(needsNewService(base, { ...base, telemetryMode: base.telemetryMode === 'push' ? 'scrape' : 'push' }), true);
  assert.equal(needsNewService(base, { ...base, stopStackOnQuit: !base.stopStackOnQuit, launchAtLogin: !base.launchAtLogin }), false);
});
