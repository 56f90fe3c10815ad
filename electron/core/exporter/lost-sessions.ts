import type { TelemetryMode } from '../api/domain.js';
/**
 * Scrape mode's silent loss: only one process can bind Claude Code's exporter port (:9464), so
 * with several Claude Code processes running, every one but the first exports nothing. Detected
 * by comparing the Claude Code processes on this machine with the sessions the exporter shows.
 *
 *   const list = await listProcesses();                                  // thin: ps-list
 *   const verdict = detectLostSessions({ processes: claudeCodeProcesses(list.processes), probe });
 *   if (verdict.status === 'lost-sessions') show(verdict.detail, verdict.hint);   // recommends push mode
 *
 * Everything but `listProcesses` is pure.
 */
import type { ProbeResult } from '../api/types.js';

/** One OS process, as far as the platform tells. */
export interface ProcessInfo {
  pid: number;
  ppid: number | null;
  /** Executable name (Linux `comm`, Windows image name); may be empty. */
  name: string;
  /** Command line, split into arguments where the platform allows (Windows: one string). */
  argv: string[];
}

export interface ClaudeProcess {
  pid: number;
  /** The command line, for display. */
  command: string;
}

const NATIVE_NAMES = new Set(['claude', 'claude.exe']);
/** The npm package's launchers (older releases ran `node .../cli.js`; `cli-wrapper.cjs` spawns the native binary). */
const PACKAGE_SCRIPT = /[\\/]@anthropic-ai[\\/]claude-code[\\/](cli\.m?js|cli-wrapper\.cjs)$/i;
const WRAPPER_SCRIPT = /[\\/]@anthropic-ai[\\/]claude-code[\\/]cli-wrapper\.cjs$/i;
/** The native installer keeps versions as files named by version: ~/.local/share/claude/versions/2.1.197. */
const NATIVE_VERSION_FILE = /[\\/]claude[\\/]versions[\\/]\d+\.\d+\.\d+[^\\/]*$/;
/** Claude Desktop (not Claude Code): Claude.app on macOS, AnthropicClaude on Windows. */
const DESKTOP_APP = /Claude\.app[\\/]|[\\/]AnthropicClaude[\\/]/i;

function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/** Whether a process is Claude Code's CLI (native binary, or the npm package run by Node). Pure. */
export function isClaudeCodeProcess(p: ProcessInfo, platform: NodeJS.Platform = process.platform): boolean {
  const cmd = p.argv.join(' ');
  if (DESKTOP_APP.test(cmd) || DESKTOP_APP.test(p.name)) return false;
  const exe = p.argv[0] ?? '';
  const fold = (s: string): string => (platform === 'win32' ? s.toLowerCase() : s);
  if (NATIVE_NAMES.has(fold(basename(exe))) || NATIVE_NAMES.has(fold(p.name))) return true;
  if (NATIVE_VERSION_FILE.test(exe)) return true;
  // Windows gives one command-line string: look for the script anywhere in it.
  if (platform === 'win32') return /[\\/]@anthropic-ai[\\/]claude-code[\\/](cli\.m?js|cli-wrapper\.cjs)\b/i.test(cmd);
  return p.argv.slice(1, 3).some((a) => PACKAGE_SCRIPT.test(a));
}

function isWrapper(p: ProcessInfo): boolean {
  return p.argv.some((a) => WRAPPER_SCRIPT.test(a) || /cli-wrapper\.cjs/i.test(a));
}

/**
 * The Claude Code processes, one per running session process: a `cli-wrapper.cjs` launcher whose
 * child is the native binary counts once. A Claude Code started by another (e.g. from its Bash
 * tool) is a session of its own and counts. `selfPid` (this app) is never counted. Pure.
 */
export function claudeCodeProcesses(all: readonly ProcessInfo[], opts: { selfPid?: number; platform?: NodeJS.Platform } = {}): ClaudeProcess[] {
  const claude = all.filter((p) => p.pid !== opts.selfPid && isClaudeCodeProcess(p, opts.platform));
  const claudePids = new Set(claude.map((p) => p.pid));
  const wrappersWithChild = new Set(claude.filter((p) => p.ppid !== null && claudePids.has(p.ppid)).map((p) => p.ppid!));
  return claude
    .filter((p) => !(isWrapper(p) && wrappersWithChild.has(p.pid)))
    .map((p) => ({ pid: p.pid, command: p.argv.join(' ') || p.name }))
    .sort((a, b) => a.pid - b.pid);
}

export type LostSessionsStatus = 'ok' | 'lost-sessions' | 'no-exporter' | 'port-taken' | 'unknown';

export interface LostSessionsVerdict {
  status: LostSessionsStatus;
  /** Claude Code processes running on this machine (null: could not list processes). */
  running: number | null;
  /** Distinct sessions the exporter shows. */
  exporterSessions: number;
  /** Processes whose metrics cannot reach the exporter port (running - 1 when sessions are lost). */
  lost: number;
  recommendPush: boolean;
  detail: string;
  hint?: string;
}

