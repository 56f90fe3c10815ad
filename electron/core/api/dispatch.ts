/**
 * The one dispatch every host uses (IPC in Electron, HTTP in web mode): (method, raw argument) →
 * method known → argument validated with the contract's schema → the API → the `{error, result}`
 * envelope. Every failure is an envelope too, with a code from error-codes.ts, so the same bad call
 * gets the same code and message whichever host carried it. The hosts add only their own checks
 * (the IPC sender, the HTTP origin and body) before calling this.
 */
import { apiArgSchemas, type MonitorApi } from './contract.js';
import { openEnvelope, toEnvelope, type ApiEnvelope, type EnvelopeError } from './envelope.js';
import { isApiMethod } from './methods.js';

export type Validated = { ok: true; value: unknown } | { ok: false; error: EnvelopeError };

/** Validates a method's argument; `undefined` counts as `{}` (methods without arguments). */
export function validateCall(method: string, arg: unknown): Validated {
  if (!isApiMethod(method)) return { ok: false, error: { message: `Unknown API method "${method}".`, code: 'unknown-method' } };
  const parsed = apiArgSchemas[method].safeParse(arg === undefined ? {} : arg);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'argument';
  return { ok: false, error: { message: `${method}: ${where}: ${issue?.message ?? 'invalid'}`, code: 'invalid-arguments' } };
}

export async function dispatch(api: MonitorApi, method: string, arg: unknown): Promise<ApiEnvelope<unknown>> {
  const valid = validateCall(method, arg);
  if (!valid.ok) return { error: valid.error, result: null };
  const call = api[method as keyof MonitorApi] as (args: unknown) => Promise<unknown>;
  return toEnvelope(() => call(valid.value));
}

/**
 * A call made in-process (the CLI): the same dispatch, the envelope opened, so a bad argument fails
 * with the same code and message as over IPC or HTTP.
 */
export async function invoke<M extends keyof MonitorApi>(api: MonitorApi, method: M, arg: Parameters<MonitorApi[M]>[0] | Record<string, unknown>): Promise<Awaited<ReturnType<MonitorApi[M]>>> {
  return openEnvelope((await dispatch(api, method, arg)) as ApiEnvelope<Awaited<ReturnType<MonitorApi[M]>>>);
}
