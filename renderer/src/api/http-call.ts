/** One API call over HTTP (web mode): `POST /api/<method>` with the JSON argument, the envelope opened. */
import type { ApiMethod } from '../../../electron/core/api/methods.js';
import type { ErrorCode } from '../../../electron/core/api/error-codes.js';
import { ApiError, openEnvelope, type Envelope } from './envelope.js';
import { takePrefetched } from './prefetch.js';

export type HttpCall = (method: ApiMethod, args: unknown) => Promise<unknown>;

const fail = (code: ErrorCode, message: string, hint?: string): ApiError => new ApiError({ message, code, ...(hint ? { hint } : {}) });

export function httpCall(base = ''): HttpCall {
  return async (method, args) => {
    // The boot script's early answer, used once; a failed early fetch falls through to a fresh one.
    const early = takePrefetched(method, args);
    if (early) {
      const body = (await early.catch(() => null)) as Envelope<unknown> | null;
      if (body && typeof body === 'object' && 'error' in body) return openEnvelope(body);
    }
    let res: Response;
    try {
      res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      throw fail('host-unreachable', 'The Claude Code Monitor server is not answering.', 'Is `ccmon web` still running?');
    }
    let body: Envelope<unknown>;
    try {
      body = (await res.json()) as Envelope<unknown>;
    } catch {
      throw fail('host-error', `The server answered ${res.status} ${res.statusText}.`);
    }
    return openEnvelope(body);
  };
}
