/** Per-million-token prices used to make simulated costs plausible. Pure; not a price list. */
import type { TokenType } from './scenario.js';

type Prices = Record<TokenType, number>;

const PRICES: Record<string, Prices> = {
  opus: { input: 5, output: 25, cacheRead: 0.5, cacheCreation: 6.25 },
  sonnet: { input: 3, output: 15, cacheRead: 0.3, cacheCreation: 3.75 },
  haiku: { input: 1, output: 5, cacheRead: 0.1, cacheCreation: 1.25 },
};

export function pricesFor(model: string): Prices {
  const family = Object.keys(PRICES).find((f) => model.includes(f)) ?? 'sonnet';
  return PRICES[family]!;
}

/** Cost in USD of a token mix for a model. */
export function costOf(model: string, tokens: Partial<Record<TokenType, number>>): number {
  const p = pricesFor(model);
  let usd = 0;
  for (const k of Object.keys(p) as TokenType[]) usd += ((tokens[k] ?? 0) * p[k]) / 1e6;
  return usd;
}
