/**
 * An abort signal that fires after `ms`, on a timer that holds the event loop. `AbortSignal.timeout()`
 * uses an unref'd timer: a request hanging on a half-open connection could then let a CLI process exit
 * mid-await (exit code 13) instead of timing out. Aborts with a `TimeoutError`, like AbortSignal.timeout.
 */
export function deadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

export function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
