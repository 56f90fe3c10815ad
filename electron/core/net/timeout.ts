/**
 * The project's one timeout helper. Every bound on waiting goes through here, so each one holds the
 * event loop the same way: `AbortSignal.timeout()` uses an unref'd timer, and a request hanging on a
 * half-open connection could then let a CLI process exit mid-await (exit code 13) instead of timing out.
 * Timeouts reject (or abort) with a `TimeoutError`, like AbortSignal.timeout.
 */

/** The error every timeout here produces (`name === 'TimeoutError'`). */
export function timeoutError(ms: number, what = 'no answer'): DOMException {
  return new DOMException(`${what} within ${ms} ms`, 'TimeoutError');
}

/** An abort signal that fires after `ms`, on a timer that holds the event loop. */
export function deadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(ms)), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * Runs `work` with a deadline: it gets the deadline's signal (to abort what it started), and the
 * result rejects with a TimeoutError after `ms` even if `work` ignores the signal.
 */
export async function withTimeout<T>(work: Promise<T> | ((signal: AbortSignal) => Promise<T>), ms: number, what?: string): Promise<T> {
  const timer = deadline(ms);
  const running = typeof work === 'function' ? work(timer.signal) : work;
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        if (timer.signal.aborted) reject(timeoutError(ms, what));
        timer.signal.addEventListener('abort', () => reject(timeoutError(ms, what)), { once: true });
      }),
    ]);
  } finally {
    timer.clear();
  }
}

/**
 * Waits `ms`. `unref: true` lets the process exit meanwhile (background loops); the default holds it.
 * `signal` ends the wait early (it resolves, and its timer is gone): a loop that is told to stop.
 */
export function sleep(ms: number, options: { unref?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (options.unref) timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
