/**
 * `npm run bench:stack`: time from `up` (images present) to every service ready, from `down` to
 * stopped, and from `up` on the stopped stack to ready again. Runs on the machine's engine with a
 * stack of its own (name ccmon-bench-<pid>, free ports, temporary config folder), removed at the end.
 * Images: CCMON_IMAGE_* if set; otherwise the pinned images when the engine has them all, else the
 * local test images (scripts/images/build.sh: Debian's Prometheus 3.5.3, Loki/Grafana stand-ins).
 * BENCH_RUNS (default 3) rounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { StackManager } from '../../electron/core/stack/manager.js';
import { defaultImages, imageEnvVars, serviceNames } from '../../electron/core/stack/definition.js';
import { allReady } from '../../electron/core/stack/model.js';
import { connectEngine, defaultDiscoveryInput } from '../../electron/core/stack/engine.js';
import { freePorts } from '../../test/support/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.env.BENCH_RUNS ?? 3);

function sh(script: string): void {
  const r = spawnSync('bash', [path.join(root, script)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} failed`);
}

const engine = await connectEngine(defaultDiscoveryInput());
if (!engine.docker && !process.env.DOCKER_HOST) sh('scripts/deps/docker.sh');
const conn = engine.docker ? engine : await connectEngine(defaultDiscoveryInput());
if (!conn.docker) {
  console.error(`bench:stack: ${conn.status.error} ${conn.status.hint ?? ''}`);
  process.exit(1);
}
const docker: Docker = conn.docker;

const images: Record<string, string> = {};
const overridden = serviceNames.some((s) => process.env[imageEnvVars[s]]);
if (overridden) {
  for (const s of serviceNames) images[s] = process.env[imageEnvVars[s]] ?? defaultImages[s];
} else {
  const pinnedPresent = (await Promise.all(serviceNames.map((s) => docker.getImage(defaultImages[s]).inspect().then(() => true, () => false)))).every(Boolean);
  if (pinnedPresent) Object.assign(images, defaultImages);
  else {
    sh('scripts/images/build.sh');
    Object.assign(images, { prometheus: 'ccmon-test/prometheus-debian:3.5.3', loki: 'ccmon-test/loki-standin:1', grafana: 'ccmon-test/grafana-standin:1' });
  }
}

const name = `ccmon-bench-${process.pid}`;
const [p, l, g] = await freePorts(3);
const configDir = mkdtempSync(path.join(tmpdir(), 'ccmon-bench-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CCMON_STACK_NAME: name,
  CCMON_IMAGE_PROMETHEUS: images.prometheus,
  CCMON_IMAGE_LOKI: images.loki,
  CCMON_IMAGE_GRAFANA: images.grafana,
};
const manager = new StackManager({ env, configDir, urls: { prometheusUrl: `http://127.0.0.1:${p}`, lokiUrl: `http://127.0.0.1:${l}`, grafanaUrl: `http://127.0.0.1:${g}` }, readyTimeoutMs: 120_000 });

const time = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const results = { upFromNothing: [] as number[], down: [] as number[], upFromStopped: [] as number[] };
try {
  console.log(`bench:stack on Docker ${conn.status.version} at ${conn.status.socket}`);
  console.log(`images: ${serviceNames.map((s) => images[s]).join(', ')}`);
  for (let i = 0; i < runs; i++) {
    await manager.purge();
    results.upFromNothing.push(await time(async () => {
      if (!allReady(await manager.up())) throw new Error('up returned a stack that is not ready');
    }));
    results.down.push(await time(() => manager.down()));
    results.upFromStopped.push(await time(() => manager.up()));
    await manager.down();
  }
} finally {
  await manager.purge().catch(() => undefined);
  rmSync(configDir, { recursive: true, force: true });
}

const fmt = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `median ${(med / 1000).toFixed(2)} s   (min ${(s[0]! / 1000).toFixed(2)}, max ${(s.at(-1)! / 1000).toFixed(2)}, n=${s.length})`;
};
console.log(`up (images present, no containers) → all ready:  ${fmt(results.upFromNothing)}`);
console.log(`down → stopped (volumes kept):                   ${fmt(results.down)}`);
console.log(`up (stopped containers) → all ready:             ${fmt(results.upFromStopped)}`);
