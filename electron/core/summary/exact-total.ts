/**
 * Exactly what a counter series added inside (since, until], from its raw samples,
 * following Prometheus's definition of a reset (a value lower than the one before it):
 * a reset restarts from zero, so the value after it counts in full.
 * `baseline` is the series' value at `since` if it was alive then; without one, the series
 * started inside the window and its first value counts in full.
 */
export function exactWindowTotal(samples: ReadonlyArray<readonly [number, number]>, sinceSeconds: number, baseline: number | undefined): number {
  let previous = baseline ?? 0;
  let total = 0;
  for (const [t, v] of samples) {
    if (t <= sinceSeconds) continue;
    total += v >= previous ? v - previous : v;
    previous = v;
  }
  return total;
}

/** A stable key for a label set, ignoring the given labels. */
export function labelKey(labels: Readonly<Record<string, string>>, ignore: readonly string[] = []): string {
  return Object.keys(labels)
    .filter((k) => !ignore.includes(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
