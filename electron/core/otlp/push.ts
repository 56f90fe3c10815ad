/**
 * Pushes a batch of ccmon's own gauges over OTLP http/protobuf to the metrics endpoint (the same one
 * Claude Code pushes to: Prometheus's OTLP receiver, VictoriaMetrics' /opentelemetry/v1/metrics, a
 * team's authenticated gateway). Never throws: the outcome says what happened, for `ccmon doctor`.
 */
import { isTimeout, withTimeout } from '../net/timeout.js';
import { postBytes } from '../net/http.js';
import { networkReason } from '../prometheus/errors.js';
import { printable } from '../format/printable.js';
import { readCaFile } from '../net/ca-file.js';
import { AppError } from '../api/error-codes.js';
import { encodeMetricsRequest, type MetricsBatch } from './metrics-request.js';

export interface PushTarget {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** A backend's own CA (PEM file), trusted beside the public roots. */
  caFile?: string | undefined;
}

export type PushOutcome = { ok: true; status: number } | { ok: false; error: string };

export async function pushMetrics(target: PushTarget, batch: MetricsBatch, timeoutMs: number): Promise<PushOutcome> {
  const body = encodeMetricsRequest(batch);
  try {
    const ca = target.caFile ? readCaFile(target.caFile) : undefined;
    const res = await withTimeout((signal) => postBytes(target.url, body, 'application/x-protobuf', { headers: { ...target.headers }, signal, maxBytes: 64 * 1024, ca }), timeoutMs);
    if (res.ok) return { ok: true, status: res.status };
    const auth = res.status === 401 || res.status === 403 ? ' (check the bearer token or credentials)' : '';
    return { ok: false, error: `${target.url} answered HTTP ${res.status}${auth}: ${printable(res.text.trim(), 160)}` };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.message };
    return { ok: false, error: isTimeout(err) ? `${target.url} did not answer within ${timeoutMs} ms` : `${target.url} is not reachable (${printable(networkReason(err), 120)})` };
  }
}
