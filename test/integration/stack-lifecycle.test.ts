/**
 * The stack against a real Docker engine, with locally built images (Debian's Prometheus 3.5.3;
 * stand-ins for Loki and Grafana): up from nothing → all ready; status; config shipped without bind
 * mounts; down → stopped with volumes kept; up again → earlier data still queryable; adoption;
 * purge; nothing that isn't ours touched.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { StackStatus } from '../../electron/core/api/types.js';
import { createMonitorService } from '../../electron/core/service.js';
import { createStackController } from '../../electron/core/stack/index.js';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { docker, dockerCli, prepareDocker, root, testStack, waitFor, type TestStack } from '../support/stack-harness.js';

const skip = prepareDocker();
let stack: TestStack;

before(async () => {
  if (skip) return;
  stack = await testStack();
});
after(async () => {
  if (!skip) await stack.cleanup();
});

async function promQuery(expr: string, time?: number): Promise<Array<{ value: [number, string] }>> {
  const params = new URLSearchParams({ query: expr, ...(time ? { time: String(time) } : {}) });
  const res = await fetch(`${stack.urls.prometheusUrl}/api/v1/query?${params.toString()}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return body.data.result;
}

const containerIds = async (): Promise<string[]> =>
  (await docker().listContainers({ all: true, filters: { label: [`dev.ccmon.stack=${stack.name}`] } })).map((c) => c.Id).sort();

let markTime = 0;

test('up from nothing: every service running and ready, status events on the service bus', { skip: skip ?? false }, async () => {
  const ctl = createStackController({ ...defaultSettings, ...stack.urls }, { env: stack.env, configDir: stack.configDir, readyTimeoutMs: 60_000 });
  const { api, events } = createMonitorService({ settings: { ...defaultSettings, ...stack.urls }, stack: ctl });
  const seen: StackStatus[] = [];
  const off = events.on('stack:status', (s) => seen.push(s));
  const t0 = Date.now();
  const status = await api.stackUp({});
  off();
  assert.equal(status.engine.reachable, true);
  assert.match(status.engine.socket ?? '', /docker\.sock/);
  assert.ok(status.engine.version);
  assert.deepEqual(status.services.map((s) => [s.name, s.state, s.ready]), [['prometheus', 'running', true], ['loki', 'running', true], ['grafana', 'running', true]]);
  assert.ok(seen.length >= 1, 'stack:status emitted');
  assert.ok(seen.at(-1)!.services.every((x) => x.ready), 'the last status emitted is the ready one');
  console.log(`up from nothing (images present): ${Date.now() - t0} ms`);
});

test('status --json per DESIGN.md, exit 0 when all ready', { skip: skip ?? false }, async () => {
  const r = await stack.cli(['stack', 'status', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = r.json as StackStatus;
  assert.deepEqual(Object.keys(s.engine).sort(), ['error', 'reachable', 'socket', 'version']);
  for (const x of s.services) assert.deepEqual(Object.keys(x).sort(), ['name', 'ready', 'state', 'url']);
  assert.equal(s.services[0]?.url, stack.urls.prometheusUrl);
});

test('containers: ports on 127.0.0.1 from the URLs, named volumes only (no bind mount of the install folder), labels, one network', { skip: skip ?? false }, async () => {
  for (const svc of ['prometheus', 'loki', 'grafana'] as const) {
    const info = await docker().getContainer(`${stack.name}-${svc}`).inspect();
    const bindings = Object.values((info.HostConfig.PortBindings ?? {}) as Docker.PortMap).flat();
    assert.deepEqual(bindings, [{ HostIp: '127.0.0.1', HostPort: String(stack.ports[svc]) }]);
    assert.deepEqual(info.Mounts.map((m) => m.Type), ['volume']);
    assert.equal(info.Mounts[0]?.Name, `${stack.name}-${svc}-data`);
    assert.equal(info.Config.Labels['dev.ccmon.stack'], stack.name);
    assert.deepEqual(Object.keys(info.NetworkSettings.Networks), [stack.name]);
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
  }
});

test('configuration reached the containers (put into them, not bind-mounted); Grafana got a generated password', { skip: skip ?? false }, async () => {
  const inContainer = dockerCli(['exec', `${stack.name}-prometheus`, '/bin/busybox', 'cat', '/etc/prometheus/prometheus.yml']);
  assert.equal(inContainer, readFileSync(path.join(root, 'compose/prometheus/prometheus.yml'), 'utf8'));
  const loki = dockerCli(['exec', `${stack.name}-loki`, '/bin/busybox', 'cat', '/etc/loki/loki.yml']);
  assert.equal(loki, readFileSync(path.join(root, 'compose/loki/loki.yml'), 'utf8'));
  const ds = dockerCli(['exec', `${stack.name}-grafana`, '/bin/busybox', 'cat', '/etc/grafana/provisioning/datasources/datasources.yml']);
  assert.match(ds, /uid: ccmon-prometheus/);
  // Prometheus loaded it: the claude-code job is there.
  await waitFor('the claude-code target', async () => {
    const targets = (await (await fetch(`${stack.urls.prometheusUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ labels: { job: string }; scrapeUrl: string }> } };
    return targets.data.activeTargets.some((t) => t.labels.job === 'claude-code' && t.scrapeUrl === 'http://host.docker.internal:9464/metrics');
  }, 15_000);
  const env = (await docker().getContainer(`${stack.name}-grafana`).inspect()).Config.Env;
  const pw = env.find((e) => e.startsWith('GF_SECURITY_ADMIN_PASSWORD='))!.split('=')[1];
  assert.equal(pw, readFileSync(path.join(stack.configDir, 'grafana-admin-password'), 'utf8').trim());
  assert.notEqual(pw, 'admin');
});

test('doctor --json: engine, services, Loki ready, Grafana healthy; exits 3 while Claude Code sends nothing', { skip: skip ?? false }, async () => {
  const r = await stack.cli(['doctor', '--json']);
  const checks = (r.json as { checks: Array<{ id: string; ok: boolean; hint?: string }> }).checks;
  const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
  for (const id of ['engine', 'service:prometheus', 'service:loki', 'service:grafana', 'loki-ready', 'grafana-health']) assert.equal(byId[id]?.ok, true, id);
  assert.equal(byId['push-samples']?.ok, false);
  assert.ok(byId['push-samples']?.hint);
  assert.equal(r.code, 3);
  // Scrape mode (the seed's path), with no Claude Code on :9464: the exporter and target checks fail, each with a hint.
  writeFileSync(path.join(stack.configDir, 'config.json'), JSON.stringify({ telemetryMode: 'scrape' }));
  try {
    const scrape = await stack.cli(['doctor', '--json']);
    assert.equal(scrape.code, 3);
    const sc = Object.fromEntries((scrape.json as { checks: Array<{ id: string; ok: boolean; detail: string; hint?: string }> }).checks.map((c) => [c.id, c]));
    assert.equal(sc.exporter?.ok, false);
    assert.match(sc.exporter.hint!, /OTEL_METRICS_EXPORTER=prometheus/);
    assert.equal(sc['prometheus-target']?.ok, false);
    assert.match(sc['prometheus-target'].detail, /claude-code/);
    assert.ok(sc['prometheus-target'].hint);
    assert.equal(sc['push-samples'], undefined);
  } finally {
    rmSync(path.join(stack.configDir, 'config.json'));
  }
});

test('Prometheus stores data (its own samples) before the restart', { skip: skip ?? false }, async () => {
  const t = await waitFor('a self-scrape sample', async () => {
    const r = await promQuery('prometheus_build_info');
    return r.length > 0 ? r[0]!.value[0] : null;
  }, 30_000, 500);
  markTime = t;
});

test('down: stopped, volumes and network kept; status exits 3', { skip: skip ?? false }, async () => {
  const r = await stack.cli(['stack', 'down', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = r.json as StackStatus;
  assert.deepEqual(s.services.map((x) => [x.state, x.ready]), [['exited', false], ['exited', false], ['exited', false]]);
  const vols = (await docker().listVolumes({ filters: { label: [`dev.ccmon.stack=${stack.name}`] } })).Volumes.map((v) => v.Name).sort();
  assert.deepEqual(vols, [`${stack.name}-grafana-data`, `${stack.name}-loki-data`, `${stack.name}-prometheus-data`]);
  const st = await stack.cli(['stack', 'status', '--json']);
  assert.equal(st.code, 3);
});

test('up again: the data written before is still queryable', { skip: skip ?? false }, async () => {
  const r = await stack.cli(['stack', 'up']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /admin password in .*grafana-admin-password/);
  const before = await promQuery('prometheus_build_info', markTime);
  assert.equal(before.length, 1, 'the sample from before down is still there');
  // The stand-ins record each start in their data volume: two starts, one volume.
  const starts = dockerCli(['exec', `${stack.name}-loki`, '/bin/busybox', 'cat', '/loki/standin-starts']).trim().split('\n');
  assert.equal(starts.length, 2);
});

test('adoption: another run (a new manager, or the CLI) adopts the running stack, no duplicates', { skip: skip ?? false }, async () => {
  const ids = await containerIds();
  assert.equal(ids.length, 3);
  const status = await stack.manager().up();
  assert.ok(status.services.every((s) => s.ready));
  assert.deepEqual(await containerIds(), ids, 'same containers');
  const r = await stack.cli(['stack', 'up', '--json']);
  assert.equal(r.code, 0);
  assert.deepEqual(await containerIds(), ids);
  const nets = await docker().listNetworks({ filters: { name: [stack.name] } });
  assert.equal(nets.filter((n) => n.Name === stack.name).length, 1);
});

test('adoption of containers made outside the app (as docker compose makes them: same names and labels)', { skip: skip ?? false }, async () => {
  // Stop and remove the app's containers, then recreate Loki by hand with the compose file's values.
  await stack.cli(['stack', 'down']);
  const loki = `${stack.name}-loki`;
  const oldId = (await docker().getContainer(loki).inspect()).Id;
  await docker().getContainer(loki).remove();
  dockerCli(['create', '--name', loki, '--label', `dev.ccmon.stack=${stack.name}`, '--label', 'dev.ccmon.service=loki', '--label', 'com.docker.compose.project=' + stack.name,
    '--network', stack.name, '--network-alias', 'loki', '-p', `127.0.0.1:${stack.ports.loki}:3100`, '-v', `${stack.name}-loki-data:/loki`, '--restart', 'unless-stopped',
    // Compose gives it its config as a read-only bind mount of compose/: the app must not try to put it there again.
    '-v', `${path.join(root, 'compose/loki/loki.yml')}:/etc/loki/loki.yml:ro`,
    'ccmon-test/loki-standin:1', '-config.file=/etc/loki/loki.yml']);
  const r = await stack.cli(['stack', 'up', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const info = await docker().getContainer(loki).inspect();
  assert.notEqual(info.Id, oldId);
  assert.equal(info.Config.Labels['com.docker.compose.project'], stack.name, 'the hand-made container was adopted, not replaced');
  assert.equal(info.State.Running, true);
});

test('another image for a service (an upgrade, a mirror): its container is recreated, its data volume kept', { skip: skip ?? false }, async () => {
  const alt = `ccmon-test/loki-standin:alt-${process.pid}`;
  dockerCli(['tag', 'ccmon-test/loki-standin:1', alt]);
  try {
    const loki = `${stack.name}-loki`;
    const before = await docker().getContainer(loki).inspect();
    const startsBefore = dockerCli(['exec', loki, '/bin/busybox', 'cat', '/loki/standin-starts']).trim().split('\n').length;
    const r = await stack.cli(['stack', 'up', '--json'], { CCMON_IMAGE_LOKI: alt });
    assert.equal(r.code, 0, r.stderr);
    const after = await docker().getContainer(loki).inspect();
    assert.notEqual(after.Id, before.Id);
    assert.equal(after.Config.Image, alt);
    const startsAfter = dockerCli(['exec', loki, '/bin/busybox', 'cat', '/loki/standin-starts']).trim().split('\n').length;
    assert.equal(startsAfter, startsBefore + 1, 'same volume, one more start recorded');
  } finally {
    // Back to the usual image for the next test, then drop the extra tag.
    await stack.cli(['stack', 'up']);
    dockerCli(['rmi', alt]);
  }
});

test('purge needs --yes, then removes containers, network and volumes of this stack only', { skip: skip ?? false }, async () => {
  // Things that are not ours: an unlabelled volume and a container of another stack.
  const d = docker();
  const foreignVol = `${stack.name}-not-ours`;
  await d.createVolume({ Name: foreignVol });
  const other = await d.createContainer({ name: `${stack.name}-other`, Image: 'ccmon-test/loki-standin:1', Labels: { 'dev.ccmon.stack': `${stack.name}x` } });
  try {
    const refused = await stack.cli(['stack', 'purge']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--yes/);
    const r = await stack.cli(['stack', 'purge', '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const removed = (r.json as { removed: { containers: string[]; volumes: string[]; networks: string[] } }).removed;
    assert.equal(removed.containers.length, 3);
    assert.equal(removed.volumes.length, 3);
    assert.deepEqual(removed.networks, [stack.name]);
    assert.equal((await d.listContainers({ all: true, filters: { label: [`dev.ccmon.stack=${stack.name}`] } })).length, 0);
    await d.getVolume(foreignVol).inspect();
    await other.inspect();
  } finally {
    await other.remove({ force: true });
    await d.getVolume(foreignVol).remove();
  }
});
