/**
 * A real Prometheus 3.5 for tests.
 *
 *   const prom = await startPrometheus({ targets: ['127.0.0.1:19464'] });   // scrapes every 1 s
 *   await prom.waitForScrape(['127.0.0.1:19464']);
 *   const v = await prom.query('sum(claude_code_cost_usage_total)');         // instant vector
 *   await prom.stop();                                                        // kills it, removes temp dirs
 *
 * Binary: $PROMETHEUS_BIN, else .cache/deps/prometheus/usr/bin/prometheus (fetch it with
 * `bash scripts/deps/prometheus.sh`). Listens on a free loopback port; config and (unless you
 * pass `dataDir`) data live in a temp dir removed on stop() and on process exit.
 * History: createBlocks(openMetricsFile, dir) runs promtool; then startPrometheus({ dataDir: dir }).
 * startPrometheus() resolves once /-/ready answers and every configured target has a scrape loop
 * (Prometheus applies targets ~5 s after start), so the first scrape follows within one interval.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import { tempDir } from './tmp.js';
import { logTail } from './log-tail.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? join(ROOT, '.cache/deps/prometheus/usr/bin/prometheus');
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? join(ROOT, '.cache/deps/prometheus/usr/bin/promtool');

export interface ScrapeJob {
  job: string;
  /** host:port list. */
  targets: string[];
  /** Default /metrics. */
  metricsPath?: string;
}

export interface PrometheusOptions {
  /** host:port targets for one job named `claude-code`, or full jobs. */
  targets?: string[] | ScrapeJob[];
  /** Default 1. Also the rule evaluation interval. */
  scrapeIntervalSeconds?: number;
  /** Absolute paths of rule files to load. */
  ruleFiles?: string[];
  /** Adds --web.enable-remote-write-receiver (POST /api/v1/write). */
  remoteWriteReceiver?: boolean;
  /** Listen on this loopback port (default: a free one), e.g. to stand in for a Prometheus that restarted. */
  port?: number;
  /** `storage.tsdb.out_of_order_time_window`, e.g. '2h': accept samples that far behind the newest. */
  outOfOrderTimeWindow?: string;
  /** Use this TSDB dir (e.g. holding backfilled blocks); it is left in place on stop. */
  dataDir?: string;
  /** Default 3650d, so backfilled history is never dropped. */
  retention?: string;
  extraArgs?: string[];
  /** Default 30000. */
  startTimeoutMs?: number;
}

export interface TargetState {
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastScrape: string;
  lastError: string;
}

export interface PrometheusHandle {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  dataDir: string;
  configFile: string;
  /**
   * Resolves once every target (host:port; default all configured) has been scraped after this
   * call started (and, with health 'up', successfully). Rejects after timeoutMs (default 15000).
   */
  waitForScrape(targets?: string[], opts?: { health?: 'up' | 'any'; timeoutMs?: number; after?: Date }): Promise<void>;
  /**
   * Instant query; returns `data.result` (a vector, or a matrix of raw samples for a range
   * selector such as `x[5m]`). Throws on a non-success answer.
   */
  query(expr: string, time?: Date | number): Promise<PromSample[]>;
  targets(): Promise<TargetState[]>;
  /** The last lines Prometheus logged (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

/** One element of `data.result`: `value` for vectors, `values` for matrices (range selectors). */
export interface PromSample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

const running = new Set<{ child: ChildProcess; cleanup: () => void }>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = (): void => {
    for (const r of running) {
      r.child.kill('SIGKILL');
      r.cleanup();
    }
    running.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

function yamlList(items: string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
}

/** The prometheus.yml for these options (JSON-quoted strings are valid YAML). Pure. */
export function prometheusConfig(opts: Pick<PrometheusOptions, 'targets' | 'scrapeIntervalSeconds' | 'ruleFiles' | 'outOfOrderTimeWindow'>): string {
  const interval = `${opts.scrapeIntervalSeconds ?? 1}s`;
  const raw = opts.targets ?? [];
  const jobs: ScrapeJob[] = raw.length && typeof raw[0] === 'string' ? [{ job: 'claude-code', targets: raw as string[] }] : (raw as ScrapeJob[]);
  const lines = ['global:', `  scrape_interval: ${interval}`, `  scrape_timeout: ${interval}`, `  evaluation_interval: ${interval}`];
  if (opts.ruleFiles?.length) lines.push(`rule_files: ${yamlList(opts.ruleFiles)}`);
  if (opts.outOfOrderTimeWindow) lines.push('storage:', '  tsdb:', `    out_of_order_time_window: ${opts.outOfOrderTimeWindow}`);
  lines.push('scrape_configs:');
  if (!jobs.length) lines.push('  []');
  for (const j of jobs) {
    lines.push(`  - job_name: ${JSON.stringify(j.job)}`);
    if (j.metricsPath) lines.push(`    metrics_path: ${JSON.stringify(j.metricsPath)}`);
    lines.push(`    static_configs:`, `      - targets: ${yamlList(j.targets)}`);
  }
  return `${lines.join('\n')}\n`;
}

function allTargets(opts: PrometheusOptions): string[] {
  const raw = opts.targets ?? [];
  if (!raw.length) return [];
  return typeof raw[0] === 'string' ? (raw as string[]) : (raw as ScrapeJob[]).flatMap((j) => j.targets);
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusHandle> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(`Prometheus binary not found at ${PROMETHEUS_BIN}. Run \`bash scripts/deps/prometheus.sh\` (or set PROMETHEUS_BIN).`);
  }
  hookExit();
  const tmp = tempDir('ccmon-prom-');
  const configFile = join(tmp.path, 'prometheus.yml');
  writeFileSync(configFile, prometheusConfig(opts));
  const dataDir = opts.dataDir ?? join(tmp.path, 'data');
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(opts, tmp, configFile, dataDir);
    } catch (err) {
      lastError = err as Error;
      if (!/address already in use/i.test(lastError.message)) break;
    }
  }
  tmp.remove();
  throw lastError ?? new Error('Prometheus did not start');
}

