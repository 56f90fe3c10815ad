/**
 * Runs the built `ccmon` CLI (bin/ccmon.cjs → dist/) as a user would, isolated from the real settings and
 * cache (a temp CCMON_CONFIG_DIR and CCMON_CACHE_DIR per run, unless `env` names its own) and from any
 * CCMON_* or CLAUDE_CONFIG_DIR of the shell running the tests. Killed after a minute (or `timeoutMs`);
 * never throws on a non-zero exit. `ccmonRun` also reports the wall time and the peak resident memory
 * (VmHWM, read from /proc while the process runs).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ccmonBin = fileURLToPath(new URL('../../bin/ccmon.cjs', import.meta.url));

export interface CcmonResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CcmonRun extends CcmonResult {
  wallMs: number;
  /** Peak resident set size in KiB (0 where /proc can't be read). */
  peakRssKb: number;
  signal: NodeJS.Signals | null;
}

/** As `input`: stdin stays open and empty. */
export const KEEP_STDIN_OPEN = Symbol('keep stdin open');

export interface CcmonRunOptions {
  env?: Record<string, string>;
  /** Written to stdin, then stdin is closed; `KEEP_STDIN_OPEN` leaves stdin open and empty (`null`: /dev/null). */
  input?: string | Buffer | typeof KEEP_STDIN_OPEN | null;
  /** Run as this user (needs root), e.g. 65534 (nobody). */
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

/** Peak RSS of a live process, in KiB, from /proc/<pid>/status (VmHWM); 0 when gone or unreadable. */
export function peakRssKb(pid: number): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function ccmonRun(args: string[], options: CcmonRunOptions = {}): Promise<CcmonRun> {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'ccmon-cli-config-'));
  if (options.uid !== undefined) chmodSync(configDir, 0o777);
  try {
    return await new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [ccmonBin, ...args], {
        env: { ...ownEnvRemoved(process.env), CCMON_CONFIG_DIR: configDir, CCMON_CACHE_DIR: path.join(configDir, 'cache'), ...options.env },
        stdio: [options.input === null || options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
      });
      const { input } = options;
      if (child.stdin && (typeof input === 'string' || Buffer.isBuffer(input))) child.stdin.end(input);
      child.stdin?.on('error', () => undefined);
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, child.pid ? peakRssKb(child.pid) : 0)), 10);
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (c) => (stdout += c));
      child.stderr?.on('data', (c) => (stderr += c));
      child.on('error', (err) => {
        clearTimeout(timer);
        clearInterval(sampler);
        reject(err);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        clearInterval(sampler);
        child.stdin?.destroy();
        resolve({ code: code ?? 1, signal, stdout, stderr, wallMs: performance.now() - started, peakRssKb: peak });
      });
    });
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

export async function ccmon(args: string[], env: Record<string, string> = {}): Promise<CcmonResult> {
  const { code, stdout, stderr } = await ccmonRun(args, { env });
  return { code, stdout, stderr };
}

function ownEnvRemoved(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('CCMON_') && k !== 'CLAUDE_CONFIG_DIR'));
}

/** `ccmon ... --json`, parsed; fails loudly with stderr when the command failed. */
export async function ccmonJson<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  const res = await ccmon([...args, '--json'], env);
  if (res.code !== 0) throw new Error(`ccmon ${args.join(' ')} exited ${res.code}: ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}
