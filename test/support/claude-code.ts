/**
 * Run the real Claude Code CLI (`@anthropic-ai/claude-code` from npm) in tests, offline.
 *
 * The npm package's `bin/claude.exe` is a placeholder that its postinstall script replaces with
 * the native binary from the platform's optional dependency (`@anthropic-ai/claude-code-linux-x64`
 * and friends). Install scripts may be skipped (npm 11 allowScripts, `--ignore-scripts`), so this
 * module resolves the native binary from the platform package directly, like the package's own
 * `cli-wrapper.cjs`, and only falls back to `bin/claude.exe`.
 *
 * A session is `claude -p --input-format stream-json --output-format stream-json --verbose`,
 * kept alive by an open stdin; each `send()` writes one user message and resolves with the turn's
 * `{"type":"result", "total_cost_usd": ...}` line (the session's own running cost). The CLI runs
 * with a temporary HOME and CLAUDE_CONFIG_DIR (the real ~/.claude is never touched), a minimal
 * environment (nothing inherited but PATH and locale), the Messages API pointed at a stand-in,
 * and everything non-essential switched off. With `proxyUrl` set to the stand-in's URL,
 * HTTP(S)_PROXY points there, and the stand-in records and refuses any outbound attempt.
 *
 *   const avail = claudeCodeAvailability();
 *   if (!avail.ok) return t.skip(avail.reason);
 *   const api = await startMessagesApiStandin({ defaultUsage: { input_tokens: 1000, output_tokens: 100 } });
 *   const cc = await startClaudeSession({ apiUrl: api.url, proxyUrl: api.url, telemetry: { mode: 'scrape' } });
 *   api.enqueue({ toolUse: { name: 'Write', input: { file_path: `${cc.cwd}/a.txt`, content: 'x\n' } } }, { text: 'Done.' });
 *   const r = await cc.send('Write a.txt');        // r.total_cost_usd, cc.sessionId, cc.exporterUrl
 *   await cc.close();                               // ends stdin, waits for exit, removes temp dirs
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';
import { tempDir } from './tmp.js';

const require = createRequire(import.meta.url);

const PACKAGE = '@anthropic-ai/claude-code';

function platformKey(): string {
  const cpu = os.arch();
  if (process.platform === 'linux') {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    const musl = report !== undefined && report.header?.glibcVersionRuntime === undefined;
    return `linux-${cpu}${musl ? '-musl' : ''}`;
  }
  return `${process.platform}-${cpu}`;
}

/**
 * Path of the native Claude Code binary, or undefined with the reason in `why`.
 * `CCMON_TEST_CLAUDE_BIN` overrides the lookup (e.g. a globally installed `claude`).
 */
export function resolveClaudeCodeBinary(why: string[] = []): string | undefined {
  const override = process.env.CCMON_TEST_CLAUDE_BIN;
  if (override) {
    if (existsSync(override)) return override;
    why.push(`CCMON_TEST_CLAUDE_BIN=${override} does not exist`);
    return undefined;
  }
  const key = platformKey();
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  try {
    const dir = path.dirname(require.resolve(`${PACKAGE}-${key}/package.json`));
    const p = path.join(dir, exe);
    if (existsSync(p)) return p;
    why.push(`${PACKAGE}-${key} has no ${exe}`);
  } catch {
    why.push(`the native package ${PACKAGE}-${key} is not installed (optional dependencies omitted?)`);
  }
  try {
    const dir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
    const p = path.join(dir, 'bin', 'claude.exe');
    // The placeholder is a few hundred bytes; the real binary is hundreds of MB.
    if (existsSync(p) && statSync(p).size > 1_000_000) return p;
    why.push(`${PACKAGE}/bin/claude.exe is still the install-time placeholder`);
  } catch {
    why.push(`${PACKAGE} is not installed (npm install)`);
  }
  return undefined;
}

export type Availability = { ok: true; bin: string; version: string } | { ok: false; reason: string };

let cachedAvailability: Availability | undefined;

