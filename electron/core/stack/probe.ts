/** Readiness, probed from the host at the service's URL and the definition's path (Loki's and Grafana's images have no curl). */
import type { ServiceName } from '../api/types.js';
import { withTimeout } from '../net/timeout.js';
import { readinessPaths } from './definition.js';
import { serviceUrl, type StackUrls } from './model.js';

export async function probeReady(urls: StackUrls, name: ServiceName, timeoutMs: number): Promise<boolean> {
  const url = new URL(readinessPaths[name], new URL(serviceUrl(urls, name)).origin);
  return withTimeout(async (signal) => {
    const res = await fetch(url, { signal });
    // Only the status matters: never read what answers there (it could be anything, of any size).
    await res.body?.cancel().catch(() => undefined);
    return res.ok;
  }, timeoutMs).catch(() => false);
}
