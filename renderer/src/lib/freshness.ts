/**
 * What the dashboard says about its data: still loading, live, stale (the source stopped
 * answering; the last values stay, marked with their time), or unavailable (never loaded). Pure:
 * read from a query's state (TanStack Query keeps the last data when a refetch fails).
 */
import type { Summary } from '../../../electron/core/api/types.js';
import { describeError, type ErrorInfo } from '../api/errors.js';

/** The parts of a query's state read here; a `useQuery` result and a cache entry's state both have them. */
export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  status: 'pending' | 'error' | 'success';
  /** Epoch ms when `data` was fetched or pushed (0: never). */
  dataUpdatedAt: number;
  /** Epoch ms of the last failure (0: none). */
  errorUpdatedAt: number;
}

export type Freshness = 'loading' | 'live' | 'stale' | 'unavailable';

export function freshness(q: QueryLike<unknown>): Freshness {
  if (q.status === 'error') return q.data !== undefined ? 'stale' : 'unavailable';
  return q.data !== undefined ? 'live' : 'loading';
}

export interface DataState<T> {
  state: Freshness;
  data: T | null;
  /** When the values shown were fetched (null: none yet). */
  fetchedAt: number | null;
  /** The failure that made them stale or unavailable. */
  error: ErrorInfo | null;
  failedAt: number | null;
}

export function dataState<T>(q: QueryLike<T>): DataState<T> {
  const failed = q.status === 'error';
  return {
    state: freshness(q),
    data: q.data ?? null,
    fetchedAt: q.dataUpdatedAt || null,
    error: failed ? describeError(q.error) : null,
    failedAt: failed ? q.errorUpdatedAt || null : null,
  };
}

/** No telemetry at all in the last 30 days: time to show the "get started" steps. */
export function isEmptySummary(s: Summary): boolean {
  return s.periods.last30Days === 0 && s.sessions === 0 && s.costUsd === 0 && Object.values(s.tokens).every((n) => n === 0);
}
