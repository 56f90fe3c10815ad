/**
 * Web mode's bridge to `ccmon web`: one named function per method of the API's method list (as the
 * preload's bridge has in Electron), plus `on()` for the pushed events. Frozen, like the preload's.
 */
import type { MonitorApi, RendererBridge } from '../../../electron/core/api/contract.js';
import { apiMethods, type ApiMethod } from '../../../electron/core/api/methods.js';
import { httpCall } from './http-call.js';
import { sseSubscriber } from './sse-events.js';

// The cast below trusts the list to hold every method of the contract; this fails to compile if it does not.
const _everyContractMethodListed: [Exclude<keyof MonitorApi, ApiMethod>] extends [never] ? true : never = true;

export function createHttpBridge(base = ''): RendererBridge {
  const call = httpCall(base);
  const methods = Object.fromEntries(apiMethods.map((method) => [method, (args?: unknown) => call(method, args)]));
  return Object.freeze({ ...methods, on: sseSubscriber(base) }) as unknown as RendererBridge;
}
