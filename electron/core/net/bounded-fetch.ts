import { networkReason } from '../prometheus/errors.js';
import { printable } from '../format/printable.js';
import { deadline, isTimeout } from './timeout.js';
import { formatBytes } from './http.js';

export interface BoundedFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
  /** Read the body of an error answer too (default: an error status is the answer). */
  acceptAnyStatus?: boolean;
  accept?: string;
}

export type BoundedFetchResult =
  | { ok: true; status: number; text: string }
  | { ok: false; reason: string; tooLarge?: true };

/**
 * GETs a URL with a deadline and a size cap, reading the body as a stream so a huge answer can't pile
 * up: the one way this app reads an HTTP answer it didn't ask Prometheus's API for (the exporter probe,
 * the doctor's and the stack's health checks).
 */
export async function boundedFetchText(url: string, options: BoundedFetchOptions): Promise<BoundedFetchResult> {
  const timer = deadline(options.timeoutMs);
  try {
    return await read(url, options, timer.signal);
  } finally {
    timer.clear();
  }
}

async function read(url: string, options: BoundedFetchOptions, signal: AbortSignal): Promise<BoundedFetchResult> {
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, { signal, headers: { Accept: options.accept ?? 'text/plain;version=0.0.4, */*;q=0.1' } });
  } catch (err) {
    if (isTimeout(err)) return { ok: false, reason: `no answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: printable(networkReason(err), 120) };
  }
  if (!res.ok && !options.acceptAnyStatus) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `HTTP ${res.status} ${printable(res.statusText, 40)}`.trim() };
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
  if (!reader) return { ok: true, status: res.status, text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: `the answer is larger than ${formatBytes(options.maxBytes)}`, tooLarge: true };
      }
      chunks.push(value);
    }
  } catch (err) {
    if (isTimeout(err)) return { ok: false, reason: `no complete answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: printable(networkReason(err), 120) };
  }
  return { ok: true, status: res.status, text: Buffer.concat(chunks).toString('utf8') };
}
