import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { statSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { extract } from 'tar-stream';
import { PullProgressAggregator, pullStreamError } from '../../electron/core/stack/progress.js';
import { pullImage, PullError } from '../../electron/core/stack/pull.js';
import { allReady, crashExplained, demuxLogs, deriveServiceStatus, hostPortsFromUrls, portConflictExplained, portConflictFromError, portOfUrl, serviceState } from '../../electron/core/stack/model.js';
import { configEntries, entriesOutsideBinds, tarOf } from '../../electron/core/stack/archive.js';
import { grafanaAdminPassword } from '../../electron/core/stack/password.js';
import { imagesFrom, stackNameFrom } from '../../electron/core/stack/stack-settings.js';
import { tempDir } from '../support/tmp.js';

test('progress: per-layer download and extraction aggregate to one figure that never goes back', () => {
  const agg = new PullProgressAggregator(['a:1', 'b:1']);
  assert.equal(agg.fraction(), 0);
  agg.update('a:1', { status: 'Pulling from library/a', id: '1' });
  agg.update('a:1', { status: 'Pulling fs layer', id: 'l1' });
  agg.update('a:1', { status: 'Pulling fs layer', id: 'l2' });
  const f1 = agg.update('a:1', { status: 'Downloading', id: 'l1', progressDetail: { current: 50, total: 100 } });
  // l1: 0.5 download of a 100-byte layer; l2 unknown size counts as the average (100): a = 0.25/2 = 0.125; b = 0.
  assert.ok(Math.abs(f1 - 0.0625) < 1e-9, String(f1));
  agg.update('a:1', { status: 'Download complete', id: 'l1' });
  agg.update('a:1', { status: 'Extracting', id: 'l1', progressDetail: { current: 100, total: 100 } });
  agg.update('a:1', { status: 'Pull complete', id: 'l1' });
  const f2 = agg.update('a:1', { status: 'Already exists', id: 'l2' });
  assert.equal(f2, 0.5);
  // A new layer appearing must not move the figure backwards.
  agg.update('b:1', { status: 'Pulling fs layer', id: 'm1' });
  assert.equal(agg.fraction(), 0.5);
  agg.update('b:1', { status: 'Downloading', id: 'm1', progressDetail: { current: 10, total: 10 } });
  assert.equal(agg.update('b:1', { status: 'Digest: sha256:abc' }), 1);
});

test('progress: a stream that carried an error event is a failed pull', () => {
  assert.equal(pullStreamError([{ status: 'Pulling fs layer', id: 'x' }]), null);
  assert.equal(pullStreamError([{ status: 'Pulling fs layer' }, { error: 'manifest unknown', errorDetail: { message: 'manifest for x:1 not found: manifest unknown' } }]), 'manifest for x:1 not found: manifest unknown');
  assert.equal(pullStreamError([{ error: 'boom' }]), 'boom');
});

/** A dockerode whose pull streams the given NDJSON lines, with the real followProgress. */
function fakeDocker(lines: object[], imagePresentAfter: boolean): Docker {
  const real = new Docker({ socketPath: '/nonexistent.sock' });
  return {
    modem: real.modem,
    pull: async () => {
      const s = new PassThrough();
      setImmediate(() => {
        for (const l of lines) s.write(`${JSON.stringify(l)}\n`);
        s.end();
      });
      return s;
    },
    getImage: () => ({ inspect: async () => (imagePresentAfter ? {} : Promise.reject(Object.assign(new Error('no such image'), { statusCode: 404 }))) }),
  } as unknown as Docker;
}

test('pull: followProgress "succeeds" on a stream with an error event; pullImage rejects with the engine\'s message', async () => {
  const docker = fakeDocker([{ status: 'Pulling from x' }, { errorDetail: { message: 'toomanyrequests: rate limit' }, error: 'toomanyrequests: rate limit' }], false);
  // The pitfall itself: followProgress reports no error.
  const stream = await docker.pull('x:1');
  const [err, out] = await new Promise<[Error | null, unknown[]]>((r) => docker.modem.followProgress(stream, (e: Error | null, o: unknown[]) => r([e, o])));
  assert.equal(err, null);
  assert.equal(out.length, 2);
  await assert.rejects(pullImage(fakeDocker([{ errorDetail: { message: 'toomanyrequests: rate limit' }, error: 'x' }], false), 'x:1'), (e: unknown) => {
    assert.ok(e instanceof PullError);
    assert.match((e as Error).message, /Pulling x:1 failed: toomanyrequests: rate limit/);
    return true;
  });
});

test('pull: events reach the callback; the image must be there at the end', async () => {
  const seen: string[] = [];
  await pullImage(fakeDocker([{ status: 'Downloading', id: 'l', progressDetail: { current: 1, total: 2 } }, { status: 'Digest: sha256:x' }], true), 'x:1', (ev) => seen.push(String(ev.status)));
  assert.deepEqual(seen, ['Downloading', 'Digest: sha256:x']);
  await assert.rejects(pullImage(fakeDocker([{ status: 'Digest: sha256:x' }], false), 'x:1'), /the image is not there/);
  const refusing = { ...fakeDocker([], false), pull: async () => Promise.reject(Object.assign(new Error('(HTTP code 500) server error'), { json: { message: 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused' } })) } as unknown as Docker;
  await assert.rejects(pullImage(refusing, '127.0.0.1:1/x:1'), /Pulling 127.0.0.1:1\/x:1 failed: Get .*connection refused/);
});

test('ports come from the configured URLs; clashes are refused', () => {
  assert.equal(portOfUrl('http://127.0.0.1:9090'), 9090);
  assert.equal(portOfUrl('http://localhost'), 80);
  assert.equal(portOfUrl('https://x'), 443);
  assert.deepEqual(hostPortsFromUrls({ prometheusUrl: 'http://127.0.0.1:19090', lokiUrl: 'http://127.0.0.1:13100', grafanaUrl: 'http://localhost:13001/' }), { prometheus: 19090, loki: 13100, grafana: 13001 });
  assert.throws(() => hostPortsFromUrls({ prometheusUrl: 'http://a:1', lokiUrl: 'http://a:1', grafanaUrl: 'http://a:2' }), /prometheusUrl and lokiUrl both use port 1/);
});

test('a taken host port is recognised in the engine\'s words and named with the setting that moves it', () => {
  assert.equal(portConflictFromError('driver failed programming external connectivity on endpoint x (abc): Error starting userland proxy: listen tcp4 127.0.0.1:9090: bind: address already in use'), 9090);
  assert.equal(portConflictFromError('driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:3001 failed: port is already allocated'), 3001);
  assert.equal(portConflictFromError('rootlessport listen tcp 127.0.0.1:3100: bind: address already in use'), 3100);
  assert.equal(portConflictFromError('no such image'), null);
  const ex = portConflictExplained('grafana', 3001);
  assert.match(ex.error, /Port 3001 on 127.0.0.1 is already taken/);
  assert.match(ex.hint, /grafanaUrl setting/);
  assert.match(ex.hint, /CCMON_GRAFANA_URL=/);
});

test('status derivation: missing, running+ready, running not ready, crashed with log lines, not ours', () => {
  const url = 'http://127.0.0.1:9090';
  assert.deepEqual(deriveServiceStatus('prometheus', url, null, false), { name: 'prometheus', state: 'missing', ready: false, url });
  assert.deepEqual(deriveServiceStatus('prometheus', url, { state: 'running', exitCode: 0, ours: true }, true), { name: 'prometheus', state: 'running', ready: true, url });
  assert.equal(deriveServiceStatus('prometheus', url, { state: 'running', exitCode: 0, ours: true }, false).ready, false);
  assert.equal(deriveServiceStatus('prometheus', url, { state: 'exited', exitCode: 0, ours: true }, true).ready, false);
  const crashed = deriveServiceStatus('loki', url, { state: 'exited', exitCode: 1, ours: true, logTail: ['a', 'level=error msg="bad config"'], containerName: 's-loki' }, false);
  assert.match(crashed.error!, /loki exited with code 1\. Last log lines:\n {2}a\n {2}level=error msg="bad config"/);
  assert.match(crashed.hint!, /docker logs s-loki/);
  const foreign = deriveServiceStatus('grafana', url, { state: 'running', exitCode: 0, ours: false }, true);
  assert.equal(foreign.ready, false);
  assert.match(foreign.error!, /not part of the stack/);
  assert.equal(serviceState('removing'), 'exited');
  assert.equal(serviceState('weird'), 'unknown');
  assert.equal(serviceState(undefined), 'missing');
  assert.match(crashExplained('grafana', 2, []).error, /^grafana exited with code 2\.$/);
  const engine = { reachable: true, socket: 's', version: 'v', error: null };
  assert.equal(allReady({ engine, services: [{ name: 'loki', state: 'running', ready: true, url }] }), true);
  assert.equal(allReady({ engine: { ...engine, reachable: false }, services: [{ name: 'loki', state: 'running', ready: true, url }] }), false);
});

test('docker log frames are demultiplexed', () => {
  const frame = (stream: number, text: string): Buffer => {
    const b = Buffer.from(text);
    const h = Buffer.alloc(8);
    h[0] = stream;
    h.writeUInt32BE(b.length, 4);
    return Buffer.concat([h, b]);
  };
  assert.equal(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])), 'out\nerr\n');
  assert.equal(demuxLogs(Buffer.from('plain tty text')), 'plain tty text');
});

test('config archive: the files and folders of compose/ land at their targets, root-owned, 0644', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir.path, 'p/rules'), { recursive: true });
  writeFileSync(path.join(dir.path, 'p/p.yml'), 'global: {}\n');
  writeFileSync(path.join(dir.path, 'p/rules/a.yml'), 'groups: []\n');
  writeFileSync(path.join(dir.path, 'p/rules/.hidden'), 'x');
  const entries = await configEntries(dir.path, [{ source: 'p/p.yml', target: '/etc/p/p.yml' }, { source: 'p/rules', target: '/etc/p/rules' }, { source: 'missing', target: '/x' }]);
  assert.deepEqual(entries.map((e) => e.name), ['etc/p/p.yml', 'etc/p/rules/a.yml']);
  const tar = await tarOf(entries);
  const got: Array<{ name: string; mode?: number; uid?: number; body: string }> = [];
  await new Promise<void>((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        got.push({ name: h.name, mode: h.mode, uid: h.uid, body: Buffer.concat(chunks).toString() });
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    ex.end(tar);
  });
  assert.deepEqual(got, [
    { name: 'etc/p/p.yml', mode: 0o644, uid: 0, body: 'global: {}\n' },
    { name: 'etc/p/rules/a.yml', mode: 0o644, uid: 0, body: 'groups: []\n' },
  ]);
  dir.remove();
});

