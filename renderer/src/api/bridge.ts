/**
 * The renderer's one door to the backend: `window.ccmon` from the Electron preload, or, in web
 * mode, an HTTP + SSE client for `ccmon web`. Both satisfy the same RendererBridge type.
 */
import type { ApiEventName, ApiEvents, ApiMethod, MonitorApi, RendererBridge } from '../../../electron/core/api/contract.js';
import { ApiError, openEnvelope, type Envelope } from './envelope.js';
import { takePrefetched } from './prefetch.js';

declare global {
  interface Window {
    ccmon?: RendererBridge;
  }
}

/** `POST /api/<method>` with the JSON argument; the envelope opened (errors rebuilt). */
export function httpCall(base = ''): (method: ApiMethod, args: unknown) => Promise<unknown> {
  return async (method, args) => {
    // The boot script's early answer, used once.
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
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ message: 'The Claude Code Monitor server is not answering.', code: 'host-unreachable', hint: 'Is `ccmon web` still running?' });
    }
    let body: Envelope<unknown>;
    try {
      body = (await res.json()) as Envelope<unknown>;
    } catch {
      throw new ApiError({ message: `The server answered ${res.status} ${res.statusText}.`, code: 'host-error' });
    }
    return openEnvelope(body);
  };
}

/** The HTTP + SSE bridge of web mode. */
export function createHttpBridge(base = ''): RendererBridge {
  const call = httpCall(base);
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  /** One EventSource for every event; a listener per event name, added on first subscription. */
  const subscribe = (name: ApiEventName): void => {
    if (typeof EventSource === 'undefined') return;
    source ??= new EventSource(`${base}/api/events`);
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as never;
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  };
  const api = new Proxy({} as MonitorApi, {
    get: (_t, method: string | symbol) => (typeof method === 'symbol' || method === 'then' ? undefined : (args: unknown) => call(method as ApiMethod, args)),
  });
  return Object.assign(Object.create(api) as MonitorApi, {
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        listeners.set(event, (set = new Set()));
        subscribe(event);
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  }) as RendererBridge;
}

export function getBridge(): RendererBridge {
  return window.ccmon ?? createHttpBridge();
}
