/**
 * Runs the built `ccmon` CLI (bin/ccmon.js → dist/) as a user would, isolated from the real settings and
 * cache (a temp CCMON_CONFIG_DIR and CCMON_CACHE_DIR per run, unless `env` names its own) and from any
 * CCMON_* or CLAUDE_CONFIG_DIR of the shell running the tests. Killed after a minute; never throws on a
 * non-zero exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/ccmon.js', import.meta.url));

export interface CcmonResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function ccmon(args: string[], env: Record<string, string> = {}): Promise<CcmonResult> {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'ccmon-cli-config-'));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: { ...ownEnvRemoved(process.env), CCMON_CONFIG_DIR: configDir, CCMON_CACHE_DIR: path.join(configDir, 'cache'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? 1, stdout, stderr });
      });
    });
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
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
