/** Wall time of whole processes, as a shell (or Claude Code) starts them: spawn, stdin, exit. */
import { spawn } from 'node:child_process';

export interface Timed {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Runs before each timed run (not timed), e.g. to reset a cache. */
  before?: () => void;
  /** Runs after each timed run (not timed), e.g. to wait for the work it handed to a background process. */
  after?: () => Promise<void>;
}

export function runOnce(t: Timed): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  t.before?.();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(t.command, t.args, { env: t.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(t.input ?? '');
  });
}

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

/** Runs every command `runs` times, interleaved (so drift in the machine's load hits all alike). */
export async function timeAll(commands: readonly Timed[], runs: number, warmup = 2): Promise<Map<string, number[]>> {
  const times = new Map(commands.map((c) => [c.name, [] as number[]]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const c of commands) {
      const r = await runOnce(c);
      if (r.code !== 0) throw new Error(`${c.name} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      await c.after?.();
      if (i >= warmup) times.get(c.name)!.push(r.ms);
    }
  }
  return times;
}

export function report(times: Map<string, number[]>, reference?: string): string {
  const ref = reference ? quantile(times.get(reference)!, 0.5) : undefined;
  const rows = [...times].map(([name, xs]) => {
    const median = quantile(xs, 0.5);
    return `${name.padEnd(44)} ${median.toFixed(0).padStart(6)} ms ${quantile(xs, 0.95).toFixed(0).padStart(6)} ms${ref ? `   ${(median / ref).toFixed(2)}×` : ''}`;
  });
  return [`${'command'.padEnd(44)} ${'median'.padStart(9)} ${'p95'.padStart(9)}${ref ? `   vs ${reference}` : ''}`, ...rows].join('\n');
}
