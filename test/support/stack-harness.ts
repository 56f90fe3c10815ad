/**
 * Shared by the stack integration tests: a real Docker engine (started by scripts/deps/docker.sh
 * when none answers), the locally built test images (scripts/images/build.sh), and a stack of the
 * test's own: its own CCMON_STACK_NAME, free ports, config folder, and a cleanup that removes only
 * what carries that name's label.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { main } from '../../electron/cli/index.js';
import { StackManager } from '../../electron/core/stack/manager.js';
import { labels } from '../../electron/core/stack/definition.js';
import type { StackUrls } from '../../electron/core/stack/model.js';
import { freePorts } from './ports.js';
import { tempDir } from './tmp.js';

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
  let last = '';
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A Docker engine of the test's own (its own data root, exec root, socket, containerd), so a test
 * may kill and restart it without touching the machine's engine or anyone else's containers.
 * No iptables rules (--iptables=false, --bridge=none): published 127.0.0.1 ports go through
 * docker-proxy, the stack's user-defined network still works.
 */
export class PrivateEngine {
  readonly dataRoot: string;
  readonly execRoot: string;
  readonly socket: string;
  readonly log: string;
  constructor(readonly id = `${process.pid}-${Date.now().toString(36)}`) {
    this.dataRoot = `/var/lib/ccmon-test-engine/${id}`;
    this.execRoot = `/run/ccmon-test-engine-${id}`;
    this.socket = `${this.execRoot}/docker.sock`;
    this.log = `/tmp/ccmon-test-engine-${id}.log`;
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  pid(): number | null {
    return this.daemon && this.daemon.exitCode === null && this.daemon.signalCode === null ? (this.daemon.pid ?? null) : null;
  }

  async start(): Promise<void> {
    execFileSync('mkdir', ['-p', this.dataRoot, this.execRoot]);
    // A pid file left by a killed daemon would stop the new one from starting.
    rmSync(`${this.execRoot}/dockerd.pid`, { force: true });
    // Same for its containerd: dead (or a zombie, on machines whose init does not reap) means the
    // new daemon must start its own instead of waiting for the old socket forever.
    const cpidFile = `${this.execRoot}/containerd/containerd.pid`;
    if (existsSync(cpidFile) && !alive(Number(readFileSync(cpidFile, 'utf8').trim()))) {
      rmSync(cpidFile, { force: true });
      rmSync(`${this.execRoot}/containerd/containerd.sock`, { force: true });
    }
    const args = ['--data-root', this.dataRoot, '--exec-root', this.execRoot, '--pidfile', `${this.execRoot}/dockerd.pid`, '-H', this.host,
      '--iptables=false', '--ip-masq=false', '--bridge=none', '--default-address-pool', 'base=10.213.0.0/16,size=24'];
    const out = openSync(this.log, 'a');
    // Our child (so it is reaped when killed), in its own process group.
    this.daemon = spawn('dockerd', args, { stdio: ['ignore', out, out], detached: true });
    closeSync(out);
    try {
      await waitFor('the private engine', async () => enginePings(this.socket), 30_000, 200);
    } catch (err) {
      throw new Error(`${(err as Error).message}; its log ends with:\n${readFileSync(this.log, 'utf8').split('\n').slice(-15).join('\n')}`, { cause: err });
    }
    // Its containerd (a child of this dockerd), by process id, to end it if the daemon can't.
    const kids = spawnSync('pgrep', ['-P', String(this.daemon.pid), '-x', 'containerd'], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter(Boolean);
    for (const k of kids) this.childPids.add(k);
  }

  private daemon: ChildProcess | null = null;
  private readonly childPids = new Set<number>();

  /** SIGKILL: what a crash (or a Docker Desktop restart) looks like from the app. */
  async kill(): Promise<void> {
    const d = this.daemon;
    if (!d || this.pid() === null) return;
    const exited = new Promise((r) => d.once('exit', r));
    d.kill('SIGKILL');
    await exited;
  }

  loadImages(images: string[]): void {
    execFileSync('bash', ['-c', `docker save ${images.join(' ')} | docker -H '${this.host}' load -q`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  /** Removes everything: containers, the daemon (and its containerd), mounts, folders. */
  async destroy(): Promise<void> {
    if (enginePings(this.socket)) {
      spawnSync('bash', ['-c', `ids=$(docker -H '${this.host}' ps -aq); [ -n "$ids" ] && docker -H '${this.host}' rm -f $ids; docker -H '${this.host}' network prune -f; docker -H '${this.host}' volume prune -f`], { stdio: 'ignore' });
    }
    const d = this.daemon;
    if (d && this.pid() !== null) {
      const exited = new Promise((r) => d.once('exit', r));
      d.kill('SIGTERM');
      const timer = setTimeout(() => d.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    // Container shims of this engine's exec root that outlived it (a failed run): found by id, with their processes.
    for (const pid of processesMentioning(`${this.execRoot}/`)) {
      for (const kid of spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter(Boolean)) {
        try {
          process.kill(kid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      this.childPids.add(pid);
    }
    // A containerd left behind by a SIGKILLed daemon: the ones this engine started, by id.
    for (const k of this.childPids) {
      try {
        process.kill(k, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    spawnSync('bash', ['-c', `grep -oE ' (${this.dataRoot}|${this.execRoot})[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l; rm -rf '${this.dataRoot}' '${this.execRoot}' '${this.log}'`], { stdio: 'ignore' });
  }
}

/** Ids of the processes whose command line mentions `text` (used with a private engine's unique exec root). */
function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** True when the process runs (a zombie does not). */
function alive(pid: number): boolean {
  if (!pid) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}
