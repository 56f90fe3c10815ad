/** The answers public/boot.js started before the bundle loaded (web mode), each usable once. */
type Prefetched = Record<string, Promise<unknown> | undefined>;

// globalThis, not window: this module also runs in Node (the bridge's unit test), where there is none.
const page = globalThis as { __ccmonPrefetch?: Prefetched };

export const prefetchKey = (method: string, args: unknown): string => `${method} ${JSON.stringify(args ?? {})}`;

export function takePrefetched(method: string, args: unknown): Promise<unknown> | undefined {
  const all = page.__ccmonPrefetch;
  if (!all) return undefined;
  const key = prefetchKey(method, args);
  const early = all[key];
  delete all[key];
  return early;
}
