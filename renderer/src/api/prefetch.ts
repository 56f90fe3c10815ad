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

/**
 * The early answers that arrive within `windowMs` (they are left in place: takePrefetched() consumes
 * one). Most are there already, or within a few ms of the bundle starting; a slow one is not waited for.
 */
export async function arrivedPrefetches(windowMs: number): Promise<{ method: string; args: Record<string, unknown>; body: unknown }[]> {
  const all = page.__ccmonPrefetch;
  if (!all) return [];
  const arrived = new Map<string, unknown>();
  const settled = Promise.allSettled(Object.entries(all).flatMap(([key, answer]) => (answer ? [answer.then((body) => arrived.set(key, body))] : [])));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, windowMs))]);
  return [...arrived].map(([key, body]) => {
    const space = key.indexOf(' ');
    return { method: key.slice(0, space), args: JSON.parse(key.slice(space + 1)) as Record<string, unknown>, body };
  });
}
