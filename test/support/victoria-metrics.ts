/**
 * A real VictoriaMetrics (single node) and vmauth for tests.
 *
 *   const vm = await startVictoriaMetrics();          // OTLP in at vm.otlpMetricsUrl, PromQL at vm.url/api/v1/*
 *   await vm.flush();                                 // what was just written becomes searchable now
 *   await importSamples(vm, series);                  // raw samples at their exact ms (e.g. exported from a Prometheus)
 *   const auth = await startVmauth({ targetUrl: vm.url, tokens: ['s3cret'] });  // Authorization: Bearer s3cret
 *   await auth.stop(); await vm.stop();               // kill them, remove their temp dirs
 *
 * Binaries: $VICTORIA_METRICS_BIN and $VMAUTH_BIN, else .cache/deps/victoria-metrics/usr/bin (fetch
 * them with `bash scripts/deps/victoria-metrics.sh`). Each listens on a free loopback port, keeps
 * its files in a temp dir removed on stop() and on process exit, and resolves once /health answers.
 * VictoriaMetrics hides the newest 30 s from queries (-search.latencyOffset): a query at "now" does
 * not see a sample written at "now"; pass extraArgs to change that.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import { tempDir } from './tmp.js';
import { logTail } from './log-tail.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN_DIR = join(ROOT, '.cache/deps/victoria-metrics/usr/bin');
export const VICTORIA_METRICS_BIN = process.env.VICTORIA_METRICS_BIN ?? join(BIN_DIR, 'victoria-metrics');
export const VMAUTH_BIN = process.env.VMAUTH_BIN ?? join(BIN_DIR, 'vmauth');

export interface VictoriaMetricsOptions {
  /** -retentionPeriod; default 100y, so backfilled history is never dropped. */
  retention?: string;
  extraArgs?: string[];
  /** Default 30000. */
  startTimeoutMs?: number;
}

export interface VictoriaMetricsHandle {
  /** e.g. http://127.0.0.1:40123; the Prometheus query API is under /api/v1. */
  url: string;
  /** Where OTLP http/protobuf metrics go. */
  otlpMetricsUrl: string;
  /** Makes every sample written so far searchable (GET /internal/force_flush). */
  flush(): Promise<void>;
  /** The last lines it logged (for failure messages). */
  logs(): string;
  /** Its process id (to read its memory from /proc). */
  pid: number;
  stop(): Promise<void>;
}

export interface VmauthOptions {
  /** Where authorised requests go, e.g. a VictoriaMetrics url. */
  targetUrl: string;
  /** Bearer tokens that are let through; any other request gets 401. */
  tokens: string[];
  extraArgs?: string[];
  startTimeoutMs?: number;
  /** Serve https with this certificate (its `url` is then https://localhost:port); `caPem` checks it is up. */
  tls?: { certFile: string; keyFile: string; caPem: string };
}

export interface VmauthHandle {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

// Closures, not methods: handed on unbound.
interface Server {
  pid: number;
  logs: () => string;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** One series and its raw samples, as a Prometheus range-vector answer carries them: `[epoch s, "value"]`. */
export interface RawSeries {
  metric: Record<string, string>;
  values: ReadonlyArray<readonly [number, string]>;
}

/**
 * VictoriaMetrics' JSON line import (/api/v1/import): one line per series, values as numbers (a
 * Prometheus value string parses back to the same float64), timestamps in exact milliseconds. Pure.
 */
export function importLines(series: readonly RawSeries[]): string {
  return series
    .filter((s) => s.values.length > 0)
    .map((s) => JSON.stringify({ metric: s.metric, values: s.values.map(([, v]) => finite(v, s.metric)), timestamps: s.values.map(([t]) => Math.round(t * 1000)) }))
    .join('\n');
}

// JSON has no NaN or Infinity (JSON.stringify would write null, a different sample); and
// VictoriaMetrics drops NaN samples on ingest anyway (measured, 1.145), so leave them out before.
function finite(v: string, metric: Record<string, string>): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`Cannot import the value ${v} of ${JSON.stringify(metric)} as JSON`);
  return n;
}

/** Writes the series' samples through /api/v1/import and makes them searchable. */
export async function importSamples(vm: Pick<VictoriaMetricsHandle, 'url' | 'flush'>, series: readonly RawSeries[]): Promise<void> {
  const res = await fetch(`${vm.url}/api/v1/import`, { method: 'POST', body: `${importLines(series)}\n`, signal: AbortSignal.timeout(30_000) });
  if (res.status !== 204) throw new Error(`VictoriaMetrics /api/v1/import answered ${res.status}: ${await res.text()}`);
  await vm.flush();
}

