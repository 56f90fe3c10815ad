/** Token arithmetic shared by the core, the CLI and the renderer (type-only imports: no zod, no Node). */
import type { TokenCounts } from '../api/types.js';

/** Every token of a count: input, output, and both kinds of cache traffic. */
export function totalTokens(tokens: TokenCounts): number {
  return tokens.input + tokens.output + tokens.cacheRead + tokens.cacheCreation;
}
