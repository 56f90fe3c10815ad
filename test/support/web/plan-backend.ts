/**
 * A backend holding what a subscriber's (or an API-key user's) machine really sends, for the plan,
 * project and session panels:
 *
 *   simulated Claude Code sessions (OTLP push) ─────────────────┐
 *   `ccmon statusline` (Claude Code's status line JSON, stdin) ──┼─> a real VictoriaMetrics ─> `ccmon web`
 *   `ccmon hook` (SessionStart JSON, cwd a temp git repository) ─┘
 *
 * The status line and the hook run as Claude Code runs them: the built CLI, with the JSON on stdin
 * (test/fixtures, Claude Code 2.1.197), pushing to the backend's OTLP endpoint. Known figures: each
 * session's cost from its scenario, the plan windows from what the status line was handed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanLimits, Summary } from '../../../electron/core/api/types.js';
import { startScenario } from '../../../scripts/simulator/runner.js';
import { parseScenario, type Scenario } from '../../../scripts/simulator/scenario.js';
import { scenarioTotals } from '../../../scripts/simulator/totals.js';
import { ccmonRun } from '../ccmon.js';
import { freePort } from '../ports.js';
import { tempDir } from '../tmp.js';
import { startVictoriaMetrics, type VictoriaMetricsHandle } from '../victoria-metrics.js';
import { ROOT, startWeb } from './backend.js';

/** A plan window as Claude Code hands it to the status line (`rate_limits.five_hour`). */
export interface RateLimit {
  usedPercent: number;
  /** Epoch seconds. */
  resetsAt: number;
}

export interface PlanSession {
  sessionId: string;
  project: string;
  branch: string;
  model: string;
  costUsd: number;
  /** Its folder: a git repository on `branch`. */
  cwd: string;
}

export interface PlanBackend {
  webUrl: string;
  vm: VictoriaMetricsHandle;
  /** The first one also ran the status line. */
  sessions: PlanSession[];
  rateLimits: { fiveHour: RateLimit; sevenDay: RateLimit } | null;
  dailyBudgetUsd: number;
  close(): Promise<void>;
}

const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures', name), 'utf8');

const places = [
  { project: 'shop-api', branch: 'main', model: 'claude-opus-4-8', costUsd: 1.2345, sessionId: '0d8896b8-4928-4793-8879-747b92ea10c7' },
  { project: 'billing', branch: 'feature/invoices', model: 'claude-sonnet-4-6', costUsd: 0.4321, sessionId: '4e54f251-c523-4bdd-8c6e-e45714b99738' },
];

function scenarioOf(sessions: typeof places): Scenario {
  return parseScenario({
    name: 'e2e-plan-and-projects',
    sessions: sessions.map((p, i) => ({
      sessionId: p.sessionId,
      model: p.model,
      start: i,
      duration: 4,
      steps: [
        { at: 1, costUsd: p.costUsd / 2, tokens: { input: 1800, output: 700, cacheRead: 22000, cacheCreation: 900 } },
        { at: 3, costUsd: p.costUsd / 2, tokens: { input: 1200, output: 500, cacheRead: 18000, cacheCreation: 400 } },
      ],
    })),
  });
}

/** The status line's input for a session in `cwd`, with these plan windows (none: an API-key user). */
function statusInput(session: PlanSession, limits: PlanBackend['rateLimits']): string {
  const input = JSON.parse(fixture('claude-code-2.1.197-statusline-input.json')) as Record<string, unknown>;
  input.session_id = session.sessionId;
  input.cwd = session.cwd;
  input.workspace = { current_dir: session.cwd, project_dir: session.cwd, added_dirs: [] };
  input.cost = { ...(input.cost as object), total_cost_usd: session.costUsd };
  if (limits) {
    input.rate_limits = {
      five_hour: { used_percentage: limits.fiveHour.usedPercent, resets_at: limits.fiveHour.resetsAt },
      seven_day: { used_percentage: limits.sevenDay.usedPercent, resets_at: limits.sevenDay.resetsAt },
    };
  } else delete input.rate_limits;
  return JSON.stringify(input);
}

