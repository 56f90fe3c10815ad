/**
 * The `{error, result}` envelope that carries every API answer across a host boundary (IPC, HTTP), and
 * the real `Error` rebuilt from it on the other side. No dependencies beyond the error-code list: the
 * sandboxed preload and the renderer bundle import it without pulling in the contract's zod schemas.
 */
import { isErrorCode, type ErrorCode } from './error-codes.js';

export interface EnvelopeError {
  message: string;
  code: ErrorCode;
  hint?: string;
}

export type ApiEnvelope<T> = { error: null; result: T } | { error: EnvelopeError; result: null };

/** Rebuilds an Error from an envelope's error part (the host side flattened it). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(error: { message: string; code?: ErrorCode | undefined; hint?: string | undefined }) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code ?? 'internal';
    this.hint = error.hint;
  }
}

/** An envelope's error part from anything thrown: its code when it carries one of ours, else `internal`. */
export function envelopeError(err: unknown): EnvelopeError {
  const e = err as { message?: unknown; code?: unknown; hint?: unknown } | null | undefined;
  return {
    message: typeof e?.message === 'string' ? e.message : String(err),
    code: isErrorCode(e?.code) ? e.code : 'internal',
    ...(typeof e?.hint === 'string' ? { hint: e.hint } : {}),
  };
}

/** Turns an outcome into the envelope that crosses a host boundary. */
export async function toEnvelope<T>(run: () => Promise<T>): Promise<ApiEnvelope<T>> {
  try {
    return { error: null, result: await run() };
  } catch (err) {
    return { error: envelopeError(err), result: null };
  }
}

/** Opens an envelope: the result, or the rebuilt error thrown (also for an answer that is no envelope). */
export function openEnvelope<T>(envelope: ApiEnvelope<T> | undefined | null): T {
  if (!envelope || typeof envelope !== 'object' || !('error' in envelope)) throw new ApiError({ message: 'The app answered with something that is not an API answer.', code: 'bad-envelope' });
  if (envelope.error) throw new ApiError({ message: String(envelope.error.message), code: isErrorCode(envelope.error.code) ? envelope.error.code : 'internal', hint: typeof envelope.error.hint === 'string' ? envelope.error.hint : undefined });
  return envelope.result;
}
