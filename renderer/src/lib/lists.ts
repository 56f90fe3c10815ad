/** Long lists stay usable: the first rows, and the rest on request. Pure. */
export const firstRowCount = 8;

/** The rows to show, and how many lie beyond the first `first` (the "show all" toggle's count, shown or not). */
export function shownRows<T>(rows: readonly T[], expanded: boolean, first = firstRowCount): { rows: readonly T[]; more: number } {
  const more = Math.max(0, rows.length - first);
  return { rows: expanded || more === 0 ? rows : rows.slice(0, first), more };
}