function hookInput(session: PlanSession): string {
  const start = JSON.parse(fixture('claude-code-2.1.197-hook-input.jsonl').split('\n')[0]!) as Record<string, unknown>;
  return JSON.stringify({ ...start, session_id: session.sessionId, cwd: session.cwd });
}

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, vm: VictoriaMetricsHandle): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 30; i++) {
    await vm.flush();
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`VictoriaMetrics never held ${what}: ${JSON.stringify(last)}\n${vm.logs()}`);
}

export async function startPlanBackend(opts: { rateLimits: PlanBackend['rateLimits']; dailyBudgetUsd?: number }): Promise<PlanBackend> {
  const tmp = tempDir('ccmon-e2e-plan-');
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  try {
    const sessions: PlanSession[] = places.map((p) => {
      const cwd = join(tmp.path, 'code', p.project);
      mkdirSync(cwd, { recursive: true });
      execFileSync('git', ['init', '-q', '-b', p.branch], { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
      return { ...p, cwd };
    });
    const scenario = scenarioOf(places);
    const sim = await startScenario(scenario, { output: { mode: 'otlp', endpoint: vm.otlpMetricsUrl, exportIntervalMs: 1000 }, speed: 4, lingerMs: 2500 });
    await sim.done;

    // Claude Code's side: the hook at each session's start, the status line of the first.
    const env = {
      CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl,
      CCMON_PROMETHEUS_URL: vm.url,
      CCMON_CONFIG_DIR: join(tmp.path, 'ccmon-config'),
      CCMON_CACHE_DIR: join(tmp.path, 'ccmon-cache'),
    };
    for (const s of sessions) {
      const hook = await ccmonRun(['hook'], { env, input: hookInput(s) });
      if (hook.code !== 0) throw new Error(`ccmon hook exited ${hook.code}: ${hook.stderr}`);
    }
    const line = await ccmonRun(['statusline'], { env, input: statusInput(sessions[0]!, opts.rateLimits) });
    if (line.code !== 0 || !line.stdout.trim()) throw new Error(`ccmon statusline exited ${line.code} (${line.stdout}): ${line.stderr}`);

    // Everything searchable before the page opens: each session under its project, the plan windows.
    const cli = { CCMON_PROMETHEUS_URL: vm.url, CCMON_SUMMARY_CACHE: 'off' };
    const total = scenarioTotals(scenario).costUsd;
    await until(
      'every session under its project',
      async () => JSON.parse((await ccmonRun(['summary', '--json'], { env: cli })).stdout || 'null') as Summary | null,
      (s) => !!s && Math.abs(s.costUsd - total) < 1e-9 && sessions.every((p) => s.byProject.some((r) => r.project === p.project)),
      vm,
    );
    if (opts.rateLimits) {
      const want = opts.rateLimits.fiveHour.usedPercent;
      await until('the plan windows', async () => JSON.parse((await ccmonRun(['limits', '--json'], { env: cli })).stdout || 'null') as PlanLimits | null, (l) => l?.fiveHour?.usedPercent === want, vm);
    }

    const configDir = join(tmp.path, 'web-config');
    const claudeDir = join(tmp.path, 'claude');
    mkdirSync(configDir);
    mkdirSync(claudeDir);
    const dailyBudgetUsd = opts.dailyBudgetUsd ?? 5;
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ refreshIntervalSeconds: 2, dailyBudgetUsd }));
    const web = await startWeb({ prometheusUrl: vm.url, exporterUrl: `http://127.0.0.1:${await freePort()}/metrics`, configDir, claudeDir });
    return {
      webUrl: web.url,
      vm,
      sessions,
      rateLimits: opts.rateLimits,
      dailyBudgetUsd,
      async close() {
        await web.close();
        await vm.stop();
        tmp.remove();
      },
    };
  } catch (err) {
    await vm.stop();
    tmp.remove();
    throw err;
  }
}
