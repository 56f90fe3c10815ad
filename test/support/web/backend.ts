/**
 * The real backend the dashboard e2e tests run against:
 *
 *   history (backfilled TSDB blocks: sessions 3 and 20 days ago) ─┐
 *   simulated Claude Code sessions (Prometheus exporters) ────────┼─> a real Prometheus 3.5 ─> proxy ─> `ccmon web`
 *   one session kept running (the exporter the probe reads) ──────┘
 *
 * Known totals: today's from the simulator's scenario, the history's from the lines written here.
 * The proxy in front of Prometheus lets a test stop Prometheus and start it again (same data,
 * new process) while `ccmon web` keeps its configured URL.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort, freePorts } from '../ports.js';
import { PROMTOOL_BIN, startPrometheus, type PrometheusHandle } from '../prometheus.js';
import { tempDir } from '../tmp.js';
import { startScenario, type RunningScenario } from '../../../scripts/simulator/runner.js';
import { parseScenario, type Scenario } from '../../../scripts/simulator/scenario.js';
import { namedScenario } from '../../../scripts/simulator/scenarios/index.js';
import { scenarioTotals, type KnownTotals } from '../../../scripts/simulator/totals.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const run = promisify(execFile);

/** A past session, as backfilled history. */
export interface HistorySession {
  sessionId: string;
  model: string;
  /** Epoch ms of its first sample. */
  at: number;
  costUsd: number;
  tokens: { input: number; output: number; cacheRead: number; cacheCreation: number };
}

/** The daily budget in the app's settings file (the widget shows how much of it today used). */
export const DAILY_BUDGET_USD = 5;

const localMidnight = (now: Date, daysBack: number): Date => new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);

/** Two sessions: 3 days ago (inside "7 days") and 20 days ago (inside "30 days" only). */
export function historySessions(now = new Date()): HistorySession[] {
  return [
    {
      sessionId: 'e2e-history-3d',
      model: 'claude-opus-4-8',
      at: localMidnight(now, 3).getTime() + 10 * 3600_000,
      costUsd: 4.25,
      tokens: { input: 52_000, output: 18_000, cacheRead: 410_000, cacheCreation: 31_000 },
    },
    {
      sessionId: 'e2e-history-20d',
      model: 'claude-sonnet-4-6',
      at: localMidnight(now, 20).getTime() + 15 * 3600_000,
      costUsd: 11.5,
      tokens: { input: 120_000, output: 64_000, cacheRead: 1_900_000, cacheCreation: 88_000 },
    },
  ];
}

