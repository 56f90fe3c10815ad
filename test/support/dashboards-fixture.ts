/**
 * Shared by dashboards-*.test.ts and rules-*.test.ts: a scenario with known totals played by the
 * telemetry simulator into two real Prometheus 3.5 servers, one per metric spelling (`plain` as on
 * Claude Code's :9464 exporter, `unit` as Prometheus's OTLP receiver names them), plus small
 * query helpers (range queries, label values) the harness does not have.
 *
 * The `unit` server also scrapes the `plain` server's own /metrics (job `prometheus`), so the
 * stack self-monitoring queries have data there; its `claude-code` job also lists a port nothing
 * listens on, so `up == 0` exists (the exporter-down alert).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spelling } from '../../scripts/simulator/instruments.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario, type RunReport } from '../../scripts/simulator/runner.js';
import { parseScenario, type Scenario } from '../../scripts/simulator/scenario.js';
import { MODELS, apiCall } from '../../scripts/simulator/scenarios/helpers.js';
import { sessionUuid, userHash } from '../../scripts/simulator/ids.js';
import { freePorts } from './ports.js';
import { startPrometheus, type PrometheusHandle, type PromSample, type ScrapeJob } from './prometheus.js';

export const SPEED = 10;
/** The model label as the real CLI writes it for the 1M-context variant: brackets must be regex-escaped. */
export const OPUS_1M = 'claude-opus-4-8[1m]';
export const USER_1 = userHash('dash-user-1');
export const USER_2 = userHash('dash-user-2');
export const SESSION_A = sessionUuid('dash-a');
export const SESSION_B = sessionUuid('dash-b');
export const SESSION_C = sessionUuid('dash-c');
/** Resumed: two processes, the second restarting its counters from zero (a counter reset) and ending above the first. */
export const SESSION_D = sessionUuid('dash-d');

/**
 * Four sessions, two users, three terminals, four models; B runs alongside A (second port); C is a
 * short headless run; D is resumed in a second process (a counter reset on the same port).
 */
export function dashboardScenario(): Scenario {
  const tok = (i: number, o: number, r: number, c: number) => ({ input: i, output: o, cacheRead: r, cacheCreation: c });
  return parseScenario({
    name: 'dashboards',
    description: 'Sessions for the dashboard and rule queries',
    sessions: [
      {
        sessionId: SESSION_A,
        userId: USER_1,
        terminalType: 'vscode',
        model: OPUS_1M,
        start: 0,
        duration: 60,
        steps: [
          { ...apiCall({ at: 4, model: OPUS_1M, tokens: tok(6000, 900, 30000, 2000) }), activeTime: { user: 12, cli: 3.5 }, linesAdded: 40, linesRemoved: 5, editDecisions: [{ toolName: 'Edit', decision: 'accept', source: 'config', language: 'TypeScript', count: 2 }] },
          apiCall({ at: 5, model: MODELS.haiku, querySource: 'auxiliary', tokens: tok(800, 60, 0, 300) }),
          { ...apiCall({ at: 25, model: OPUS_1M, tokens: tok(9000, 1500, 52000, 0) }), activeTime: { user: 8, cli: 6 }, commits: 1, editDecisions: [{ toolName: 'Write', decision: 'reject', source: 'user', language: 'Markdown', count: 1 }] },
          { ...apiCall({ at: 40, model: MODELS.sonnet, querySource: 'subagent', tokens: tok(4000, 700, 12000, 900) }), activeTime: { cli: 4 }, linesAdded: 12, linesRemoved: 9 },
          { ...apiCall({ at: 52, model: OPUS_1M, tokens: tok(3000, 400, 60000, 0) }), pullRequests: 1, activeTime: { user: 3, cli: 2 } },
        ],
      },
      {
        sessionId: SESSION_B,
        userId: USER_2,
        terminalType: 'xterm',
        model: MODELS.sonnet,
        start: 10,
        duration: 34,
        steps: [
          { ...apiCall({ at: 3, model: MODELS.sonnet, tokens: tok(2500, 300, 8000, 1200) }), activeTime: { user: 6, cli: 2 } },
          { ...apiCall({ at: 20, model: MODELS.sonnet, tokens: tok(3100, 500, 16000, 0) }), activeTime: { user: 4, cli: 3 }, linesAdded: 7, linesRemoved: 1, commits: 1 },
        ],
      },
      {
        sessionId: SESSION_D,
        userId: USER_2,
        terminalType: 'xterm',
        model: MODELS.sonnet,
        slot: 2,
        start: 2,
        duration: 8,
        steps: [
          { ...apiCall({ at: 1, model: MODELS.sonnet, tokens: tok(7000, 900, 20000, 3000) }), activeTime: { user: 5, cli: 2 }, linesAdded: 10 },
          { ...apiCall({ at: 5, model: MODELS.sonnet, tokens: tok(3000, 400, 10000, 0) }), activeTime: { cli: 1 } },
        ],
      },
      {
        sessionId: SESSION_D,
        userId: USER_2,
        terminalType: 'xterm',
        startType: 'resume',
        model: MODELS.sonnet,
        slot: 2, // the same exporter port, as when a resumed session binds :9464 again
        start: 40,
        duration: 12,
        steps: [
          { ...apiCall({ at: 1, model: MODELS.sonnet, tokens: tok(500, 50, 0, 0) }), activeTime: { user: 1 } },
          { ...apiCall({ at: 8, model: MODELS.sonnet, tokens: tok(16000, 2500, 60000, 2000) }), activeTime: { user: 9, cli: 4 }, linesAdded: 30, linesRemoved: 2 },
        ],
      },
      {
        sessionId: SESSION_C,
        userId: USER_1,
        terminalType: 'non-interactive',
        model: MODELS.haiku,
        start: 48,
        duration: 3,
        steps: [{ ...apiCall({ at: 1, model: MODELS.haiku, tokens: tok(1200, 80, 0, 0) }), activeTime: { cli: 0.7 } }],
      },
    ],
  });
}

