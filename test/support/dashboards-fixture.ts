/**
 * Shared by dashboards-*.test.ts and rules-*.test.ts: a scenario with known totals played by the
 * telemetry simulator into two real Prometheus 3.5 servers, one per metric spelling (`plain` as on
 * Claude Code's :9464 exporter, `unit` as Prometheus's OTLP receiver names them), plus small
 * query helpers (range queries, label values) the harness does not have.
 *
 * The `unit` server also scrapes the `plain` server's own /metrics (job `prometheus`), so the
 * stack self-monitoring queries have data there; its `claude-code` job also lists a port nothing
 * listens on, so `up == 0` exists (the exporter-down alert).
 *
 * Who and where: user 2's sessions carry a login's `user_email`, sessions A, B and C a `host_name`; and
 * ccmon's own series (session → project records, plan-limit reports) go into both servers by remote
 * write, as ccmon's hook and status line would push them (`ccmonRecords`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spelling } from '../../scripts/simulator/instruments.js';
import { planRun } from '../../scripts/simulator/plan.js';
import { startScenario, type RunReport } from '../../scripts/simulator/runner.js';
import { parseScenario, type Scenario } from '../../scripts/simulator/scenario.js';
import { MODELS, apiCall } from '../../scripts/simulator/scenarios/helpers.js';
import { sessionUuid, userHash } from '../../scripts/simulator/ids.js';
import { planMetrics } from '../../electron/core/plan/records.js';
import { sessionInfoMetric } from '../../electron/core/projects/session-record.js';
import { freePorts } from './ports.js';
import { startPrometheus, type PrometheusHandle, type PromSample, type ScrapeJob } from './prometheus.js';
import { remoteWrite, type WriteSeries } from './remote-write.js';

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
/** User 2 logged in to claude.ai: their series carry the email, which makes them the person. */
export const EMAIL_2 = 'bo@example.com';
/** The machines (host_name): A and C ran on one, B on another, D reports none. */
export const HOST_1 = 'laptop-ana';
export const HOST_2 = 'desktop-bo';
/** ccmon's project records: A and D (two branches) in one project, B in another, none for C. */
export const PROJECT_1 = 'alpha';
export const PROJECT_2 = 'beta';
export const PROJECT_OF: Readonly<Record<string, string>> = { [SESSION_A]: PROJECT_1, [SESSION_B]: PROJECT_2, [SESSION_D]: PROJECT_1 };

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
        attributes: { host_name: HOST_1 },
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
        attributes: { user_email: EMAIL_2, host_name: HOST_2 },
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
        attributes: { user_email: EMAIL_2 },
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
        attributes: { user_email: EMAIL_2 },
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
        attributes: { host_name: HOST_1 },
        model: MODELS.haiku,
        start: 48,
        duration: 3,
        steps: [{ ...apiCall({ at: 1, model: MODELS.haiku, tokens: tok(1200, 80, 0, 0) }), activeTime: { cli: 0.7 } }],
      },
    ],
  });
}

/**
 * ccmon's series for one run of the scenario (times from its report): each session's project record
 * (value 1) at its start and end, and plan-limit reports. User 1's five-hour window: session A
 * reports 60 %, then 90 %, the window resets (`resetAt`), and session C, newer, reports 10 %: the
 * newest report is 10 %, while the highest figure (A's, from before the reset) is 90. Their seven-day
 * window: A 40 %, then C 41 %. User 2 (session B): five-hour 55 %.
 */
export function ccmonRecords(report: RunReport): { series: WriteSeries[]; plan: PlanTimeline } {
  const t0 = report.startedAt;
  const runsOf = (id: string) => report.runs.filter((r) => r.sessionId === id);
  const series: WriteSeries[] = [];
  const info = (id: string, host: string | undefined, identity: Record<string, string>, branch: string, times: number[]) =>
    series.push({
      labels: { __name__: sessionInfoMetric, session_id: id, project: PROJECT_OF[id]!, branch, worktree: '', repo: `acme/${PROJECT_OF[id]!}`, ...identity, ...(host ? { host_name: host } : {}) },
      samples: times.map((t) => [t, 1]),
    });
  const [a] = runsOf(SESSION_A);
  const [b] = runsOf(SESSION_B);
  const [d1, d2] = runsOf(SESSION_D);
  info(SESSION_A, HOST_1, { user_id: USER_1 }, 'main', [a!.startedAt, a!.endedAt]);
  info(SESSION_B, HOST_2, { user_email: EMAIL_2 }, 'main', [b!.startedAt, b!.endedAt]);
  // A resumed session whose branch changed: two series of one project.
  info(SESSION_D, undefined, { user_email: EMAIL_2 }, 'main', [d1!.startedAt, d1!.endedAt]);
  info(SESSION_D, undefined, { user_email: EMAIL_2 }, 'fix', [d2!.startedAt, d2!.endedAt]);

  const far = Math.floor(t0 / 1000) + 4 * 3600;
  const resetAt = Math.ceil((t0 + 3000) / 1000); // epoch s, after A's last report and before C's
  const reports: Array<{ session: string; window: string; at: number; used: number; resets: number; identity: Record<string, string> }> = [
    { session: SESSION_A, window: 'five_hour', at: t0 + 1000, used: 60, resets: resetAt, identity: { user_id: USER_1 } },
    { session: SESSION_A, window: 'seven_day', at: t0 + 1000, used: 40, resets: far + 86_400, identity: { user_id: USER_1 } },
    { session: SESSION_A, window: 'five_hour', at: t0 + 2000, used: 90, resets: resetAt, identity: { user_id: USER_1 } },
    { session: SESSION_B, window: 'five_hour', at: t0 + 2500, used: 55, resets: far, identity: { user_email: EMAIL_2 } },
    { session: SESSION_C, window: 'five_hour', at: t0 + 5000, used: 10, resets: far, identity: { user_id: USER_1 } },
    { session: SESSION_C, window: 'seven_day', at: t0 + 5000, used: 41, resets: far + 86_400, identity: { user_id: USER_1 } },
  ];
  const byKey = new Map<string, WriteSeries>();
  for (const r of reports) {
    for (const [name, value] of [
      [planMetrics.usedPercent, r.used],
      [planMetrics.resetsAt, r.resets],
      [planMetrics.observedAt, Math.floor(r.at / 1000)],
    ] as const) {
      const labels = { __name__: name, session_id: r.session, window: r.window, model: 'claude-opus-4-8', ...r.identity };
      const key = JSON.stringify(labels);
      const s: WriteSeries = byKey.get(key) ?? { labels, samples: [] };
      s.samples.push([r.at, value]);
      byKey.set(key, s);
    }
  }
  series.push(...byKey.values());
  return {
    series,
    plan: {
      resetAt,
      beforeReset: t0 + 2500,
      afterReset: resetAt * 1000 + 500,
      atEnd: { five_hour: { [USER_1.slice(0, 40)]: 10, [EMAIL_2]: 55 }, seven_day: { [USER_1.slice(0, 40)]: 41 } },
    },
  };
}

