import type { Summary } from '../../../electron/core/api/types.js';
import { formatUsd } from './format.js';

/** Two ratios worth a glance: cost per session, and how much of the input came from the cache. */
export function heroInsights(s: Summary): { perSession: string; cacheShare: string } {
  const input = s.tokens.input + s.tokens.cacheRead + s.tokens.cacheCreation;
  return {
    perSession: s.sessions > 0 ? formatUsd(s.costUsd / s.sessions) : '—',
    cacheShare: input > 0 ? `${Math.round((s.tokens.cacheRead / input) * 100)}%` : '—',
  };
}
