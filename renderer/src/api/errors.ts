/** What the panels show of a failure: its message, its hint, and its code (to quote when reporting it). */
import type { ErrorCode } from '../../../electron/core/api/error-codes.js';

export interface ErrorInfo {
  message: string;
  hint?: string;
  /** One of error-codes.ts's codes, or whatever code an older host sent. */
  code?: string;
}

/** A message, hint and code from anything thrown (an ApiError from either bridge, or any Error). */
export function describeError(err: unknown): ErrorInfo {
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

export const hasCode = (error: ErrorInfo | null | undefined, codes: readonly ErrorCode[]): boolean => !!error?.code && (codes as readonly string[]).includes(error.code);

/** The page lost its own host (`ccmon web`, or the app's main process), not Prometheus. */
export const hostDownCodes: readonly ErrorCode[] = ['host-unreachable', 'host-error', 'bad-envelope'];