/** When user 1's five-hour window reset (epoch s), two moments around it (epoch ms), and the figures per person after the last report. */
export interface PlanTimeline {
  resetAt: number;
  /** User 1's five-hour figure is A's 90 % here... */
  beforeReset: number;
  /** ...and 0 here (reset, no newer report yet). */
  afterReset: number;
  atEnd: Record<'five_hour' | 'seven_day', Record<string, number>>;
}

export interface Loaded {
  spelling: Spelling;
  prom: PrometheusHandle;
  ports: number[];
  report: RunReport;
  /** ccmon's plan reports in this server (see `ccmonRecords`). */
  plan: PlanTimeline;
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
  const plainProm = await startPrometheus({ targets: plainPorts.map(target), scrapeIntervalSeconds: 1, ruleFiles: rules, remoteWriteReceiver: true });
  let unitProm: PrometheusHandle | undefined;
  try {
    const jobs: ScrapeJob[] = [
      { job: 'claude-code', targets: [...unitPorts.map(target), target(deadPort!)] },
      { job: 'prometheus', targets: [new URL(plainProm.url).host] },
    ];
    unitProm = await startPrometheus({ targets: jobs, scrapeIntervalSeconds: 1, ruleFiles: rules, remoteWriteReceiver: true });
    const [a, b] = await Promise.all([
      startScenario(scenario, { output: { mode: 'prometheus', ports: plainPorts, spelling: 'plain' }, speed: SPEED }),
      startScenario(scenario, { output: { mode: 'prometheus', ports: unitPorts, spelling: 'unit' }, speed: SPEED }),
    ]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const start = Math.min(ra.startedAt, rb.startedAt) - 2000;
    const [ccA, ccB] = [ccmonRecords(ra), ccmonRecords(rb)];
    await Promise.all([remoteWrite(plainProm.url, ccA.series), remoteWrite(unitProm.url, ccB.series)]);
    // Everything scraped, and a few rule evaluations after the last sample.
    await sleep(2500);
    const end = Date.now();
    const u = unitProm;
    return {
      scenario,
      plain: { spelling: 'plain', prom: plainProm, ports: plainPorts, report: ra, plan: ccA.plan },
      unit: { spelling: 'unit', prom: u, ports: unitPorts, report: rb, plan: ccB.plan },
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

/** Anything answering the Prometheus query API: a Prometheus, a VictoriaMetrics. */
export interface QueryEngine {
  url: string;
}

async function api<T>(prom: QueryEngine, path: string, params: Record<string, string | string[]>): Promise<T> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${prom.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(20_000) });
  const json = (await res.json()) as ApiBody<T>;
  if (json.status !== 'success') throw new Error(`Prometheus ${path} failed (${res.status}): ${json.error ?? 'no error text'}`);
  return json.data;
}

/** POST /api/v1/query_range; the matrix. Throws on a query error. */
export async function queryRange(prom: QueryEngine, expr: string, startMs: number, endMs: number, stepSeconds: number): Promise<PromSample[]> {
  const data = await api<{ result: PromSample[] }>(prom, '/api/v1/query_range', { query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepSeconds) });
  return data.result;
}

/** POST /api/v1/query; the vector (or scalar as a one-element vector). Throws on a query error. */
export async function queryInstant(prom: QueryEngine, expr: string, atMs: number): Promise<PromSample[]> {
  const data = await api<{ resultType: string; result: PromSample[] | [number, string] }>(prom, '/api/v1/query', { query: expr, time: String(atMs / 1000) });
  if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
  return data.result as PromSample[];
}

/** GET /api/v1/label/<label>/values?match[]=selector, as Grafana's label_values() does. */
export async function labelValues(prom: QueryEngine, label: string, selector: string, startMs: number, endMs: number): Promise<string[]> {
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
