/** The envelope's Error, opened on the renderer side (zod-free module shared with the preload). */
export { ApiError, openEnvelope, type ApiEnvelope as Envelope } from '../../../electron/core/api/envelope.js';

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
