/**
 * One IPC call, decided without Electron (pure apart from awaiting the API):
 * sender check → method known → arguments validated with the contract's zod schema → the API →
 * the `{error, result}` envelope. Every failure is an envelope too, so the renderer gets a real Error.
 */
import { apiArgSchemas, toEnvelope, type ApiEnvelope, type ApiMethod, type MonitorApi } from '../core/api/contract.js';

export interface CallContext {
  /** `event.senderFrame?.url` of the invoking frame. */
  frameUrl: string | null | undefined;
  isTrusted(frameUrl: string | null | undefined): boolean;
}

export function isApiMethod(method: string): method is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiArgSchemas, method);
}

/** Validates a method's argument; `undefined` counts as `{}` (methods without arguments). */
export function validateArgs(method: ApiMethod, arg: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = apiArgSchemas[method].safeParse(arg === undefined ? {} : arg);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'argument';
  return { ok: false, message: `${method}: ${where}: ${issue?.message ?? 'invalid'}` };
}

export async function dispatchApiCall(api: MonitorApi, method: string, arg: unknown, ctx: CallContext): Promise<ApiEnvelope<unknown>> {
  if (!ctx.isTrusted(ctx.frameUrl)) {
    return { error: { message: `Refused ${method}: the request did not come from the app's window.`, code: 'forbidden-sender' }, result: null };
  }
  if (!isApiMethod(method)) return { error: { message: `Unknown method ${method}.`, code: 'unknown-method' }, result: null };
  const valid = validateArgs(method, arg);
  if (!valid.ok) return { error: { message: valid.message, code: 'invalid-arguments' }, result: null };
  const fn = api[method] as (args: unknown) => Promise<unknown>;
  return toEnvelope(() => fn(valid.value));
}
