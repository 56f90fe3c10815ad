/**
 * fetch with a timeout that holds the event loop: `AbortSignal.timeout()` uses an unref'd timer,
 * and a probe hanging on a half-open connection (docker-proxy accepting for a container that isn't
 * listening yet) would then let a CLI process exit mid-await (exit code 13) instead of timing out.
 */
export async function fetchWithTimeout(url: string | URL, timeoutMs: number, fetchImpl: typeof fetch = fetch, init: RequestInit = {}): Promise<Response> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    return await fetchImpl(url, { ...init, signal: ctl.signal });
  } finally {
    clearTimeout(timer);
  }
}
