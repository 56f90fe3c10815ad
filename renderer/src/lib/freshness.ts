/**
 * What the dashboard says about its data: still loading, live, stale (the source stopped
 * answering; the last values stay, marked with their time), or unavailable (never loaded). Pure.
 */
import type { Summary } from '../../../electron/core/api/types.js';

export interface Loadable<T> {
  data: T | null;
  /** Epoch ms when `data` was fetched. */
  updatedAt: number | null;
  error: { message: string; hint?: string; code?: string } | null;
  /** Epoch ms of the last failed attempt. */
  failedAt: number | null;
  loading: boolean;
}

export const initialLoadable = <T,>(): Loadable<T> => ({ data: null, updatedAt: null, error: null, failedAt: null, loading: true });

export function succeeded<T>(_prev: Loadable<T>, data: T, at: number): Loadable<T> {
  return { data, updatedAt: at, error: null, failedAt: null, loading: false };
}

/** A failure keeps the last data: that is what the stale state shows. */
export function failed<T>(prev: Loadable<T>, error: Loadable<T>['error'], at: number): Loadable<T> {
  return { ...prev, error, failedAt: at, loading: false };
}

export type Freshness = 'loading' | 'live' | 'stale' | 'unavailable';

export function freshness(state: Loadable<unknown>): Freshness {
  if (state.error) return state.data ? 'stale' : 'unavailable';
  if (state.data) return 'live';
  return 'loading';
}

/** No telemetry at all in the last 30 days: time to show the "get started" steps. */
export function isEmptySummary(s: Summary): boolean {
  return s.periods.last30Days === 0 && s.sessions === 0 && s.costUsd === 0 && Object.values(s.tokens).every((n) => n === 0);
}
