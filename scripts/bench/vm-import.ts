/**
 * Streams series into a real VictoriaMetrics through `/api/v1/import` (JSON lines, one series a line) in
 * batches of about `batchBytes`: the next batch is built while VictoriaMetrics ingests the last one, so
 * memory stays bounded at two batches and both cores work.
 */
import type { BackfillSeries } from '../simulator/backfill.js';

export interface ImportCounts {
  series: number;
  samples: number;
  bytes: number;
}

/** One series as VictoriaMetrics' JSON line format spells it (timestamps in ms). Pure. */
export function importLine(s: BackfillSeries): string {
  return JSON.stringify({ metric: { __name__: s.name, ...s.labels }, values: s.samples.map(([, v]) => v), timestamps: s.samples.map(([t]) => t * 1000) });
}

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/import`, { method: 'POST', body });
  if (!res.ok) throw new Error(`VictoriaMetrics import answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

export async function importSeries(url: string, series: Iterable<BackfillSeries>, batchBytes = 8 << 20): Promise<ImportCounts> {
  const counts: ImportCounts = { series: 0, samples: 0, bytes: 0 };
  let batch: string[] = [];
  let size = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const send = async (): Promise<void> => {
    const body = `${batch.join('\n')}\n`;
    batch = [];
    size = 0;
    await inFlight;
    inFlight = post(url, body);
    inFlight.catch(() => undefined); // a failure surfaces at the next await, not as an unhandled rejection meanwhile
  };
  for (const s of series) {
    if (s.samples.length === 0) continue;
    const line = importLine(s);
    batch.push(line);
    size += line.length + 1;
    counts.series++;
    counts.samples += s.samples.length;
    counts.bytes += line.length + 1;
    if (size >= batchBytes) await send();
  }
  if (batch.length > 0) await send();
  await inFlight;
  return counts;
}
