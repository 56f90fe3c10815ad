/**
 * Exactly what a counter series added inside (since, until], from its raw samples (which may start up
 * to the lookback before `since`). A new process (a resumed session) counts from zero again; it shows as
 * a value lower than the one before it (Prometheus's definition of a reset) or, when the new process
 * has already passed the old value, as a gap in the samples far longer than their usual spacing
 * (a counter series is exported at every scrape or push while its process lives), or at a start its
 * session's resumed-session counter records (`processStarts`, from `resumedProcessStarts`): the gap
 * alone misses a session resumed within a few export intervals (Claude Code exports every 60 s).
 * `aliveAtSince`: the series had a live sample at `since` (its last sample at or before `since` is the
 * baseline); otherwise it started inside the window and its first value counts in full.
 */
export function exactWindowTotal(samples: ReadonlyArray<readonly [number, number]>, sinceSeconds: number, aliveAtSince: boolean, processStarts: readonly number[] = []): number {
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
    total += sampleIncrease(previous, sample, restartGap, processStarts);
    previous = sample;
  }
  return total;
}

/**
 * What one sample of a counter adds after the one before it: the difference, or its whole value when a
 * new process began (no sample before it, a value that fell, a pause longer than `restartGap` seconds,
 * or one of the session's `processStarts` after the sample before it, up to this one).
 */
export function sampleIncrease(previous: readonly [number, number] | undefined, sample: readonly [number, number], restartGap: number, processStarts: readonly number[] = []): number {
  const restarted = !previous || sample[1] < previous[1] || sample[0] - previous[0] > restartGap || processStarts.some((t) => t > previous[0] && t <= sample[0]);
  return restarted ? sample[1] : sample[1] - previous[1];
}

/**
 * When the resumed processes of a session began, from its resumed-session counter (Claude Code's
 * `session_count{start_type="resume"}`, 1 in each resumed process, first exported with the process's
 * other series): its first sample, and each sample after a pause (`previous`: the sample before these,
 * if known). A process's series first exported later (lines of code after its first edit) still
 * restart there: their sample before it is the old process's. Each start is put half a second before
 * that sample: a process's series are exported together, but their timestamps may differ by a few ms.
 */
export function resumedProcessStarts(counter: ReadonlyArray<readonly [number, number]>, previous?: readonly [number, number], gap = restartGapSeconds(previous ? [previous, ...counter] : counter)): number[] {
  const starts: number[] = [];
  let before = previous;
  for (const sample of counter) {
    if (!before || sample[1] < before[1] || sample[0] - before[0] > gap) starts.push(sample[0] - exportSpread);
    before = sample;
  }
  return starts;
}

const exportSpread = 0.5;

/** Whether a session counter's `start_type` says its process resumed a session (not `fresh`, not missing). */
export const isResumedStart = (startType: string | undefined): boolean => !/^(fresh)?$/.test(startType ?? '');

/** A pause this long between two samples means the process ended and another began: 4× the usual spacing, at least 20 s. */
export function restartGapSeconds(samples: ReadonlyArray<readonly [number, number]>): number {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) gaps.push(samples[i]![0] - samples[i - 1]![0]);
  return restartGapOf(gaps);
}

/** `restartGapSeconds` from the gaps between samples (Infinity without any: no spacing to compare with). */
export function restartGapOf(gaps: readonly number[]): number {
  if (gaps.length === 0) return Infinity;
  const sorted = [...gaps].sort((a, b) => a - b);
  return Math.max(4 * sorted[Math.floor(sorted.length / 2)]!, 20);
}

/** A stable key for a label set, ignoring the given labels. */
export function labelKey(labels: Readonly<Record<string, string>>, ignore: readonly string[] = []): string {
  return Object.keys(labels)
    .filter((k) => !ignore.includes(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
