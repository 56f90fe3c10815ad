/**
 * The four states of a card's list, in one place: "No data." when the backend can't be read, a
 * skeleton while the first answer is on its way, a sentence when there is nothing to list, else the list.
 */
import type { ReactNode } from 'react';

export function CardContent<T>(props: { unavailable: boolean; items: readonly T[] | null | undefined; loading: ReactNode; empty: string; children: (items: readonly T[]) => ReactNode }) {
  if (props.unavailable) return <p className="muted">No data.</p>;
  if (!props.items) return <>{props.loading}</>;
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return <>{props.children(props.items)}</>;
}
