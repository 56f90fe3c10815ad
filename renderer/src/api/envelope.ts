/**
 * The {error, result} envelope, opened on the renderer side. Mirrors electron/core/api/contract.ts
 * (ApiError, fromEnvelope) without importing it at runtime: that module carries zod, which the
 * renderer does not need.
 */
export type Envelope<T> = { error: null; result: T } | { error: { message: string; code?: string; hint?: string }; result: null };

export class ApiError extends Error {
  readonly code: string | undefined;
  readonly hint: string | undefined;
  constructor(error: { message: string; code?: string; hint?: string }) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.hint = error.hint;
  }
}

export function openEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.error) throw new ApiError(envelope.error);
  return envelope.result as T;
}

/** A message and hint from anything thrown. */
export function describeError(err: unknown): { message: string; hint?: string; code?: string } {
  if (err instanceof Error) {
    const e = err as Error & { hint?: unknown; code?: unknown };
    return {
      message: e.message,
      ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
    };
  }
  return { message: String(err) };
}