export interface Loaded {
  spelling: Spelling;
  prom: PrometheusHandle;
  ports: number[];
  report: RunReport;
}

export interface Fixture {
  scenario: Scenario;
  plain: Loaded;
  unit: Loaded;
  /** Epoch ms: after the last scrape of every process; evaluate queries here. */
  end: number;
  /** Epoch ms: before any sample. */
  start: number;
  stop(): Promise<void>;
}

const target = (p: number): string => `127.0.0.1:${p}`;

/**
 * Plays the scenario into both servers. Ports are chosen before Prometheus picks its own, so a
 * collision (EADDRINUSE) is possible on a busy machine: it retries with fresh ports.
 */
export async function loadFixture(opts: { ruleFiles?: string[] } = {}): Promise<Fixture> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE|address already in use/i.test(String((err as Error).message))) throw err;
    }
  }
}

async function loadOnce(opts: { ruleFiles?: string[] }): Promise<Fixture> {
  const scenario = dashboardScenario();
  const slots = planRun(scenario, SPEED).slots;
  const [deadPort, ...ports] = await freePorts(2 * slots + 1);
  const plainPorts = ports.slice(0, slots);
  const unitPorts = ports.slice(slots);
  const rules = opts.ruleFiles ?? [];
  const plainProm = await startPrometheus({ targets: plainPorts.map(target), scrapeIntervalSeconds: 1, ruleFiles: rules });
  let unitProm: PrometheusHandle | undefined;
  try {
    const jobs: ScrapeJob[] = [
      { job: 'claude-code', targets: [...unitPorts.map(target), target(deadPort!)] },
      { job: 'prometheus', targets: [new URL(plainProm.url).host] },
    ];
    unitProm = await startPrometheus({ targets: jobs, scrapeIntervalSeconds: 1, ruleFiles: rules });
    const [a, b] = await Promise.all([
      startScenario(scenario, { output: { mode: 'prometheus', ports: plainPorts, spelling: 'plain' }, speed: SPEED }),
      startScenario(scenario, { output: { mode: 'prometheus', ports: unitPorts, spelling: 'unit' }, speed: SPEED }),
    ]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const start = Math.min(ra.startedAt, rb.startedAt) - 2000;
    // Everything scraped, and a few rule evaluations after the last sample.
    await sleep(2500);
    const end = Date.now();
    const u = unitProm;
    return {
      scenario,
      plain: { spelling: 'plain', prom: plainProm, ports: plainPorts, report: ra },
      unit: { spelling: 'unit', prom: u, ports: unitPorts, report: rb },
      start,
      end,
      async stop() {
        await Promise.all([plainProm.stop(), u.stop()]);
      },
    };
  } catch (err) {
    await Promise.all([plainProm.stop(), unitProm?.stop()]);
    throw err;
  }
}

interface ApiBody<T> {
  status: string;
  data: T;
  error?: string;
  warnings?: string[];
}

async function api<T>(prom: PrometheusHandle, path: string, params: Record<string, string | string[]>): Promise<T> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${prom.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(20_000) });
  const json = (await res.json()) as ApiBody<T>;
  if (json.status !== 'success') throw new Error(`Prometheus ${path} failed (${res.status}): ${json.error ?? 'no error text'}`);
  return json.data;
}

/** POST /api/v1/query_range; the matrix. Throws on a query error. */
export async function queryRange(prom: PrometheusHandle, expr: string, startMs: number, endMs: number, stepSeconds: number): Promise<PromSample[]> {
  const data = await api<{ result: PromSample[] }>(prom, '/api/v1/query_range', { query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepSeconds) });
  return data.result;
}

/** POST /api/v1/query; the vector (or scalar as a one-element vector). Throws on a query error. */
export async function queryInstant(prom: PrometheusHandle, expr: string, atMs: number): Promise<PromSample[]> {
  const data = await api<{ resultType: string; result: PromSample[] | [number, string] }>(prom, '/api/v1/query', { query: expr, time: String(atMs / 1000) });
  if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
  return data.result as PromSample[];
}

/** GET /api/v1/label/<label>/values?match[]=selector, as Grafana's label_values() does. */
export async function labelValues(prom: PrometheusHandle, label: string, selector: string, startMs: number, endMs: number): Promise<string[]> {
  const q = new URLSearchParams({ 'match[]': selector, start: String(startMs / 1000), end: String(endMs / 1000) });
  const res = await fetch(`${prom.url}/api/v1/label/${encodeURIComponent(label)}/values?${q.toString()}`, { signal: AbortSignal.timeout(10_000) });
  const json = (await res.json()) as ApiBody<string[]>;
  if (json.status !== 'success') throw new Error(`label values ${label} failed: ${json.error}`);
  return json.data;
}

/** Sum of every value of every series (instant vector or matrix). */
export function total(result: PromSample[]): number {
  let s = 0;
  for (const r of result) {
    if (r.value) s += Number(r.value[1]);
    for (const v of r.values ?? []) s += Number(v[1]);
  }
  return s;
}
