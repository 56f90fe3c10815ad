/**
 * A real pull with per-layer progress: Debian's docker-registry (scripts/deps/registry.sh) on a free
 * loopback port holds the test images, and an engine of the test's own (which has no images) pulls
 * them during `up`. The progress figure rises to 1 and never goes back; a tag the registry doesn't
 * have is a detected, explained failure.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PullProgress } from '../../electron/core/api/types.js';
import { allReady } from '../../electron/core/stack/model.js';
import { freePort } from '../support/ports.js';
import { tempDir } from '../support/tmp.js';
import { PrivateEngine, dockerCli, prepareDocker, root, testImages, testStack, waitFor } from '../support/stack-harness.js';

let skip: string | null = prepareDocker() ?? (process.getuid?.() !== 0 ? 'starting a private dockerd needs root' : null);
let registryBin = '';
if (!skip) {
  const r = spawnSync('bash', [path.join(root, 'scripts/deps/registry.sh')], { encoding: 'utf8' });
  if (r.status !== 0) skip = `Debian's docker-registry could not be fetched: ${r.stderr.trim().split('\n').at(-1)}`;
  else registryBin = r.stdout.trim();
}

const engine = new PrivateEngine();
const dir = tempDir('ccmon-registry-');
let registry: ChildProcess | null = null;
const pushed: string[] = [];

after(async () => {
  if (skip) return;
  registry?.kill('SIGTERM');
  for (const tag of pushed) spawnSync('docker', ['rmi', tag], { stdio: 'ignore' });
  await engine.destroy();
  dir.remove();
});

test('up pulls missing images from a registry with one progress figure, then everything is ready', { skip: skip ?? false, timeout: 240_000 }, async () => {
  const port = await freePort();
  writeFileSync(path.join(dir.path, 'config.yml'), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir.path}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  registry = spawn(registryBin, ['serve', path.join(dir.path, 'config.yml')], { stdio: 'ignore' });
  await waitFor('the registry', async () => (await fetch(`http://127.0.0.1:${port}/v2/`)).ok, 20_000);
  const suffix = Date.now().toString(36);
  const images = {
    prometheus: `127.0.0.1:${port}/ccmon-test/prometheus-debian:${suffix}`,
    loki: `127.0.0.1:${port}/ccmon-test/loki-standin:${suffix}`,
    grafana: `127.0.0.1:${port}/ccmon-test/grafana-standin:${suffix}`,
  };
  for (const [svc, tag] of Object.entries(images)) {
    dockerCli(['tag', testImages[svc as keyof typeof images], tag]);
    pushed.push(tag);
    dockerCli(['push', '-q', tag]);
  }
  await engine.start();
  const stack = await testStack({ CCMON_IMAGE_PROMETHEUS: images.prometheus, CCMON_IMAGE_LOKI: images.loki, CCMON_IMAGE_GRAFANA: images.grafana }, engine.socket);
  try {
    const manager = stack.manager();
    const progress: PullProgress[] = [];
    manager.attach({ emit: (name, payload) => {
      if (name === 'stack:pull-progress') progress.push(payload as PullProgress);
    } });
    const status = await manager.up();
    assert.ok(allReady(status), JSON.stringify(status));
    const fractions = progress.map((p) => p.fraction);
    assert.ok(progress.length >= 3, `${progress.length} progress events`);
    for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i]! >= fractions[i - 1]!, `never goes back: ${fractions.join(' ')}`);
    assert.equal(fractions.at(-1), 1);
    assert.ok(fractions.some((f) => f > 0 && f < 1), 'intermediate figures were reported');
    assert.deepEqual(new Set(progress.map((p) => p.image)), new Set(Object.values(images)));
    console.log(`pull progress: ${progress.length} events, figures ${fractions.map((f) => f.toFixed(2)).join(' ')}`);

    // A tag the registry does not have: detected and explained, not a silent success.
    const missing = `127.0.0.1:${port}/ccmon-test/loki-standin:not-there`;
    const r = await stack.cli(['stack', 'up'], { CCMON_STACK_NAME: `${stack.name}-b`, CCMON_IMAGE_LOKI: missing, CCMON_LOKI_URL: `http://127.0.0.1:${await freePort()}`, CCMON_PROMETHEUS_URL: `http://127.0.0.1:${await freePort()}`, CCMON_GRAFANA_URL: `http://127.0.0.1:${await freePort()}` });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`Pulling ${missing.replace(/[./]/g, '\\$&')} failed: .*(not found|manifest unknown)`));
  } finally {
    await stack.cleanup();
  }
});
