/** Small builders for named scenarios. Pure and deterministic. */
import { costOf } from '../pricing.js';
import type { TokenType } from '../scenario.js';

export const MODELS = {
  opus: 'claude-opus-4-8',
  sonnet: 'claude-sonnet-4-6',
  haiku: 'claude-haiku-4-5',
} as const;

export interface ApiCallInput {
  at: number;
  model: string;
  querySource?: 'main' | 'auxiliary' | 'subagent';
  tokens: Partial<Record<TokenType, number>>;
}

/** One API call's usage step: tokens and the matching cost. */
export function apiCall({ at, model, querySource, tokens }: ApiCallInput) {
  return { at, model, ...(querySource ? { querySource } : {}), tokens: { ...tokens }, costUsd: costOf(model, tokens) };
}

/** A small deterministic PRNG (mulberry32) for varied but reproducible scenarios. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi] from a PRNG. */
export function intIn(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}
