/**
 * Exactly what a counter series added inside (since, until], from its raw samples (which may start up
 * to the lookback before `since`). A new process (a resumed session) counts from zero again; it shows as
 * a value lower than the one before it (Prometheus's definition of a reset) or, when the new process
 * has already passed the old value, as a gap in the samples far longer than their usual spacing
 * (a counter series is exported at every scrape or push while its process lives).
 * `aliveAtSince`: the series had a live sample at `since` (its last sample at or before `since` is the
 * baseline); otherwise it started inside the window and its first value counts in full.
 */
export function exactWindowTotal(samples: ReadonlyArray<readonly [number, number]>, sinceSeconds: number, aliveAtSince: boolean): number {
  const restartGap = restartGapSeconds(samples);
  let previous: readonly [number, number] | undefined;
  for (const sample of samples) {
    if (sample[0] > sinceSeconds) break;
    previous = sample;
  }
  if (!aliveAtSince) previous = undefined;
  let total = 0;
  for (const sample of samples) {
    if (sample[0] <= sinceSeconds) continue;
    total += sampleIncrease(previous, sample, restartGap);
    previous = sample;
  }
  return total;
}

/**
 * What one sample of a counter adds after the one before it: the difference, or its whole value when a
 * new process began (no sample before it, a value that fell, or a pause longer than `restartGap` seconds).
 */
export function sampleIncrease(previous: readonly [number, number] | undefined, sample: readonly [number, number], restartGap: number): number {
  const restarted = !previous || sample[1] < previous[1] || sample[0] - previous[0] > restartGap;
  return restarted ? sample[1] : sample[1] - previous[1];
}

/** A pause this long between two samples means the process ended and another began: 4× the usual spacing, at least 20 s. */
export function restartGapSeconds(samples: ReadonlyArray<readonly [number, number]>): number {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) gaps.push(samples[i]![0] - samples[i - 1]![0]);
  if (gaps.length === 0) return Infinity;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  return Math.max(4 * median, 20);
}

/** A stable key for a label set, ignoring the given labels. */
export function labelKey(labels: Readonly<Record<string, string>>, ignore: readonly string[] = []): string {
  return Object.keys(labels)
    .filter((k) => !ignore.includes(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
