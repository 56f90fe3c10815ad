/**
 * The renderer bridge, built from a manifest and two transport functions so it can be tested without
 * Electron: one named function per API method (never raw ipcRenderer) plus `on()`. Envelopes are
 * opened here, so the page gets real `Error`s (ApiError with code and hint).
 *
 * Only types are imported from the contract: the manifest (method → channel, event → channel) comes
 * from the main process, which computes it from the contract (see electron/main/bridge-manifest.ts).
 */
import type { RendererBridge } from '../core/api/contract.js';
import { ApiError, openEnvelope, type ApiEnvelope } from '../core/api/envelope.js';

export { ApiError, openEnvelope };

export const BRIDGE_ARG_PREFIX = '--ccmon-bridge=';

export interface BridgeManifest {
  methods: Record<string, string>;
  events: Record<string, string>;
}

export interface Transport {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  /** Subscribes to a channel; returns the unsubscribe. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Reads the manifest from the preload's argv (set by the main process); null when absent or unreadable. */
export function manifestFromArgv(argv: readonly string[]): BridgeManifest | null {
  const arg = argv.find((a) => a.startsWith(BRIDGE_ARG_PREFIX));
  if (!arg) return null;
  try {
    const json = JSON.parse(decodeBase64Url(arg.slice(BRIDGE_ARG_PREFIX.length))) as BridgeManifest;
    if (typeof json?.methods !== 'object' || typeof json?.events !== 'object') return null;
    return json;
  } catch {
    return null;
  }
}

function decodeBase64Url(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function createBridge(manifest: BridgeManifest, transport: Transport): RendererBridge {
  const bridge: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(manifest.methods)) {
    if (method === 'on') continue;
    bridge[method] = async (args?: unknown) => openEnvelope((await transport.invoke(channel, args ?? {})) as ApiEnvelope<unknown>);
  }
  bridge.on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    const channel = Object.prototype.hasOwnProperty.call(manifest.events, event) ? manifest.events[event] : undefined;
    if (!channel) throw new Error(`Unknown event ${String(event)}.`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.subscribe(channel, listener);
  };
  return Object.freeze(bridge) as unknown as RendererBridge;
}
