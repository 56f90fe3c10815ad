/**
 * Plays a scenario in real time: one SimProcess per run, on the planned slot and schedule.
 *
 *   const sim = await startScenario(scenario, { output: { mode: 'prometheus', ports: [p1, p2] }, speed: 60 });
 *   const report = await sim.done;   // resolves when every process has ended
 *   // or: await sim.stop();         // ends everything now
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spelling } from './instruments.js';
import { DEFAULT_LINGER_MS, planRun, type Plan } from './plan.js';
import type { Scenario } from './scenario.js';
import { SimProcess, type ProcessOutput } from './session.js';

export type RunOutput =
  | {
      mode: 'prometheus';
      host?: string;
      /** One port per slot (see `planRun(...).slots`); or give `basePort` to use basePort+slot. */
      ports?: number[];
      basePort?: number;
      spelling?: Spelling;
    }
  | { mode: 'otlp'; endpoint: string; exportIntervalMs?: number; headers?: Record<string, string> };

export interface RunOptions {
  output: RunOutput;
  /** Scenario seconds per real second (default 1). 60 plays a 10-minute scenario in 10 s. */
  speed?: number;
  /** Min real ms each process stays alive after its last step (default 3000). */
  lingerMs?: number;
  /** Progress events (the CLI prints them). */
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'process-start'; index: number; sessionId: string; slot: number; port?: number; at: number }
  | { type: 'step'; index: number; sessionId: string; step: number; at: number }
  | { type: 'process-end'; index: number; sessionId: string; at: number }
  | { type: 'error'; index: number; sessionId: string; error: Error; at: number };

export interface RunRecord {
  index: number;
  sessionId: string;
  slot: number;
  port?: number;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
}

export interface RunReport {
  /** Epoch ms when the scenario started (before the first process). */
  startedAt: number;
  endedAt: number;
  runs: RunRecord[];
}

export interface RunningScenario {
  plan: Plan;
  /** Port of each slot (prometheus mode), e.g. to build scrape targets. */
  ports: number[];
  startedAt: number;
  done: Promise<RunReport>;
  stop(): Promise<void>;
}

/** Port of each slot for a prometheus output. */
export function slotPorts(output: Extract<RunOutput, { mode: 'prometheus' }>, slots: number): number[] {
  if (output.ports) {
    if (output.ports.length < slots) throw new Error(`Scenario needs ${slots} exporter ports, got ${output.ports.length}`);
    return output.ports.slice(0, slots);
  }
  const base = output.basePort ?? 9464;
  return Array.from({ length: slots }, (_, i) => base + i);
}

export async function startScenario(scenario: Scenario, opts: RunOptions): Promise<RunningScenario> {
  const plan = planRun(scenario, opts.speed ?? 1, opts.lingerMs ?? DEFAULT_LINGER_MS);
  const out = opts.output;
  const ports = out.mode === 'prometheus' ? slotPorts(out, plan.slots) : [];
  const abort = new AbortController();
  const live = new Set<SimProcess>();
  const emit = opts.onEvent ?? ((): void => undefined);
  const t0 = performance.now();
  const startedAt = Date.now();
  const nowEpoch = (): number => startedAt + (performance.now() - t0);
  const until = async (ms: number): Promise<void> => {
    const wait = ms - (performance.now() - t0);
    if (wait > 0) await sleep(wait, undefined, { signal: abort.signal }).catch(() => undefined);
  };
  const slotChain = new Map<number, Promise<void>>();
  const records: RunRecord[] = [];

  const playOne = async (idx: number, previousOnSlot: Promise<void>): Promise<void> => {
    const pr = plan.runs[idx]!;
    const run = scenario.sessions[idx]!;
    await previousOnSlot;
    await until(pr.startMs);
    if (abort.signal.aborted) return;
    const port = ports[pr.slot];
    const output: ProcessOutput =
      out.mode === 'prometheus'
        ? { mode: 'prometheus', port: port!, ...(out.host ? { host: out.host } : {}), ...(out.spelling ? { spelling: out.spelling } : {}) }
        : { mode: 'otlp', endpoint: out.endpoint, ...(out.exportIntervalMs ? { exportIntervalMs: out.exportIntervalMs } : {}), ...(out.headers ? { headers: out.headers } : {}) };
    const proc = await SimProcess.start(run, output);
    live.add(proc);
    const rec: RunRecord = { index: idx, sessionId: run.sessionId, slot: pr.slot, ...(port ? { port } : {}), startedAt: nowEpoch(), endedAt: 0 };
    emit({ type: 'process-start', index: idx, sessionId: run.sessionId, slot: pr.slot, ...(port ? { port } : {}), at: rec.startedAt });
    try {
      for (let s = 0; s < run.steps.length; s++) {
        await until(pr.stepMs[s]!);
        if (abort.signal.aborted) break;
        proc.apply(run.steps[s]!);
        emit({ type: 'step', index: idx, sessionId: run.sessionId, step: s, at: nowEpoch() });
      }
      await until(pr.endMs);
    } finally {
      live.delete(proc);
      await proc.stop();
      rec.endedAt = nowEpoch();
      records.push(rec);
      emit({ type: 'process-end', index: idx, sessionId: run.sessionId, at: rec.endedAt });
    }
  };

  const order = plan.runs.map((r) => r.index).sort((a, b) => plan.runs[a]!.startMs - plan.runs[b]!.startMs || a - b);
  const tasks: Promise<void>[] = [];
  for (const idx of order) {
    const slot = plan.runs[idx]!.slot;
    const task = playOne(idx, slotChain.get(slot) ?? Promise.resolve()).catch((err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      emit({ type: 'error', index: idx, sessionId: scenario.sessions[idx]!.sessionId, error, at: nowEpoch() });
      throw error;
    });
    slotChain.set(slot, task.catch(() => undefined));
    tasks.push(task);
  }

  const done = Promise.allSettled(tasks).then((results) => {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    records.sort((a, b) => a.index - b.index);
    return { startedAt, endedAt: nowEpoch(), runs: records };
  });
  // Avoid an unhandled rejection if the caller only uses stop().
  done.catch(() => undefined);

  return {
    plan,
    ports,
    startedAt,
    done,
    async stop(): Promise<void> {
      abort.abort();
      await Promise.allSettled(tasks);
      await Promise.allSettled([...live].map((p) => p.stop()));
    },
  };
}