/** OpenMetrics for promtool: each session's counters rise over 10 minutes (samples every minute). */
export function historyOpenMetrics(sessions: HistorySession[]): string {
  const lines: string[] = [];
  const common = (s: HistorySession) =>
    `user_id="e2e",session_id="${s.sessionId}",terminal_type="xterm",job="claude-code",instance="history:9464"`;
  const samples = (s: HistorySession, labels: string, final: number, name: string): void => {
    for (let i = 0; i <= 10; i++) lines.push(`${name}{${labels}} ${(final * i) / 10} ${Math.floor(s.at / 1000) + i * 60}`);
  };
  lines.push('# HELP claude_code_session_count Count of CLI sessions started', '# TYPE claude_code_session_count counter');
  for (const s of sessions) for (let i = 0; i <= 10; i++) lines.push(`claude_code_session_count_total{${common(s)},start_type="fresh"} 1 ${Math.floor(s.at / 1000) + i * 60}`);
  lines.push('# HELP claude_code_cost_usage Cost of the Claude Code session', '# TYPE claude_code_cost_usage counter');
  for (const s of sessions) samples(s, `${common(s)},model="${s.model}",query_source="main",effort="high"`, s.costUsd, 'claude_code_cost_usage_total');
  lines.push('# HELP claude_code_token_usage Number of tokens used', '# TYPE claude_code_token_usage counter');
  for (const s of sessions) {
    for (const type of ['input', 'output', 'cacheRead', 'cacheCreation'] as const) {
      samples(s, `${common(s)},model="${s.model}",query_source="main",effort="high",type="${type}"`, s.tokens[type], 'claude_code_token_usage_total');
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** Today's scenario: the simulator's `concurrent` (three overlapping sessions) plus one that keeps running. */
export function todayScenario(): Scenario {
  const base = namedScenario('concurrent');
  return parseScenario({
    name: 'e2e-dashboard',
    description: 'concurrent + one running session for the probe',
    sessions: [
      {
        sessionId: 'e2e-running-session',
        model: 'claude-opus-4-8',
        start: 0,
        // Alive for the whole test run (ended by stop()).
        duration: 1_000_000,
        slot: 0,
        steps: [
          { at: 1, model: 'claude-opus-4-8', costUsd: 0.6125, tokens: { input: 3000, output: 1200, cacheRead: 24000, cacheCreation: 1500 }, activeTime: { user: 30, cli: 12 }, linesAdded: 14, linesRemoved: 3 },
        ],
      },
      ...base.sessions.map((s) => ({ ...s, slot: undefined })),
    ],
  });
}

/** A TCP relay to a port that can change (or vanish: connections are then refused-like, closed). */
export class Relay {
  private target: number | null;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  readonly port: number;
  private constructor(server: net.Server, port: number, target: number | null) {
    this.server = server;
    this.port = port;
    this.target = target;
  }
  static async start(target: number | null): Promise<Relay> {
    const holder: { relay?: Relay } = {};
    const server = net.createServer((client) => holder.relay!.handle(client));
    await new Promise<void>((res) => server.listen({ host: '127.0.0.1', port: 0 }, () => res()));
    const addr = server.address() as net.AddressInfo;
    holder.relay = new Relay(server, addr.port, target);
    return holder.relay;
  }
  private handle(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    if (this.target === null) return void client.destroy();
    const upstream = net.connect({ host: '127.0.0.1', port: this.target });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }
  /** Points new connections at `port` (null: refuse) and cuts the open ones. */
  retarget(port: number | null): void {
    this.target = port;
    for (const s of this.sockets) s.destroy();
  }
  close(): Promise<void> {
    this.retarget(null);
    return new Promise((res) => this.server.close(() => res()));
  }
}

export interface Backend {
  webUrl: string;
  prometheusUrl: string;
  exporterUrl: string;
  claudeDir: string;
  configDir: string;
  today: KnownTotals;
  history: HistorySession[];
  running: { sessionId: string; costUsd: number };
  /** Stops the Prometheus process (the dashboard's Prometheus URL stops answering). */
  stopPrometheus(): Promise<void>;
  /** Starts Prometheus again on the same data. */
  startPrometheus(): Promise<void>;
  close(): Promise<void>;
}

async function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  let out = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no ${pattern} from ccmon web after ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const on = (buf: Buffer): void => {
      out += buf.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`ccmon web exited (${code}):\n${out}`));
    });
  });
}

/**
 * `node bin/ccmon.cjs web` on a free port with temp config dirs; the URLs from the environment, or
 * (no `prometheusUrl`) only from the settings file in `configDir`, as `ccmon backend set` writes it.
 */
export async function startWeb(o: { prometheusUrl?: string; exporterUrl: string; configDir: string; claudeDir: string; env?: Record<string, string> }): Promise<{ url: string; close(): Promise<void> }> {
  const webPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CCMON_EXPORTER_URL: o.exporterUrl,
    CCMON_GRAFANA_URL: 'http://127.0.0.1:3001',
    CCMON_LOKI_URL: 'http://127.0.0.1:3100',
    CCMON_CONFIG_DIR: o.configDir,
    CLAUDE_CONFIG_DIR: o.claudeDir,
    // No Docker engine in these tests: the stack panel shows that, as the engine reports it.
    DOCKER_HOST: 'unix:///nonexistent/e2e-docker.sock',
    ...o.env,
  };
  if (o.prometheusUrl) env.CCMON_PROMETHEUS_URL = o.prometheusUrl;
  else for (const key of ['CCMON_PROMETHEUS_URL', 'CCMON_OTLP_METRICS_URL', 'CCMON_BACKEND_KIND']) delete env[key];
  delete env.CCMON_BEARER_TOKEN;
  const child = spawn(process.execPath, [join(ROOT, 'bin/ccmon.cjs'), 'web', '--port', String(webPort)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const [, url] = await waitForLine(child, /Claude Code Monitor: (http:\/\/127\.0\.0\.1:\d+)\//, 15000);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  return {
    url: url!,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** A Prometheus with no Claude Code data at all, and `ccmon web` on it (the empty state). */
export async function startEmptyBackend(): Promise<{ webUrl: string; close(): Promise<void> }> {
  const tmp = tempDir('ccmon-e2e-empty-');
  const configDir = join(tmp.path, 'ccmon');
  const claudeDir = join(tmp.path, 'claude');
  mkdirSync(configDir);
  mkdirSync(claudeDir);
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ refreshIntervalSeconds: 5 }));
  const prom = await startPrometheus({ targets: [] });
  const exporterPort = await freePort();
  const web = await startWeb({ prometheusUrl: prom.url, exporterUrl: `http://127.0.0.1:${exporterPort}/metrics`, configDir, claudeDir });
  return {
    webUrl: web.url,
    async close() {
      await web.close();
      await prom.stop();
      tmp.remove();
    },
  };
}

