/**
 * `ccmon statusline`: Claude Code's status line command, the hot path (a new process on every message
 * update). It loads only what it uses (no zod, no commander, no dockerode), prints its line first, and
 * keeps everything within `--timeout` (default 800 ms): reading stdin, a wrapped command of the user's,
 * today's cost, the push of the plan figures. Failures never reach the line; `ccmon doctor` reports them
 * from the state file.
 */
import { parseArgs } from 'node:util';
import type { HotSettings } from '../../core/config/hot-settings.js';
import { printable } from '../../core/format/printable.js';
import type { GaugeMetric } from '../../core/otlp/metrics-request.js';
import { planFingerprint, planGauges } from '../../core/plan/records.js';
import { projectOf, recordedAs, sessionInfoGauge } from '../../core/projects/session-record.js';
import { chainedSegment, parseStatusInput, renderStatusLine, type StatusInput } from '../../core/statusline/statusline.js';
import type { StatuslineState } from '../../core/statusline/state.js';
import { startOfLocalDay } from '../../core/summary/time-windows.js';
import { openHot, pushHot, type HotContext } from './context.js';
import { readStdin } from './stdin.js';

export interface HotIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const maxInputBytes = 1024 * 1024;
/** A push repeats unchanged figures this often, so the backend's series stay continuous. */
const repushMs = 60_000;
/** The session's project record is pushed again this often (the hooks push it at start and end). */
const recordEveryMs = 10 * 60_000;
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
  const ctx = openHot(env, flags.install, now);
  const { install, settings, state } = ctx;

  const [chained, todayUsd] = await Promise.all([
    install?.wrappedCommand ? import('./run-wrapped.js').then(({ runWrapped }) => runWrapped(install.wrappedCommand!, text, Math.max(1, left() - 150), env)) : undefined,
    todayCost(settings, state, now, Math.min(300, Math.max(1, left() - 150))),
  ]);
  if (chained) state.health.chain = { at: now.getTime(), ok: chained.ok, ...(chained.ok ? {} : { detail: chained.detail }) };

  io.stdout(`${chained ? withSegment(chained.output, chainedSegment(input, todayUsd, now)) : renderStatusLine(input, todayUsd, now)}\n`);

  await pushFigures(ctx, input, now, left());
  // The usual run changes nothing: no write.
  ctx.save(now);
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
    const client = new PrometheusClient({ url: settings.prometheusUrl, timeoutMs: budgetMs, auth: { headers: settings.headers, caFile: settings.caFile } });
    const usd = await costToday(client, now);
    state.today = { day, usd, at: now.getTime() };
    state.health.today = { at: now.getTime(), ok: true };
    return usd;
  } catch (err) {
    state.health.today = { at: now.getTime(), ok: false, detail: printable((err as Error).message, 300) };
    return remembered?.usd ?? null;
  }
}

/**
 * Pushes what is due for this session: the plan figures when they changed (or a minute has passed), and
 * its project record every ten minutes (where the hooks are not installed, this is the only record).
 */
async function pushFigures(ctx: HotContext, input: StatusInput, now: Date, budgetMs: number): Promise<void> {
  if (!input.sessionId) return;
  const held = ctx.state.pushes[input.sessionId] ?? { fingerprint: '', at: 0 };
  const gauges: GaugeMetric[] = [];
  const plan = planGauges(input, now.getTime(), ctx.labels);
  const fingerprint = planFingerprint(input);
  const planDue = plan.length > 0 && (held.fingerprint !== fingerprint || now.getTime() - held.at >= repushMs);
  if (planDue) gauges.push(...plan);
  const folder = input.workspace.projectDir ?? input.cwd;
  const recordDue = folder !== null && now.getTime() - (held.recordAt ?? 0) >= recordEveryMs;
  const record = recordDue ? recordedAs(withWorktree(projectOf(folder), input), ctx.settings.projectRecording) : null;
  if (record) gauges.push(sessionInfoGauge(input.sessionId, record, now.getTime(), ctx.labels));
  if (gauges.length === 0) return;
  if (await pushHot(ctx, 'push', gauges, budgetMs, now, 'ccmon.statusline')) {
    ctx.state.pushes[input.sessionId] = { ...held, ...(planDue ? { fingerprint, at: now.getTime() } : {}), ...(record ? { recordAt: now.getTime() } : {}) };
  }
}

/** Claude Code names the worktree in the status line's input: that name wins over what the folder says. */
const withWorktree = (record: ReturnType<typeof projectOf>, input: StatusInput) => (input.worktree?.name ? { ...record, worktree: input.worktree.name } : record);