test('Grafana admin password: generated once, kept in a 0600 file, never admin', async () => {
  const dir = tempDir();
  const cfg = path.join(dir.path, 'cfg');
  const a = await grafanaAdminPassword(cfg);
  const b = await grafanaAdminPassword(cfg);
  assert.equal(a, b);
  assert.notEqual(a, 'admin');
  assert.ok(a.length >= 20);
  assert.equal(statSync(path.join(cfg, 'grafana-admin-password')).mode & 0o777, 0o600);
  assert.equal(readFileSync(path.join(cfg, 'grafana-admin-password'), 'utf8').trim(), a);
  dir.remove();
});

test('stack name and image overrides from the environment', () => {
  assert.equal(stackNameFrom({}), 'claude-code-monitor');
  assert.equal(stackNameFrom({ CCMON_STACK_NAME: 'ccmon-test-1' }), 'ccmon-test-1');
  assert.throws(() => stackNameFrom({ CCMON_STACK_NAME: 'Bad Name!' }), /CCMON_STACK_NAME is invalid/);
  assert.equal(imagesFrom({ CCMON_IMAGE_LOKI: 'mirror/loki:3' }).loki, 'mirror/loki:3');
  assert.equal(imagesFrom({}).grafana, 'grafana/grafana:12.1.0');
});

test('config entries that a bind mount provides (containers made by docker compose) are not put again', () => {
  const e = (name: string) => ({ name, content: Buffer.from(''), mode: 0o644 });
  const entries = [e('etc/loki/loki.yml'), e('etc/grafana/provisioning/datasources/d.yml'), e('etc/grafana/dashboards/a.json'), e('etc/grafana/dashboards-x/b.json')];
  assert.deepEqual(entriesOutsideBinds(entries, ['/etc/loki/loki.yml', '/etc/grafana/dashboards/']).map((x) => x.name), ['etc/grafana/provisioning/datasources/d.yml', 'etc/grafana/dashboards-x/b.json']);
  assert.equal(entriesOutsideBinds(entries, []).length, 4);
});
