/**
 * Once per period per threshold (pure): the rule every threshold watch shares (budgets at 80% and
 * 100%, plan limits at 80% and 95%). A measure names its key ('daily', 'fiveHour'), the period it
 * counts in ('2026-11-28', a window's reset time), its value and its limit. The ledger records, per
 * key, which thresholds were announced in that key's current period; a new period starts afresh.
 * When a value jumps past several thresholds at once only the highest is announced, and the lower
 * ones are recorded as done so they don't follow later.
 */

export interface LedgerEntry {
  period: string;
  notified: number[];
}

export type ThresholdLedger<K extends string = string> = { [key in K]?: LedgerEntry };

export interface Measure<K extends string = string> {
  key: K;
  period: string;
  value: number | null;
  limit: number | null;
}

export interface Crossing<K extends string = string> {
  key: K;
  period: string;
  /** The highest threshold crossed (a fraction of the limit: 0.8, 1). */
  threshold: number;
  value: number;
  limit: number;
}

/** Where a watch keeps its ledger between runs (the tray app: electron-store's app-state file). */
export interface LedgerStore<L> {
  read(): L;
  write(ledger: L): void;
}

export function crossThresholds<K extends string>(
  thresholds: readonly number[],
  measures: readonly Measure<K>[],
  ledger: ThresholdLedger<K>,
): { crossings: Crossing<K>[]; ledger: ThresholdLedger<K> } {
  const next: ThresholdLedger<K> = { ...ledger };
  const crossings: Crossing<K>[] = [];
  for (const { key, period, value, limit } of measures) {
    const held = next[key];
    const entry: LedgerEntry = isEntry(held) && held.period === period ? held : { period, notified: [] };
    next[key] = entry;
    if (value === null || limit === null || !(limit > 0) || !Number.isFinite(value)) continue;
    const crossed = thresholds.filter((t) => value >= limit * t - 1e-9 && !entry.notified.includes(t));
    if (crossed.length === 0) continue;
    const threshold = Math.max(...crossed);
    crossings.push({ key, period, threshold, value, limit });
    next[key] = { period, notified: [...new Set([...entry.notified, ...thresholds.filter((t) => t <= threshold)])].sort((a, b) => a - b) };
  }
  return { crossings, ledger: next };
}

/**
 * Runs `evaluate` over the stored ledger and stores the ledger it returns (only when it changed).
 * Synchronous on purpose: a watch awaits its figures first, then reads, evaluates and writes at once.
 */
export function updateLedger<L, R extends { ledger: L }>(store: LedgerStore<L>, evaluate: (ledger: L) => R): R {
  const before = store.read();
  const result = evaluate(before);
  if (JSON.stringify(result.ledger) !== JSON.stringify(before)) store.write(result.ledger);
  return result;
}

// The ledger comes from a file a person can edit: anything else than an entry counts as none.
function isEntry(value: unknown): value is LedgerEntry {
  const entry = value as LedgerEntry | undefined;
  return typeof entry?.period === 'string' && Array.isArray(entry.notified) && entry.notified.every((n) => typeof n === 'number');
}
