/** The answers public/boot.js started before the bundle loaded (web mode), each usable once. */
declare global {
  interface Window {
    __ccmonPrefetch?: Record<string, Promise<unknown> | undefined>;
  }
}

export const prefetchKey = (method: string, args: unknown): string => `${method} ${JSON.stringify(args ?? {})}`;

export function takePrefetched(method: string, args: unknown): Promise<unknown> | undefined {
  if (typeof window === 'undefined' || !window.__ccmonPrefetch) return undefined;
  const key = prefetchKey(method, args);
  const early = window.__ccmonPrefetch[key];
  delete window.__ccmonPrefetch[key];
  return early;
}
