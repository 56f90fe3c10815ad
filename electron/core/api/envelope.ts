/**
 * The `{error, result}` envelope that carries every API answer across a host boundary (IPC, HTTP), and
 * the real `Error` rebuilt from it on the other side. No dependencies: the sandboxed preload and the
 * renderer bundle import it without pulling in the contract's zod schemas.
 */
export type ApiEnvelope<T> = { error: null; result: T } | { error: { message: string; code?: string; hint?: string }; result: null };

/** Rebuilds an Error from an envelope's error part (the host side flattened it). */
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

/** Turns an outcome into the envelope that crosses a host boundary. */
export async function toEnvelope<T>(run: () => Promise<T>): Promise<ApiEnvelope<T>> {
  try {
    return { error: null, result: await run() };
  } catch (err) {
    const e = err as { message?: unknown; code?: unknown; hint?: unknown };
    return {
      error: {
        message: typeof e?.message === 'string' ? e.message : String(err),
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        ...(typeof e?.hint === 'string' ? { hint: e.hint } : {}),
      },
      result: null,
    };
  }
}

/** Opens an envelope: the result, or the rebuilt error thrown (also for an answer that is no envelope). */
export function openEnvelope<T>(envelope: ApiEnvelope<T> | undefined | null): T {
  if (!envelope || typeof envelope !== 'object') throw new ApiError({ message: 'The app answered with nothing.', code: 'bad-envelope' });
  if (envelope.error) throw new ApiError(envelope.error);
  return envelope.result as T;
}
