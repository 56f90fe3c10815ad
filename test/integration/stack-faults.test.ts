/**
 * Bad input and faults, each against a real engine (or a real absence of one): no engine, engine
 * stopped, permission denied, a host port taken, a pull that fails, a container that exits at start,
 * a name taken by something that isn't ours. Every case leaves only what it found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { PullProgress, ServiceStatus, StackStatus } from '../../electron/core/api/types.js';
import { createMonitorService } from '../../electron/core/service.js';
import { createStackController } from '../../electron/core/stack/index.js';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { freePort } from '../support/ports.js';
import { tempDir } from '../support/tmp.js';
import { docker, prepareDocker, root, testStack } from '../support/stack-harness.js';

const skip = prepareDocker();

test('no engine (socket missing): status says so (exit 3), up fails with a sentence and a hint (exit 1)', async () => {
  const dir = tempDir();
  const s = await testStack({ DOCKER_HOST: `unix://${dir.path}/missing.sock` });
  try {
    const st = await s.cli(['stack', 'status', '--json']);
    assert.equal(st.code, 3);
    const status = st.json as StackStatus;
    assert.equal(status.engine.reachable, false);
    assert.equal(status.engine.socket, `unix://${dir.path}/missing.sock`);
    assert.match(status.engine.error!, /No Docker engine found: .*missing\.sock does not exist/);
    assert.ok(status.services.every((x) => x.state === 'unknown' && !x.ready));
    const up = await s.cli(['stack', 'up']);
    assert.equal(up.code, 1);
    assert.match(up.stderr, /No Docker engine found/);
    assert.match(up.stderr, /Install and start a Docker engine/);
    const doc = await s.cli(['doctor', '--json']);
    assert.equal(doc.code, 3);
    const engine = (doc.json as { checks: Array<{ id: string; ok: boolean; hint?: string }> }).checks[0]!;
    assert.equal(engine.id, 'engine');
    assert.equal(engine.ok, false);
    assert.ok(engine.hint);
  } finally {
    await s.cleanup().catch(() => undefined);
    dir.remove();
  }
});

test('engine stopped (socket file left, nothing listening): "not running", with how to start it', async () => {
  const dir = tempDir();
  const sock = path.join(dir.path, 'docker.sock');
  // A process that binds the socket and dies without removing it: what a killed dockerd leaves.
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(sock)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((r) => child.stdout.once('data', () => r()));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(existsSync(sock));
  const s = await testStack({ DOCKER_HOST: `unix://${sock}` });
  try {
    const st = await s.cli(['stack', 'status', '--json']);
    assert.equal(st.code, 3);
    const e = (st.json as StackStatus).engine;
    assert.equal(e.reachable, false);
    assert.match(e.error!, /is not running \(connection refused\)/);
    assert.match(e.hint!, /systemctl start docker|Docker Desktop/);
    const up = await s.cli(['stack', 'up']);
    assert.equal(up.code, 1);
    assert.match(up.stderr, /not running/);
  } finally {
    await s.cleanup().catch(() => undefined);
    dir.remove();
  }
});

test('permission denied (EACCES) for a user outside the docker group: says how to fix it', { skip: skip ?? (process.getuid?.() !== 0 ? 'needs root to run a command as another user' : false) }, async () => {
  const dir = tempDir();
  chmodSync(dir.path, 0o777);
  const script = path.join(dir.path, 'run.mts');
  writeFileSync(script, `import { main } from ${JSON.stringify(path.join(root, 'electron/cli/index.ts'))};\nprocess.exitCode = await main(process.argv.slice(2));\n`);
  chmodSync(script, 0o644);
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, '--import', 'tsx', script, 'stack', 'status', '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir.path, CCMON_CONFIG_DIR: dir.path, DOCKER_HOST: 'unix:///var/run/docker.sock', TMPDIR: dir.path },
  });
  dir.remove();
  assert.equal(r.status, 3, r.stderr);
  const e = (JSON.parse(r.stdout) as StackStatus).engine;
  assert.equal(e.reachable, false);
  assert.match(e.error!, /Permission denied on \/var\/run\/docker.sock/);
  assert.match(e.hint!, /usermod -aG docker/);
  assert.match(e.hint!, /rootless/);
});

test('a host port already taken: names the port and the setting that moves it; nothing else is touched', { skip: skip ?? false }, async () => {
  const port = await freePort();
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  const s = await testStack({ CCMON_GRAFANA_URL: `http://127.0.0.1:${port}` });
  try {
    const up = await s.cli(['stack', 'up']);
    assert.equal(up.code, 1);
    assert.match(up.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already taken, so grafana cannot publish it`));
    assert.match(up.stderr, /grafanaUrl setting \(e\.g\. CCMON_GRAFANA_URL=/);
    // The other services were not harmed, and the blocker still owns its port.
    assert.equal(blocker.listening, true);
    const st = (await s.cli(['stack', 'status', '--json'])).json as StackStatus;
    assert.equal(st.services.find((x) => x.name === 'grafana')!.ready, false);
  } finally {
    blocker.close();
    await s.cleanup();
  }
});

test('a pull that fails (a registry that refuses): the error is detected and explained, progress was reported', { skip: skip ?? false }, async () => {
  const closed = await freePort();
  const image = `127.0.0.1:${closed}/ccmon-test/never-there:1`;
  const s = await testStack({ CCMON_IMAGE_LOKI: image });
  try {
    const settings = { ...defaultSettings, ...s.urls };
    const ctl = createStackController(settings, { env: s.env, configDir: s.configDir });
    const { api, events } = createMonitorService({ settings, stack: ctl });
    const progress: PullProgress[] = [];
    events.on('stack:pull-progress', (p) => progress.push(p));
    await assert.rejects(api.stackUp({}), (err: Error & { hint?: string; code?: string }) => {
      assert.match(err.message, new RegExp(`Pulling ${image.replace(/[./]/g, '\\$&')} failed: .*(connection refused|connect)`));
      assert.equal(err.code, 'pull-failed');
      assert.match(err.hint!, /CCMON_IMAGE_LOKI/);
      return true;
    });
    assert.ok(progress.length >= 1 && progress[0]!.image === image);
    const cli = await s.cli(['stack', 'up']);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /Pulling .* failed/);
    // Nothing was created for a stack that could not get its images.
    assert.equal((await docker().listContainers({ all: true, filters: { label: [`dev.ccmon.stack=${s.name}`] } })).length, 0);
  } finally {
    await s.cleanup();
  }
});

test('a container that exits at start: up fails showing its last log lines; status keeps saying why', { skip: skip ?? false }, async () => {
  const s = await testStack({ CCMON_IMAGE_LOKI: 'ccmon-test/crash-standin:1' });
  try {
    const up = await s.cli(['stack', 'up']);
    assert.equal(up.code, 1);
    assert.match(up.stderr, /loki exited with code 1\. Last log lines:/);
    assert.match(up.stderr, /crash stand-in: failed parsing config: this image exits on purpose/);
    assert.match(up.stderr, new RegExp(`docker logs ${s.name}-loki`));
    const st = await s.cli(['stack', 'status', '--json']);
    assert.equal(st.code, 3);
    const loki = (st.json as StackStatus).services.find((x) => x.name === 'loki') as ServiceStatus;
    assert.equal(loki.state, 'exited');
    assert.match(loki.error!, /exits on purpose/);
    // It was stopped, not left in a restart loop.
    const info = await docker().getContainer(`${s.name}-loki`).inspect();
    assert.equal(info.State.Running, false);
  } finally {
    await s.cleanup();
  }
});

test('a container of our name that is not ours is left alone (up refuses, purge skips it)', { skip: skip ?? false }, async () => {
  const s = await testStack();
  const foreign = await docker().createContainer({ name: `${s.name}-prometheus`, Image: 'ccmon-test/loki-standin:1', Labels: { 'some.other.app': 'yes' } });
  try {
    const up = await s.cli(['stack', 'up']);
    assert.equal(up.code, 1);
    assert.match(up.stderr, /exists and is not part of this stack; it is left alone/);
    assert.match(up.stderr, /CCMON_STACK_NAME/);
    const purge = await s.cli(['stack', 'purge', '--yes']);
    assert.equal(purge.code, 0, purge.stderr);
    const info = await foreign.inspect();
    assert.equal(info.Config.Labels['some.other.app'], 'yes');
  } finally {
    await foreign.remove({ force: true });
    await s.cleanup();
  }
});

test('bad input: an invalid CCMON_STACK_NAME and clashing ports are usage errors', async () => {
  const s = await testStack({ CCMON_STACK_NAME: 'Not A Name' });
  const r = await s.cli(['stack', 'status']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /CCMON_STACK_NAME is invalid/);
  const s2 = await testStack({ CCMON_LOKI_URL: 'http://127.0.0.1:9999', CCMON_GRAFANA_URL: 'http://127.0.0.1:9999' });
  const up = await s2.cli(['stack', 'up']);
  assert.equal(up.code, 1);
  assert.match(up.stderr, /lokiUrl and grafanaUrl both use port 9999/);
  await s.cleanup().catch(() => undefined);
  await s2.cleanup().catch(() => undefined);
});
