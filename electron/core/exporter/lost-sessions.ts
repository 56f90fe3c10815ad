import type { TelemetryMode } from '../api/domain.js';
/**
 * Scrape mode's silent loss: only one process can bind Claude Code's exporter port (:9464), so
 * with several Claude Code processes running, every one but the first exports nothing. Detected
 * by comparing the Claude Code processes on this machine with the sessions the exporter shows.
 *
 *   const list = await listProcesses();                                  // thin: /proc, ps, or PowerShell
 *   const verdict = detectLostSessions({ processes: claudeCodeProcesses(list.processes), probe });
 *   if (verdict.status === 'lost-sessions') show(verdict.detail, verdict.hint);   // recommends push mode
 *
 * Everything but `listProcesses` is pure.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
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

// ---- parsing the platform's process lists (pure) ----

/** Linux /proc/<pid>/stat: the parent pid is the 2nd field after the parenthesised command name. */
export function parseProcStatPpid(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** `ps -axo pid=,ppid=,args=` (macOS, BSD): arguments split on whitespace (paths with spaces stay split). */
export function parsePsOutput(text: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const argv = m[3]!.trim().split(/\s+/).filter(Boolean);
    out.push({ pid: Number(m[1]), ppid: Number(m[2]), name: basename(argv[0] ?? ''), argv });
  }
  return out;
}

/** PowerShell `Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,CommandLine | ConvertTo-Json`. */
export function parseWin32ProcessJson(text: string): ProcessInfo[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const raw = JSON.parse(trimmed) as unknown;
  const rows = (Array.isArray(raw) ? raw : [raw]) as { ProcessId?: number; ParentProcessId?: number; Name?: string; CommandLine?: string | null }[];
  return rows
    .filter((r) => typeof r.ProcessId === 'number')
    .map((r) => ({ pid: r.ProcessId!, ppid: typeof r.ParentProcessId === 'number' ? r.ParentProcessId : null, name: r.Name ?? '', argv: r.CommandLine ? [r.CommandLine] : [] }));
}

// ---- the thin lister ----

export interface ProcessList {
  processes: ProcessInfo[] | null;
  error?: string;
}

export interface ListDeps {
  platform?: NodeJS.Platform;
  /** Root of the proc filesystem (tests point it at a fake tree). */
  procRoot?: string;
  run?: (cmd: string, args: string[]) => Promise<string>;
}

function runCommand(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 5000, maxBuffer: 32 * 1024 * 1024, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

async function listProc(root: string): Promise<ProcessInfo[]> {
  const entries = (await readdir(root)).filter((e) => /^\d+$/.test(e));
  const rows = await Promise.all(
    entries.map(async (e): Promise<ProcessInfo | null> => {
      try {
        const [cmdline, stat, comm] = await Promise.all([
          readFile(`${root}/${e}/cmdline`, 'utf8'),
          readFile(`${root}/${e}/stat`, 'utf8').catch(() => ''),
          readFile(`${root}/${e}/comm`, 'utf8').catch(() => ''),
        ]);
        return { pid: Number(e), ppid: parseProcStatPpid(stat), name: comm.trim(), argv: cmdline.split('\0').filter(Boolean) };
      } catch {
        return null; // exited meanwhile, or not ours to read
      }
    }),
  );
  return rows.filter((r): r is ProcessInfo => r !== null);
}

/** Every process this user can see: /proc on Linux, `ps` on macOS and BSD, PowerShell on Windows. Never throws. */
export async function listProcesses(deps: ListDeps = {}): Promise<ProcessList> {
  const platform = deps.platform ?? process.platform;
  const run = deps.run ?? runCommand;
  try {
    if (platform === 'linux' || platform === 'android') return { processes: await listProc(deps.procRoot ?? '/proc') };
    if (platform === 'win32') {
      const ps = 'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,CommandLine | ConvertTo-Json -Compress';
      return { processes: parseWin32ProcessJson(await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', ps])) };
    }
    return { processes: parsePsOutput(await run('ps', ['-axo', 'pid=,ppid=,args='])) };
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
