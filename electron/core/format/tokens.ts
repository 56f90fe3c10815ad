import type { TokenCounts } from '../api/types.js';

/** All tokens of every type: input, output, cache read and cache creation. */
export const totalTokens = (t: TokenCounts): number => t.input + t.output + t.cacheRead + t.cacheCreation;
