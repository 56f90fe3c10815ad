import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { contextEndpoint, dockerOptions, engineCandidates, explainEngineError, pickEngineFailure, type DiscoveryInput } from '../../electron/core/stack/engine.js';

function input(env: NodeJS.ProcessEnv, files: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): DiscoveryInput {
  return { env, platform, home: '/home/u', readFile: (f) => files[f] ?? null };
}

test('DOCKER_HOST wins and is exclusive', () => {
  const c = engineCandidates(input({ DOCKER_HOST: 'tcp://10.0.0.2:2375' }));
  assert.deepEqual(c, [{ host: 'tcp://10.0.0.2:2375', source: 'DOCKER_HOST', exclusive: true }]);
});

test('the current docker context (config.json + contexts/meta/<sha256>) comes before the platform default', () => {
  const hash = createHash('sha256').update('colima').digest('hex');
  const files = {
    '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'colima' }),
    [`/home/u/.docker/contexts/meta/${hash}/meta.json`]: JSON.stringify({ Name: 'colima', Endpoints: { docker: { Host: 'unix:///home/u/.colima/default/docker.sock' } } }),
  };
  const c = engineCandidates(input({}, files, 'darwin'));
  assert.equal(c[0]?.host, 'unix:///home/u/.colima/default/docker.sock');
  assert.equal(c[0]?.source, 'docker context "colima"');
  assert.equal(c[0]?.exclusive, false);
  assert.equal(c[1]?.host, 'unix:///var/run/docker.sock');
  // The context's socket is not listed twice.
  assert.equal(c.filter((x) => x.host === 'unix:///home/u/.colima/default/docker.sock').length, 1);
});

test('DOCKER_CONTEXT selects a context explicitly (no fallback); "default" means no context', () => {
  const hash = createHash('sha256').update('remote').digest('hex');
  const files = { [`/home/u/.docker/contexts/meta/${hash}/meta.json`]: JSON.stringify({ Endpoints: { docker: { Host: 'ssh://me@box' } } }) };
  assert.deepEqual(engineCandidates(input({ DOCKER_CONTEXT: 'remote' }, files)), [{ host: 'ssh://me@box', source: 'docker context "remote"', exclusive: true }]);
  assert.equal(contextEndpoint(input({}, { '/home/u/.docker/config.json': '{"currentContext":"default"}' })), null);
  assert.equal(contextEndpoint(input({}, { '/home/u/.docker/config.json': 'not json' })), null);
});

test('known sockets: Docker Desktop, Colima, Rancher Desktop, Podman (linux and macOS); named pipes on Windows', () => {
  const linux = engineCandidates(input({ XDG_RUNTIME_DIR: '/run/user/1000' })).map((c) => `${c.source}=${c.host}`);
  assert.equal(linux[0], 'platform default=unix:///var/run/docker.sock');
  for (const s of ['Docker Desktop=unix:///home/u/.docker/desktop/docker.sock', 'Colima=unix:///home/u/.colima/default/docker.sock', 'Rancher Desktop=unix:///home/u/.rd/docker.sock', 'Podman=unix:///run/user/1000/podman/podman.sock', 'rootless Docker=unix:///run/user/1000/docker.sock', 'Podman=unix:///run/podman/podman.sock']) {
    assert.ok(linux.includes(s), s);
  }
  const mac = engineCandidates(input({}, {}, 'darwin')).map((c) => c.host);
  assert.ok(mac.includes('unix:///home/u/.docker/run/docker.sock'));
  assert.ok(mac.includes('unix:///home/u/.local/share/containers/podman/machine/podman.sock'));
  const win = engineCandidates(input({}, {}, 'win32'));
  assert.equal(win[0]?.host, 'npipe:////./pipe/docker_engine');
});

test('dockerode options for unix, npipe, tcp (with TLS) and ssh addresses', () => {
  assert.deepEqual(dockerOptions('unix:///var/run/docker.sock'), { socketPath: '/var/run/docker.sock' });
  assert.deepEqual(dockerOptions('npipe:////./pipe/docker_engine'), { socketPath: '\\\\.\\pipe\\docker_engine' });
  assert.deepEqual(dockerOptions('tcp://10.0.0.2:2375'), { host: '10.0.0.2', port: 2375, protocol: 'http' });
  const tls = dockerOptions('tcp://h:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' }, (f) => `pem:${f}`) as Record<string, unknown>;
  assert.equal(tls.protocol, 'https');
  assert.equal(tls.ca, 'pem:/c/ca.pem');
  assert.equal((dockerOptions('ssh://me@box') as Record<string, unknown>).protocol, 'ssh');
  assert.throws(() => dockerOptions('ftp://x'), /Unsupported Docker address/);
});

test('engine errors say which: missing, stopped, permission denied (with how to fix)', () => {
  const missing = explainEngineError('ENOENT', '', 'unix:///var/run/docker.sock', 'linux');
  assert.equal(missing.problem, 'missing');
  assert.match(missing.error, /No Docker engine found: \/var\/run\/docker.sock does not exist/);
  const stopped = explainEngineError('ECONNREFUSED', '', 'unix:///var/run/docker.sock', 'linux');
  assert.equal(stopped.problem, 'stopped');
  assert.match(stopped.error, /not running/);
  assert.match(stopped.hint, /systemctl start docker/);
  assert.match(explainEngineError('ECONNREFUSED', '', 'unix:///x', 'darwin').hint, /Docker Desktop/);
  const denied = explainEngineError('EACCES', '', 'unix:///var/run/docker.sock', 'linux');
  assert.equal(denied.problem, 'permission');
  assert.match(denied.error, /Permission denied on \/var\/run\/docker.sock/);
  assert.match(denied.hint, /usermod -aG docker/);
  assert.match(denied.hint, /rootless/);
});

test('of several failures, the most actionable one is reported', () => {
  const cand = (host: string) => ({ host, source: 's', exclusive: false });
  const picked = pickEngineFailure([
    { candidate: cand('unix:///a'), explained: explainEngineError('ENOENT', '', 'unix:///a') },
    { candidate: cand('unix:///b'), explained: explainEngineError('EACCES', '', 'unix:///b') },
    { candidate: cand('unix:///c'), explained: explainEngineError('ECONNREFUSED', '', 'unix:///c') },
  ]);
  assert.equal(picked?.candidate.host, 'unix:///b');
  assert.equal(pickEngineFailure([]), null);
});
