import type { ProbeResult } from '../api/types.js';
import { boundedFetchText } from '../net/bounded-fetch.js';
import { MalformedExpositionError, parseExporterText } from './parse-exporter.js';

export interface ProbeOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Asks Claude Code's Prometheus exporter (scrape mode, :9464) what it exposes. Never throws. */
export async function probeExporter(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  const base = { url, sessions: [], version: null, checkedAt };
  const res = await boundedFetchText(url, {
    timeoutMs: options.timeoutMs ?? 1000,
    maxBytes: options.maxBytes ?? 4 * 1024 * 1024,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (!res.ok && res.tooLarge) return { reachable: true, ...base, error: `${url} answered, but ${res.reason}: too large for a Claude Code exporter. Is another program using this port?` };
  if (!res.ok) return { reachable: false, ...base, error: explainUnreachable(url, res.reason) };
  try {
    const { sessions, version } = parseExporterText(res.text);
    return { reachable: true, ...base, sessions, version, error: null };
  } catch (err) {
    if (!(err instanceof MalformedExpositionError)) throw err;
    return { reachable: true, ...base, error: `${url} answered, but ${err.message}. Is another program using this port?` };
  }
}

function explainUnreachable(url: string, reason: string): string {
  if (reason === 'ECONNREFUSED') {
    return `Nothing is listening at ${url} (ECONNREFUSED). No Claude Code session is running with OTEL_METRICS_EXPORTER=prometheus; this is expected in push mode.`;
  }
  return `Claude Code's exporter at ${url} is not reachable (${reason}).`;
}
