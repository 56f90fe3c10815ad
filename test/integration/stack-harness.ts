/**
 * Shared by the stack integration tests: a real Docker engine (started by scripts/deps/docker.sh
 * when none answers), the locally built test images (scripts/images/build.sh), and a stack of the
 * test's own: its own CCMON_STACK_NAME, free ports, config folder, and a cleanup that removes only
 * what carries that name's label.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { main } from '../../electron/cli/index.js';
import { StackManager } from '../../electron/core/stack/manager.js';
import { labels } from '../../electron/core/stack/definition.js';
import type { StackUrls } from '../../electron/core/stack/model.js';
import { freePorts } from '../support/ports.js';
import { tempDir } from '../support/tmp.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const testImages = {
  prometheus: 'ccmon-test/prometheus-debian:3.5.3',
  loki: 'ccmon-test/loki-standin:1',
  grafana: 'ccmon-test/grafana-standin:1',
  crash: 'ccmon-test/crash-standin:1',
} as const;

let prepared: string | null | undefined;

function enginePings(socket = '/var/run/docker.sock'): boolean {
  if (!existsSync(socket)) return false;
  const r = spawnSync('curl', ['-fsS', '--max-time', '3', '--unix-socket', socket, 'http://localhost/_ping'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Makes sure an engine answers and the test images exist. Returns null when ready, or the reason
 * docker cannot run here (the tests then skip with that plain message).
 */
export function prepareDocker(): string | null {
  if (prepared !== undefined) return prepared;
  if (!enginePings()) {
    const r = spawnSync('bash', [path.join(root, 'scripts/deps/docker.sh')], { encoding: 'utf8' });
    if (r.status !== 0 || !enginePings()) {
      prepared = `no Docker engine can run here: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ')}`;
      return prepared;
    }
  }
  const b = spawnSync('bash', [path.join(root, 'scripts/images/build.sh')], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`building the test images failed:\n${b.stderr}`);
  prepared = null;
  return prepared;
}

export const docker = (socketPath = '/var/run/docker.sock'): Docker => new Docker({ socketPath });

export interface TestStack {
  name: string;
  ports: { prometheus: number; loki: number; grafana: number };
  urls: StackUrls;
  env: NodeJS.ProcessEnv;
  configDir: string;
  manager(extraEnv?: NodeJS.ProcessEnv): StackManager;
  cli(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; json: unknown }>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A stack of this test's own. `cleanup()` removes its containers, network and volumes (by label, and by name). */
export async function testStack(overrides: NodeJS.ProcessEnv = {}, socketPath = '/var/run/docker.sock'): Promise<TestStack> {
  const name = `ccmon-test-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const [p, l, g] = await freePorts(3);
  const ports = { prometheus: p!, loki: l!, grafana: g! };
  const urls = { prometheusUrl: `http://127.0.0.1:${p}`, lokiUrl: `http://127.0.0.1:${l}`, grafanaUrl: `http://127.0.0.1:${g}` };
  const cfg = tempDir('ccmon-stack-cfg-');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: cfg.path,
    CCMON_CONFIG_DIR: cfg.path,
    CCMON_STACK_NAME: name,
    CCMON_IMAGE_PROMETHEUS: testImages.prometheus,
    CCMON_IMAGE_LOKI: testImages.loki,
    CCMON_IMAGE_GRAFANA: testImages.grafana,
    CCMON_PROMETHEUS_URL: urls.prometheusUrl,
    CCMON_LOKI_URL: urls.lokiUrl,
    CCMON_GRAFANA_URL: urls.grafanaUrl,
    CCMON_EXPORTER_URL: 'http://127.0.0.1:1/metrics',
    DOCKER_HOST: `unix://${socketPath}`,
    ...overrides,
  };
  const merged = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...env, ...extra });
  return {
    name,
    ports,
    urls,
    env,
    configDir: cfg.path,
    manager: (extra = {}) => {
      const e = merged(extra);
      return new StackManager({
        env: e,
        urls: { prometheusUrl: e.CCMON_PROMETHEUS_URL!, lokiUrl: e.CCMON_LOKI_URL!, grafanaUrl: e.CCMON_GRAFANA_URL! },
        configDir: cfg.path,
        readyTimeoutMs: 60_000,
      });
    },
    cli: async (args, extra = {}) => {
      let stdout = '';
      let stderr = '';
      const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false }, merged(extra));
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* not JSON */
      }
      return { code, stdout, stderr, json };
    },
    cleanup: async () => {
      await removeStack(docker(socketPath), name);
      cfg.remove();
    },
  };
}

/** Removes what belongs to stack `name`: by label, and by the names the definition gives (only if labelled). */
export async function removeStack(d: Docker, name: string): Promise<void> {
  const filters = { label: [`${labels.stack}=${name}`] };
  try {
    for (const c of await d.listContainers({ all: true, filters })) await d.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    for (const n of await d.listNetworks({ filters })) await d.getNetwork(n.Id).remove().catch(() => undefined);
    for (const v of (await d.listVolumes({ filters })).Volumes ?? []) await d.getVolume(v.Name).remove().catch(() => undefined);
  } catch {
    /* engine gone: nothing to clean */
  }
}

export function dockerCli(args: string[], host?: string): string {
  return execFileSync('docker', [...(host ? ['-H', host] : []), ...args], { encoding: 'utf8' });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
