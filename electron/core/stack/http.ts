import { deadline } from '../net/timeout.js';

/**
 * fetch with a timeout that holds the event loop (see net/deadline.ts): a probe hanging on a half-open
 * connection (docker-proxy accepting for a container that isn't listening yet) must time out, not let
 * a CLI process exit mid-await.
 */
export async function fetchWithTimeout(url: string | URL, timeoutMs: number, fetchImpl: typeof fetch = fetch, init: RequestInit = {}): Promise<Response> {
  const timer = deadline(timeoutMs);
  try {
    return await fetchImpl(url, { ...init, signal: timer.signal });
  } finally {
    timer.clear();
  }
}
