/**
 * What the status line remembers between its runs (a new process on every message update): today's cost
 * as last read, when each session last pushed which figures, and how the last push and read went (for
 * `ccmon doctor`). One small JSON file in the cache folder, read and written synchronously (it is tiny
 * and the process lives for milliseconds), replaced atomically; several sessions may write it at once,
 * and the worst a lost update costs is one extra push. A file that can't be read is a fresh start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { replaceFileSync } from '../fs/replace-file.js';

export interface StatuslineState {
  version: 1;
  /** Today's cost, for the local day `day` (its midnight, epoch ms), read at `at`. */
  today?: { day: number; usd: number; at: number };
  /** Per session: the plan figures last pushed and when, and when its project record was last pushed. */
  pushes: Record<string, { fingerprint: string; at: number; recordAt?: number }>;
  /** Claude Code's identity (label and value; empty: none found), read from its config at most once an hour. */
  identity?: { label: string; value: string; at: number };
  /** The last outcome of each kind of work, for `ccmon doctor`. */
  health: Partial<Record<'push' | 'today' | 'chain' | 'install' | 'hook', { at: number; ok: boolean; detail?: string }>>;
}

export const emptyState = (): StatuslineState => ({ version: 1, pushes: {}, health: {} });

export const statuslineStateFile = (cacheDir: string): string => path.join(cacheDir, 'statusline.json');

export function loadState(file: string): StatuslineState {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<StatuslineState>;
    if (json?.version !== 1 || typeof json.pushes !== 'object' || json.pushes === null) return emptyState();
    return {
      version: 1,
      pushes: json.pushes,
      health: typeof json.health === 'object' && json.health ? json.health : {},
      ...(json.today && Number.isFinite(json.today.usd) ? { today: json.today } : {}),
      ...(json.identity && typeof json.identity.value === 'string' ? { identity: json.identity } : {}),
    };
  } catch {
    return emptyState();
  }
}

/** Drops sessions that have neither pushed nor been recorded for a day, then replaces the file; a failure is only reported. */
export function saveState(file: string, state: StatuslineState, nowMs: number): string | null {
  const pushes = Object.fromEntries(Object.entries(state.pushes).filter(([, p]) => nowMs - Math.max(p.at, p.recordAt ?? 0) < 24 * 3600_000));
  try {
    replaceFileSync(file, JSON.stringify({ ...state, pushes }));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