async function launch(opts: PrometheusOptions, tmp: { path: string; remove(): void }, configFile: string, dataDir: string): Promise<PrometheusHandle> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--storage.tsdb.retention.time=${opts.retention ?? '3650d'}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
    ...(opts.remoteWriteReceiver ? ['--web.enable-remote-write-receiver'] : []),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = logTail(child);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  // The temp dir holds the config and, unless opts.dataDir was given, the data.
  let removeTmp = true;
  const cleanup = (): void => {
    if (removeTmp) tmp.remove();
  };
  const entry = { child, cleanup };
  running.add(entry);

  const stop = async (): Promise<void> => {
    if (!running.has(entry)) return;
    running.delete(entry);
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    cleanup();
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30000);
  for (;;) {
    if (exitCode !== undefined) {
      removeTmp = false; // the caller may retry on another port with the same dir
      await stop();
      throw new Error(`Prometheus exited (code ${exitCode}) before it was ready:\n${logs()}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      removeTmp = false;
      await stop();
      throw new Error(`Prometheus at ${url} was not ready after ${opts.startTimeoutMs ?? 30000} ms:\n${logs()}`);
    }
    await sleep(100);
  }

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(10000) });
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path} failed: ${body.error ?? res.status}`);
    return body.data;
  };

  const targets = async (): Promise<TargetState[]> => {
    const data = await api<{ activeTargets: TargetState[] }>('/api/v1/targets?state=active');
    return data.activeTargets;
  };

  // Prometheus applies scrape targets only after its discovery throttle (~5 s after start): wait
  // until every configured target has a running scrape loop, so tests can start emitting at once.
  const want = allTargets(opts);
  for (;;) {
    const active = await targets().catch(() => [] as TargetState[]);
    const hosts = new Set(active.map((t) => new URL(t.scrapeUrl).host));
    if (want.every((t) => hosts.has(t))) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus at ${url} did not pick up its scrape targets in time:\n${logs()}`);
    }
    await sleep(200);
  }

  return {
    url,
    dataDir,
    configFile,
    logs,
    stop,
    targets,
    async query(expr: string, time?: Date | number): Promise<PromSample[]> {
      const q = new URLSearchParams({ query: expr });
      if (time !== undefined) q.set('time', String((time instanceof Date ? time.getTime() : time) / 1000));
      const data = await api<{ resultType: string; result: PromSample[] }>(`/api/v1/query?${q.toString()}`);
      return data.result;
    },
    async waitForScrape(want = allTargets(opts), o = {}): Promise<void> {
      const after = (o.after ?? new Date()).getTime();
      const until = Date.now() + (o.timeoutMs ?? 15000);
      let last: TargetState[] = [];
      for (;;) {
        last = await targets();
        const ok = want.every((t) =>
          last.some((s) => {
            if (new URL(s.scrapeUrl).host !== t) return false;
            if (Date.parse(s.lastScrape) < after) return false;
            return (o.health ?? 'up') === 'any' || s.health === 'up';
          }),
        );
        if (ok) return;
        if (Date.now() > until) {
          const states = last.map((s) => `${s.scrapeUrl} ${s.health} last=${s.lastScrape} ${s.lastError}`).join('\n');
          throw new Error(`Targets ${want.join(', ')} not scraped after ${new Date(after).toISOString()}:\n${states}`);
        }
        await sleep(200);
      }
    },
  };
}

/**
 * `promtool tsdb create-blocks-from openmetrics FILE DIR` for each file, one after another:
 * turns OpenMetrics history (e.g. from scripts/simulator/backfill.ts) into TSDB blocks under
 * `dataDir`, for startPrometheus({ dataDir }). promtool re-reads a file once per 2 h block, so
 * pass many small files (one per day) rather than one big one.
 */
export async function createBlocks(openMetricsFiles: string | string[], dataDir: string): Promise<void> {
  if (!existsSync(PROMTOOL_BIN)) throw new Error(`promtool not found at ${PROMTOOL_BIN}. Run \`bash scripts/deps/prometheus.sh\` (or set PROMTOOL_BIN).`);
  for (const file of Array.isArray(openMetricsFiles) ? openMetricsFiles : [openMetricsFiles]) {
    try {
      await promisify(execFile)(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=720h', file, dataDir], { maxBuffer: 64 << 20 });
    } catch (err) {
      const e = err as Error & { stderr?: string };
      throw new Error(`promtool could not create blocks from ${file}: ${e.stderr || e.message}`, { cause: err });
    }
  }
}
