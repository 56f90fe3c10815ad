/**
 * Web mode: the boot script's answers that arrived while the bundle loaded go straight into the
 * cache, so the first render already shows them (instead of a render of skeletons, then the
 * queries mounting, taking the answers, and rendering again). Answers still on their way, and
 * failures, are left to the bridge, which takes them on the queries' first calls.
 */
import type { QueryClient } from '@tanstack/react-query';
import { isApiMethod } from '../../../electron/core/api/methods.js';
import type { Envelope } from '../api/envelope.js';
import { arrivedPrefetches, takePrefetched } from '../api/prefetch.js';
import { queryKeyOf } from './keys.js';

// Measured in Chromium against `ccmon web`: the answers land 1-12 ms after the bundle starts, and a
// second render pass costs 50-120 ms on a busy 2-core machine; so a short wait pays for itself.
const windowMs = 25;

export async function seedFromPrefetch(client: QueryClient): Promise<void> {
  for (const { method, args, body } of await arrivedPrefetches(windowMs)) {
    const envelope = body as Envelope<unknown> | null;
    if (!isApiMethod(method) || !envelope || typeof envelope !== 'object' || envelope.error !== null) continue;
    void takePrefetched(method, args);
    client.setQueryData(queryKeyOf(method, args), envelope.result);
  }
}