/** Whether the real CLI can run here: resolves the binary and runs `--version` once. */
/**
 * In a test: the real Claude Code CLI when it can run here; otherwise null, with the test marked
 * skipped and the reason given (`const avail = claudeCodeFor(t); if (!avail) return;`).
 */
export function claudeCodeFor(t: { skip(message?: string): void }): Extract<Availability, { ok: true }> | null {
  const avail = claudeCodeAvailability();
  if (avail.ok) return avail;
  t.skip(`the real Claude Code CLI cannot run here: ${avail.reason}`);
  return null;
}

export function claudeCodeAvailability(): Availability {
  if (cachedAvailability) return cachedAvailability;
  const why: string[] = [];
  const bin = resolveClaudeCodeBinary(why);
  if (!bin) {
    cachedAvailability = { ok: false, reason: `Claude Code binary not found: ${why.join('; ')}` };
    return cachedAvailability;
  }
  const home = tempDir('ccmon-cc-version-');
  try {
    const r = spawnSync(bin, ['--version'], {
      env: baseEnv(home.path, path.join(home.path, '.claude')),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${r.stdout ?? ''}`.trim();
    if (r.error || r.status !== 0 || !/\d+\.\d+\.\d+/.test(out)) {
      const detail = r.error ? r.error.message : `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(0, 300)}`;
      cachedAvailability = { ok: false, reason: `Claude Code binary at ${bin} does not run (${detail})` };
    } else {
      cachedAvailability = { ok: true, bin, version: (/\d+\.\d+\.\d+/.exec(out) ?? [out])[0] };
    }
  } finally {
    home.remove();
  }
  return cachedAvailability;
}

/** Environment that keeps Claude Code offline, quiet and away from the real user's files. */
function baseEnv(home: string, configDir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TMPDIR: os.tmpdir(),
    LANG: process.env.LANG ?? 'C.UTF-8',
    NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: configDir,
    // No auto-updater, error reporting, feature-flag fetches or other calls home. Metrics and
    // events (OTEL) still flow: this switch does not touch CLAUDE_CODE_ENABLE_TELEMETRY.
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_UPDATES: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_INSTALLATION_CHECKS: '1',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
    CLAUDE_CODE_DISABLE_TERMINAL_TITLE: '1',
    // Git commits made by scripted Bash tool calls.
    GIT_AUTHOR_NAME: 'ccmon test',
    GIT_AUTHOR_EMAIL: 'ccmon-test@example.invalid',
    GIT_COMMITTER_NAME: 'ccmon test',
    GIT_COMMITTER_EMAIL: 'ccmon-test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  return env;
}

/** One stream-json line from the CLI. */
export interface StreamMessage {
  type: string;
  subtype?: string;
  session_id?: string;
  [k: string]: unknown;
}

/** The `{"type":"result"}` line that ends a turn. */
export interface ResultMessage extends StreamMessage {
  type: 'result';
  is_error: boolean;
  total_cost_usd: number;
  num_turns: number;
  result?: string;
  session_id: string;
  usage?: Record<string, unknown>;
  modelUsage?: Record<string, { costUSD?: number; inputTokens?: number; outputTokens?: number; [k: string]: unknown }>;
}

export type Telemetry =
  | { mode: 'none' }
  /** Prometheus exporter on 127.0.0.1:<port> (a free port if omitted). */
  | { mode: 'scrape'; port?: number }
  /** Any env (e.g. an OTLP push config) merged on top of CLAUDE_CODE_ENABLE_TELEMETRY=1. */
  | { mode: 'env'; env: Record<string, string> };

export interface ClaudeSessionOptions {
  /** Base URL of the Messages API stand-in (`ANTHROPIC_BASE_URL`). */
  apiUrl: string;
  telemetry: Telemetry;
  /** Route HTTP(S) through this proxy URL (e.g. the stand-in's, which refuses and records). */
  proxyUrl?: string;
  /** Working directory; default: a fresh temp dir. */
  cwd?: string;
  /**
   * Use this HOME (CLAUDE_CONFIG_DIR = HOME/.claude) instead of a fresh temp one; it is left in
   * place on close. Together with the same `cwd` and `resume`, a later process continues a session.
   */
  home?: string;
  /** `--session-id <uuid>`: choose the session id up front. */
  sessionId?: string;
  /** `--resume <session id>`: continue an earlier session (needs the same `home` and `cwd`). */
  resume?: string;
  /** `git init` the working directory (for commit counters). */
  gitInit?: boolean;
  /** Default `['Bash', 'Write', 'Edit']` (root may not use --dangerously-skip-permissions). */
  allowedTools?: string[];
  /** `--model`; default: the CLI's own default. */
  model?: string;
  extraArgs?: string[];
  /** Extra env, applied last. */
  env?: Record<string, string>;
  /** Bound for one turn (default 60 s). */
  turnTimeoutMs?: number;
  /** Keep the temp HOME/config/cwd after close (for debugging; still removed when the test process exits). */
  keepDirs?: boolean;
  /** Echo stdout/stderr lines to the test's stderr. */
  debug?: boolean;
}

export interface ClaudeSession {
  readonly pid: number;
  /** From `sessionId`/`resume` if given, else known once the first turn started (`system/init` line). */
  readonly sessionId: string | undefined;
  readonly home: string;
  readonly configDir: string;
  readonly cwd: string;
  /** Scrape mode: the exporter's port and URL. */
  readonly exporterPort: number | undefined;
  readonly exporterUrl: string | undefined;
  /** Every parsed stdout line, in order. */
  readonly messages: StreamMessage[];
  readonly results: ResultMessage[];
  /** Send one user message; resolves with the turn's result line. */
  send(text: string): Promise<ResultMessage>;
  /** `total_cost_usd` of the last result: this process's running cost (a resumed process starts again at 0). */
  totalCostUsd(): number;
  stderr(): string;
  exited(): boolean;
  /** Close stdin, wait for a clean exit (kill after `timeoutMs`), remove temp dirs. */
  close(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill now (SIGKILL) and remove temp dirs. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcessWithoutNullStreams>();
let exitHooked = false;

/** Kill every CLI this process started when it exits or is interrupted, even after a failed test. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = (): void => {
    for (const c of live) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    live.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

/** Waits until something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startClaudeSession(opts: ClaudeSessionOptions): Promise<ClaudeSession> {
  const avail = claudeCodeAvailability();
  if (!avail.ok) throw new Error(avail.reason);

  hookExit();
  const homeDir = opts.home === undefined ? tempDir('ccmon-cc-home-') : undefined;
  const home = opts.home ?? homeDir!.path;
  const configDir = path.join(home, '.claude');
  const workDir = opts.cwd === undefined ? tempDir('ccmon-cc-work-') : undefined;
  const cwd = opts.cwd ?? workDir!.path;
  const env = baseEnv(home, configDir);
  env.ANTHROPIC_BASE_URL = opts.apiUrl;
  env.ANTHROPIC_API_KEY = 'sk-ant-api03-offline-test-key';
  if (opts.proxyUrl) {
    env.HTTPS_PROXY = env.https_proxy = opts.proxyUrl;
    env.HTTP_PROXY = env.http_proxy = opts.proxyUrl;
    env.NO_PROXY = env.no_proxy = '127.0.0.1,localhost,::1';
  }

  let exporterPort: number | undefined;
  const tel = opts.telemetry;
  if (tel.mode === 'scrape') {
    exporterPort = tel.port ?? (await freePort());
    Object.assign(env, {
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(exporterPort),
    });
  } else if (tel.mode === 'env') {
    Object.assign(env, { CLAUDE_CODE_ENABLE_TELEMETRY: '1' }, tel.env);
  }
  Object.assign(env, opts.env ?? {});

  if (opts.gitInit) {
    const r = spawnSync('git', ['init', '-q', '-b', 'main'], { cwd, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git init failed in ${cwd}: ${r.stderr}`);
  }

  const args = [
    '-p',
    '--input-format',
    'stream-json',
    '--output-format',
    'stream-json',
    '--verbose',
    '--allowedTools',
    ...(opts.allowedTools ?? ['Bash', 'Write', 'Edit']),
    ...(opts.model ? ['--model', opts.model] : []),
    ...(opts.sessionId ? ['--session-id', opts.sessionId] : []),
    ...(opts.resume ? ['--resume', opts.resume] : []),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(avail.bin, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);

  const messages: StreamMessage[] = [];
  const results: ResultMessage[] = [];
  let sessionId: string | undefined = opts.sessionId ?? opts.resume;
  let stderr = '';
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const waiters: Array<{ resolve: (r: ResultMessage) => void; reject: (e: Error) => void }> = [];
  const exitWaiters: Array<() => void> = [];

  const failAll = (e: Error) => {
    for (const w of waiters.splice(0)) w.reject(e);
  };

  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (!line) continue;
      if (opts.debug) process.stderr.write(`[claude stdout] ${line.slice(0, 500)}\n`);
      let msg: StreamMessage;
      try {
        msg = JSON.parse(line) as StreamMessage;
      } catch {
        continue;
      }
      messages.push(msg);
      if (typeof msg.session_id === 'string') sessionId = msg.session_id;
      if (msg.type === 'result') {
        const r = msg as ResultMessage;
        results.push(r);
        waiters.shift()?.resolve(r);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    if (opts.debug) process.stderr.write(`[claude stderr] ${chunk}`);
  });
  child.stdin.on('error', () => undefined); // EPIPE after exit: reported through 'exit'
  child.on('error', (e) => {
    spawnError = e;
    failAll(e);
  });
  child.on('exit', (code, signal) => {
    exitInfo = { code, signal };
    live.delete(child);
    failAll(new Error(`Claude Code exited (code ${code}, signal ${signal}) before the turn ended. stderr: ${stderr.slice(-2000)}`));
    for (const w of exitWaiters.splice(0)) w();
  });

  const waitExit = () =>
    new Promise<void>((resolve) => {
      if (exitInfo) resolve();
      else exitWaiters.push(resolve);
    });

  const cleanupDirs = () => {
    if (opts.keepDirs) return;
    homeDir?.remove();
    workDir?.remove();
  };

  const turnTimeout = opts.turnTimeoutMs ?? 60_000;

  const session: ClaudeSession = {
    pid: child.pid ?? -1,
    get sessionId() {
      return sessionId;
    },
    home,
    configDir,
    cwd,
    exporterPort,
    exporterUrl: exporterPort === undefined ? undefined : `http://127.0.0.1:${exporterPort}/metrics`,
    messages,
    results,
    send(text: string) {
      if (spawnError) return Promise.reject(spawnError);
      if (exitInfo) return Promise.reject(new Error(`Claude Code already exited (code ${exitInfo.code}). stderr: ${stderr.slice(-2000)}`));
      return new Promise<ResultMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          const idx = waiters.indexOf(entry);
          if (idx >= 0) waiters.splice(idx, 1);
          reject(new Error(`no result from Claude Code within ${turnTimeout} ms. stderr: ${stderr.slice(-2000)}`));
        }, turnTimeout);
        const entry = {
          resolve: (r: ResultMessage) => {
            clearTimeout(timer);
            resolve(r);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.push(entry);
        child.stdin.write(`${JSON.stringify({ type: 'user', message: { role: 'user', content: text }, parent_tool_use_id: null })}\n`);
      });
    },
    totalCostUsd() {
      const last = results[results.length - 1];
      if (!last) throw new Error('no turn has finished yet');
      return last.total_cost_usd;
    },
    stderr: () => stderr,
    exited: () => exitInfo !== undefined,
    async close(timeoutMs = 30_000) {
      if (!exitInfo) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
        const hard = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5_000);
        await waitExit();
        clearTimeout(timer);
        clearTimeout(hard);
      }
      cleanupDirs();
      return exitInfo ?? { code: null, signal: null };
    },
    async kill() {
      if (!exitInfo) {
        child.kill('SIGKILL');
        await waitExit();
      }
      cleanupDirs();
    },
  };
  return session;
}