/** `vmauth -auth.config` letting each bearer token through to `targetUrl`. JSON strings are valid YAML. Pure. */
export function vmauthConfig(targetUrl: string, tokens: string[]): string {
  const users = tokens.map((t) => `  - bearer_token: ${JSON.stringify(t)}\n    url_prefix: ${JSON.stringify(targetUrl)}\n`);
  return `users:\n${users.join('')}`;
}

/** Runs `start` in a temp dir of its own, removed when the handle stops, or at once when starting fails. */
async function inTempDir<T extends { stop: () => Promise<void> }>(prefix: string, start: (dir: string) => Promise<T>): Promise<T> {
  const tmp = tempDir(prefix);
  try {
    const handle = await start(tmp.path);
    return {
      ...handle,
      stop: async () => {
        await handle.stop();
        tmp.remove();
      },
    };
  } catch (err) {
    tmp.remove();
    throw err;
  }
}

export function startVictoriaMetrics(opts: VictoriaMetricsOptions = {}): Promise<VictoriaMetricsHandle> {
  return inTempDir('ccmon-vm-', async (dir) => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const { url, server } = await onFreePort(
      'VictoriaMetrics',
      VICTORIA_METRICS_BIN,
      (port) => [
        '-opentelemetry.usePrometheusNaming',
        `-retentionPeriod=${opts.retention ?? '100y'}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${dataDir}`,
        ...(opts.extraArgs ?? []),
      ],
      opts.startTimeoutMs,
    );
    return {
      url,
      otlpMetricsUrl: `${url}/opentelemetry/v1/metrics`,
      logs: server.logs,
      pid: server.pid,
      async flush() {
        const res = await fetch(`${url}/internal/force_flush`, { signal: AbortSignal.timeout(10000) });
        if (!res.ok) throw new Error(`VictoriaMetrics force_flush answered ${res.status}: ${await res.text()}`);
      },
      stop: server.stop,
    };
  });
}

export function startVmauth(opts: VmauthOptions): Promise<VmauthHandle> {
  return inTempDir('ccmon-vmauth-', async (dir) => {
    const configFile = join(dir, 'auth.yml');
    writeFileSync(configFile, vmauthConfig(opts.targetUrl, opts.tokens));
    const tls = opts.tls;
    const { url, server } = await onFreePort(
      'vmauth',
      VMAUTH_BIN,
      (port) => [
        `-auth.config=${configFile}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        ...(tls ? ['-tls', `-tlsCertFile=${tls.certFile}`, `-tlsKeyFile=${tls.keyFile}`] : []),
        ...(opts.extraArgs ?? []),
      ],
      opts.startTimeoutMs,
      tls ? { scheme: 'https', host: 'localhost', caPem: tls.caPem } : undefined,
    );
    return { url, logs: server.logs, stop: server.stop };
  });
}

/** Starts `bin` on a free port; another process may take the port first, so it tries three. */
interface Listen {
  scheme: 'https';
  host: string;
  caPem: string;
}

async function onFreePort(name: string, bin: string, args: (port: number) => string[], timeoutMs = 30000, listen?: Listen): Promise<{ url: string; server: Server }> {
  if (!existsSync(bin)) throw new Error(`${name} binary not found at ${bin}. Run \`bash scripts/deps/victoria-metrics.sh\`.`);
  hookExit();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = listen ? `${listen.scheme}://${listen.host}:${port}` : `http://127.0.0.1:${port}`;
    try {
      return { url, server: await launch(name, bin, args(port), url, timeoutMs, listen?.caPem) };
    } catch (err) {
      lastError = err as Error;
      if (!/address already in use/i.test(lastError.message)) break;
    }
  }
  throw lastError ?? new Error(`${name} did not start`);
}

/** GET url/health answers 200 (over https, trusting `caPem`). */
function healthy(url: string, caPem: string | undefined): Promise<boolean> {
  if (!caPem) return fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
  return new Promise((resolve) => {
    const req = httpsRequest(`${url}/health`, { ca: caPem, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function launch(name: string, bin: string, args: string[], url: string, timeoutMs: number, caPem?: string): Promise<Server> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const logs = logTail(child);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((res) =>
    child.once('exit', (code) => {
      exitCode = code;
      running.delete(child);
      res();
    }),
  );
  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${name} exited (code ${exitCode}) before it was ready:\n${logs()}`);
    try {
      if (await healthy(url, caPem)) return { pid: child.pid!, logs, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} at ${url} did not answer /health within ${timeoutMs} ms:\n${logs()}`);
    }
    await sleep(100);
  }
}