export async function startBackend(opts: { refreshIntervalSeconds?: number } = {}): Promise<Backend> {
  const tmp = tempDir('ccmon-e2e-');
  const dataDir = join(tmp.path, 'tsdb');
  const claudeDir = join(tmp.path, 'claude');
  const configDir = join(tmp.path, 'ccmon');
  mkdirSync(dataDir);
  mkdirSync(claudeDir);
  mkdirSync(configDir);

  // History as TSDB blocks, before Prometheus starts.
  const history = historySessions();
  const omFile = join(tmp.path, 'history.om');
  writeFileSync(omFile, historyOpenMetrics(history));
  await run(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', omFile, dataDir]);

  // Today's sessions, each on its own exporter port.
  const scenario = todayScenario();
  const ports = await freePorts(4);
  const targets = ports.map((p) => `127.0.0.1:${p}`);
  // Prometheus first, so it scrapes every process from its start.
  let prom: PrometheusHandle = await startPrometheus({ targets, dataDir, scrapeIntervalSeconds: 1 });
  let ended = 0;
  let resolveEnded!: () => void;
  const allEnded = new Promise<void>((res) => (resolveEnded = res));
  const sim: RunningScenario = await startScenario(scenario, {
    output: { mode: 'prometheus', ports },
    speed: 30,
    lingerMs: 3000,
    onEvent: (e) => {
      if (e.type === 'process-end' && ++ended === scenario.sessions.length - 1) resolveEnded();
    },
  });
  const relay = await Relay.start(Number(new URL(prom.url).port));
  await allEnded;
  // Every final value scraped: one more scrape of every target after the last process ended.
  await prom.waitForScrape([targets[0]!], { timeoutMs: 20000 });
  await new Promise((r) => setTimeout(r, 2200));
  // Sanity: Prometheus holds every process's final cost (no resets in this scenario).
  const today = scenarioTotals(scenario);
  const stored = await prom.query('sum(max_over_time(claude_code_cost_usage_total[1h]))');
  const storedCost = Number(stored[0]?.value?.[1] ?? 0);
  if (Math.abs(storedCost - today.costUsd) > 1e-6) {
    throw new Error(`Prometheus holds $${storedCost} of today's scenario, expected $${today.costUsd}: the scrapes missed samples.\n${prom.logs()}`);
  }

  const runningRun = scenario.sessions[0]!;
  const prometheusUrl = `http://127.0.0.1:${relay.port}`;
  const exporterUrl = `http://127.0.0.1:${ports[0]}/metrics`;
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ refreshIntervalSeconds: opts.refreshIntervalSeconds ?? 2, dailyBudgetUsd: DAILY_BUDGET_USD }));

  const web = await startWeb({ prometheusUrl, exporterUrl, configDir, claudeDir });
  return {
    webUrl: web.url,
    prometheusUrl,
    exporterUrl,
    claudeDir,
    configDir,
    today,
    history,
    running: { sessionId: runningRun.sessionId, costUsd: runningRun.steps.reduce((a, s) => a + (s.costUsd ?? 0), 0) },
    async stopPrometheus() {
      relay.retarget(null);
      await prom.stop();
    },
    async startPrometheus() {
      prom = await startPrometheus({ targets, dataDir, scrapeIntervalSeconds: 1 });
      relay.retarget(Number(new URL(prom.url).port));
    },
    async close() {
      await web.close();
      await sim.stop().catch(() => undefined);
      await prom.stop().catch(() => undefined);
      await relay.close();
      tmp.remove();
    },
  };
}
