/**
 * `ccmon statusline`: Claude Code's status line command, the hot path (a new process on every message
 * update). It loads only what it uses (no zod, no commander, no dockerode), prints its line first, and
 * keeps everything within `--timeout` (default 800 ms): reading stdin, a wrapped command of the user's,
 * today's cost, the push of the plan figures. Failures never reach the line; `ccmon doctor` reports them
 * from the state file.
 */
import { parseArgs } from 'node:util';
import { appConfigDir, cacheDir } from '../../core/config/paths.js';
import { hotSettings, type HotSettings } from '../../core/config/hot-settings.js';
import { printable } from '../../core/format/printable.js';
import { planFingerprint, planGauges } from '../../core/plan/records.js';
import { chainedSegment, parseStatusInput, renderStatusLine, type StatusInput } from '../../core/statusline/statusline.js';
import { loadState, saveState, statuslineStateFile, type StatuslineState } from '../../core/statusline/state.js';
import { startOfLocalDay } from '../../core/summary/time-windows.js';
import { readInstallSync } from '../../core/env/install-record.js';
import { readStdin } from './stdin.js';

export interface HotIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const maxInputBytes = 1024 * 1024;
/** A push repeats unchanged figures this often, so the backend's series stay continuous. */
const repushMs = 60_000;
/** Today's cost is read again after this long; after a failed read, not for this long. */
const todayMaxAgeMs = 60_000;
const todayRetryMs = 30_000;

const usage = 'Usage: ccmon statusline [--timeout <ms>] [--install <id>]   (reads Claude Code\'s status JSON on stdin)';

export function parseTimeout(value: string | undefined): number | string {
  if (value === undefined) return 800;
  if (!/^\d+$/.test(value)) return `--timeout "${printable(value, 20)}" is not a whole number of milliseconds.`;
  const ms = Number(value);
  if (ms < 50 || ms > 10_000) return `--timeout ${ms} is out of range: give 50 to 10000 milliseconds.`;
  return ms;
}

export async function statusline(argv: string[], io: HotIo, env: NodeJS.ProcessEnv = process.env, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const started = Date.now();
  let flags: { timeout?: string | undefined; install?: string | undefined };
  try {
    flags = parseArgs({ args: argv, options: { timeout: { type: 'string' }, install: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    io.stderr(`ccmon statusline: ${printable((err as Error).message, 200)}\n${usage}\n`);
    return 2;
  }
  const timeout = parseTimeout(flags.timeout);
  if (typeof timeout === 'string') {
    io.stderr(`ccmon statusline: ${timeout}\n${usage}\n`);
    return 2;
  }
  const deadline = started + timeout;
  const left = (): number => deadline - Date.now();
  // Claude Code writes its JSON and closes stdin at once; a stdin left open gets half the budget.
  const text = await readStdin(maxInputBytes, started + timeout / 2, stdin);
  const now = new Date();
  const input = parseStatusInput(text, now);
  const install = flags.install ? readInstallSync(appConfigDir(env), flags.install) : null;
  const settings = hotSettings(env, install);
  const stateFile = statuslineStateFile(cacheDir(env));
  const state = loadState(stateFile);
  const stateBefore = JSON.stringify(state);
  if (flags.install && !install) state.health.install = { at: now.getTime(), ok: false, detail: `no install record under id ${printable(flags.install, 40)}; run \`ccmon env --apply\` again` };

  const [chained, todayUsd] = await Promise.all([
    install?.wrappedCommand ? import('./run-wrapped.js').then(({ runWrapped }) => runWrapped(install.wrappedCommand!, text, Math.max(1, left() - 150), env)) : undefined,
    todayCost(settings, state, now, Math.min(300, Math.max(1, left() - 150))),
  ]);
  if (chained) state.health.chain = { at: now.getTime(), ok: chained.ok, ...(chained.ok ? {} : { detail: chained.detail }) };

  io.stdout(`${chained ? withSegment(chained.output, chainedSegment(input, todayUsd, now)) : renderStatusLine(input, todayUsd, now)}\n`);

  await pushPlanFigures(input, settings, state, now, left());
  // The usual run changes nothing: no write.
  if (JSON.stringify(state) !== stateBefore) saveState(stateFile, state, now.getTime());
  return 0;
}

/** The user's line(s) as their command printed them, ours appended to the first. */
function withSegment(output: string, segment: string): string {
  const lines = output.replace(/\r?\n$/, '').split(/\r?\n/);
  if (segment) lines[0] = lines[0] ? `${lines[0]} · ${segment}` : segment;
  return lines.join('\n');
}

/** Today's cost: the remembered one while fresh, else read within `budgetMs`; null when not to be had. */
async function todayCost(settings: HotSettings, state: StatuslineState, now: Date, budgetMs: number): Promise<number | null> {
  const day = startOfLocalDay(now).getTime();
  const remembered = state.today?.day === day ? state.today : undefined;
  if (remembered && now.getTime() - remembered.at < todayMaxAgeMs) return remembered.usd;
  // A backend that just failed is not asked again on every message update.
  const failed = state.health.today;
  if (failed && !failed.ok && now.getTime() - failed.at < todayRetryMs) return remembered?.usd ?? null;
  try {
    const [{ PrometheusClient }, { costToday }] = await Promise.all([import('../../core/prometheus/client.js'), import('../../core/summary/summary.js')]);
    const client = new PrometheusClient({ url: settings.prometheusUrl, timeoutMs: budgetMs, auth: { headers: settings.headers } });
    const usd = await costToday(client, now);
    state.today = { day, usd, at: now.getTime() };
    state.health.today = { at: now.getTime(), ok: true };
    return usd;
  } catch (err) {
    state.health.today = { at: now.getTime(), ok: false, detail: printable((err as Error).message, 300) };
    return remembered?.usd ?? null;
  }
}

/** Pushes the plan figures when they changed (or a minute has passed) for this session. */
async function pushPlanFigures(input: StatusInput, settings: HotSettings, state: StatuslineState, now: Date, budgetMs: number): Promise<void> {
  const gauges = planGauges(input, now.getTime(), settings.resourceAttributes);
  if (gauges.length === 0 || !input.sessionId) return;
  const fingerprint = planFingerprint(input);
  const last = state.pushes[input.sessionId];
  if (last && last.fingerprint === fingerprint && now.getTime() - last.at < repushMs) return;
  if (budgetMs < 20) {
    state.health.push = { at: now.getTime(), ok: false, detail: 'no time left to push within --timeout' };
    return;
  }
  // Loaded only when there is something to push (node:http alone costs more than the usual run).
  const { pushMetrics } = await import('../../core/otlp/push.js');
  const outcome = await pushMetrics(
    { url: settings.otlpMetricsUrl, headers: { ...settings.headers, ...settings.otlpHeaders } },
    { resource: { 'service.name': 'ccmon', ...settings.resourceAttributes }, scope: { name: 'ccmon.statusline' }, gauges },
    budgetMs,
  );
  if (outcome.ok) state.pushes[input.sessionId] = { fingerprint, at: now.getTime() };
  state.health.push = { at: now.getTime(), ok: outcome.ok, ...(outcome.ok ? {} : { detail: outcome.error }) };
}
