/**
 * One IPC call, decided without Electron: the sender check (IPC's own), then the core's one dispatch
 * (method known, arguments validated, the `{error, result}` envelope).
 */
import type { ApiEnvelope, MonitorApi } from '../core/api/contract.js';
import { dispatch } from '../core/api/dispatch.js';

export interface CallContext {
  /** `event.senderFrame?.url` of the invoking frame. */
  frameUrl: string | null | undefined;
  isTrusted(frameUrl: string | null | undefined): boolean;
}

export async function dispatchApiCall(api: MonitorApi, method: string, arg: unknown, ctx: CallContext): Promise<ApiEnvelope<unknown>> {
  if (!ctx.isTrusted(ctx.frameUrl)) {
    return { error: { message: `Refused ${method}: the request did not come from the app's window.`, code: 'forbidden-sender' }, result: null };
  }
  return dispatch(api, method, arg);
}
