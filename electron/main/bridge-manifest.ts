/**
 * What the preload exposes, computed from the contract in the main process and handed to the
 * sandboxed preload as one `additionalArguments` entry. The preload then needs no runtime import of
 * the contract (which carries zod: 700 KB the page would parse on every window) and still cannot drift
 * from it: method names and channels come from `apiMethods`/`methodChannel`, events from `apiEventNames`.
 */
import { apiEventNames, apiMethods, eventChannel, methodChannel } from '../core/api/contract.js';

export const BRIDGE_ARG_PREFIX = '--ccmon-bridge=';

export interface BridgeManifest {
  /** method name → IPC channel */
  methods: Record<string, string>;
  /** event name → IPC channel */
  events: Record<string, string>;
}

export function bridgeManifest(): BridgeManifest {
  return {
    methods: Object.fromEntries(apiMethods.map((m) => [m, methodChannel(m)])),
    events: Object.fromEntries(apiEventNames.map((e) => [e, eventChannel(e)])),
  };
}

export function bridgeArgument(manifest: BridgeManifest = bridgeManifest()): string {
  return BRIDGE_ARG_PREFIX + Buffer.from(JSON.stringify(manifest), 'utf8').toString('base64url');
}
