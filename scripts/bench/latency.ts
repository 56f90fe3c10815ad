/** Latencies of repeated runs, as the benches print them: the median and the 95th percentile. */
import { quantile } from './process-timing.js';

export interface Latency {
  median: number;
  p95: number;
  runs: number;
}

export const latency = (samples: readonly number[]): Latency => ({ median: quantile([...samples], 0.5), p95: quantile([...samples], 0.95), runs: samples.length });

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

export const latencyLine = (label: string, l: Latency): string => `  ${label.padEnd(50)} median ${ms(l.median).padStart(10)}   p95 ${ms(l.p95).padStart(10)}`;

/** Wall times of `runs` calls of `fn` one after another, after `warmup` untimed ones (warm caches, as a refreshing tray would). */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}