export interface LostSessionsInput {
  /** Claude Code processes (see `claudeCodeProcesses`), or null when they could not be listed. */
  processes: readonly ClaudeProcess[] | null;
  /** Why the processes could not be listed, when `processes` is null. */
  listError?: string;
  probe: ProbeResult;
  /** The app's telemetry mode, when known. */
  mode?: TelemetryMode;
}

const PUSH_HINT = 'Switch to push mode (`ccmon env --mode push --apply`): each Claude Code process then pushes its own metrics and events, and none are lost.';

/**
 * The lost-session case: more Claude Code processes running than sessions on the exporter, with at
 * least two running. Only one process can bind the port; the others' metrics go nowhere. Pure.
 */
export function detectLostSessions(input: LostSessionsInput): LostSessionsVerdict {
  const { probe } = input;
  const exporterSessions = probe.reachable && !probe.error ? probe.sessions.length : 0;
  const base = { exporterSessions, lost: 0 };
  if (input.processes === null) {
    return {
      status: 'unknown',
      running: null,
      ...base,
      recommendPush: false,
      detail: `Could not list the processes on this machine${input.listError ? ` (${input.listError})` : ''}, so lost sessions cannot be detected.`,
    };
  }
  const running = input.processes.length;
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
  if (probe.reachable && probe.error) {
    return { status: 'port-taken', running, ...base, recommendPush: true, detail: probe.error, hint: PUSH_HINT };
  }
  if (!probe.reachable) {
    if (running === 0) return { status: 'ok', running, ...base, recommendPush: false, detail: 'No Claude Code process is running.' };
    const scrape = input.mode === 'scrape';
    return {
      status: 'no-exporter',
      running,
      ...base,
      recommendPush: scrape,
      detail:
        `${n(running, 'Claude Code process is', 'Claude Code processes are')} running and nothing answers at ${probe.url}: ` +
        (scrape ? 'they are not exporting for scraping (is OTEL_METRICS_EXPORTER=prometheus set?).' : 'they push their telemetry (push mode), or send none.'),
      ...(scrape ? { hint: PUSH_HINT } : {}),
    };
  }
  if (running >= 2 && running > exporterSessions) {
    const lost = running - 1;
    return {
      status: 'lost-sessions',
      running,
      exporterSessions,
      lost,
      recommendPush: true,
      detail:
        `${n(running, 'Claude Code process is', 'Claude Code processes are')} running, but ${probe.url} shows ${n(exporterSessions, 'session', 'sessions')}: ` +
        `only one process can export on that port, so the metrics of ${n(lost, 'process are', 'processes are')} being lost.`,
      hint: PUSH_HINT,
    };
  }
  return {
    status: 'ok',
    running,
    ...base,
    recommendPush: false,
    detail: `${n(running, 'Claude Code process', 'Claude Code processes')} running; ${probe.url} shows ${n(exporterSessions, 'session', 'sessions')}.`,
  };
}

// ---- the process list (ps-list: /proc and ps on Linux and macOS, a bundled lister on Windows) ----

export interface ProcessList {
  processes: ProcessInfo[] | null;
  error?: string;
}

/** What ps-list reports of a process (its `cmd` is the whole command line; Windows gives none). */
export interface ListedProcess {
  pid: number;
  ppid: number;
  name: string;
  cmd?: string | undefined;
}

export interface ListDeps {
  platform?: NodeJS.Platform;
  /** The lister (default: ps-list, loaded when first asked). */
  list?: () => Promise<readonly ListedProcess[]>;
}

/** ps-list's view as ours: arguments split on white space (a path with spaces stays split, as `ps` shows it). Pure. */
export function toProcessInfo(p: ListedProcess): ProcessInfo {
  return { pid: p.pid, ppid: Number.isInteger(p.ppid) ? p.ppid : null, name: basename(p.name), argv: p.cmd ? p.cmd.trim().split(/\s+/).filter(Boolean) : [] };
}

const psList = async (): Promise<readonly ListedProcess[]> => (await import('ps-list')).default();

/** Every process this user can see. Never throws: a failure is the list's `error`. */
export async function listProcesses(deps: ListDeps = {}): Promise<ProcessList> {
  try {
    return { processes: (await (deps.list ?? psList)()).map(toProcessInfo) };
  } catch (err) {
    return { processes: null, error: (err as Error).message };
  }
}

/** Lists processes and decides, in one call (the doctor and the setup panel use this). */
export async function checkLostSessions(probe: ProbeResult, opts: { mode?: TelemetryMode; deps?: ListDeps } = {}): Promise<LostSessionsVerdict> {
  const list = await listProcesses(opts.deps);
  const platform = opts.deps?.platform ?? process.platform;
  return detectLostSessions({
    processes: list.processes ? claudeCodeProcesses(list.processes, { selfPid: process.pid, platform }) : null,
    ...(list.error ? { listError: list.error } : {}),
    probe,
    ...(opts.mode ? { mode: opts.mode } : {}),
  });
}
