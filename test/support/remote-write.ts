/**
 * Writes samples into a real Prometheus over its remote-write receiver (`--web.enable-remote-write-receiver`,
 * protocol 1.0: a protobuf WriteRequest, snappy-framed). The samples land in Prometheus's in-memory head,
 * where a running Prometheus keeps its newest hours — unlike backfilled blocks.
 *
 *   await remoteWrite(prom.url, series);   // series: { labels: {__name__, ...}, samples: [[ms, value], ...] }
 *
 * The head takes samples in time order per series and no older than an hour behind its newest, so the
 * samples go out in ten-minute slices across all series, oldest first.
 */
import protobuf from 'protobufjs';

export interface WriteSeries {
  labels: Record<string, string>;
  /** [epoch milliseconds, value], in time order. */
  samples: Array<[number, number]>;
}

const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: { fields: { labels: { rule: 'repeated', type: 'Label', id: 1 }, samples: { rule: 'repeated', type: 'Sample', id: 2 } } },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** Snappy's block format with literals only: valid input for any snappy decoder, no compression needed here. */
function snappyLiterals(data: Uint8Array): Buffer {
  const header: number[] = [];
  for (let n = data.length; ; n >>>= 7) {
    if (n < 0x80) {
      header.push(n);
      break;
    }
    header.push((n & 0x7f) | 0x80);
  }
  const parts: Buffer[] = [Buffer.from(header)];
  for (let i = 0; i < data.length; i += 65_536) {
    const chunk = data.subarray(i, Math.min(data.length, i + 65_536));
    const len = chunk.length - 1;
    parts.push(len < 60 ? Buffer.from([len << 2]) : Buffer.from([61 << 2, len & 0xff, len >> 8]), Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

export async function remoteWrite(url: string, series: readonly WriteSeries[], sliceMs = 600_000): Promise<void> {
  const times = series.flatMap((s) => [s.samples[0]?.[0], s.samples.at(-1)?.[0]]).filter((t): t is number => t !== undefined);
  if (times.length === 0) return;
  const [first, last] = [Math.min(...times), Math.max(...times)];
  for (let from = first; from <= last; from += sliceMs) {
    const timeseries = series
      .map((s) => ({
        labels: Object.entries(s.labels)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, value]) => ({ name, value })),
        samples: s.samples.filter(([t]) => t >= from && t < from + sliceMs).map(([timestamp, value]) => ({ value, timestamp })),
      }))
      .filter((s) => s.samples.length > 0);
    if (timeseries.length === 0) continue;
    const body = snappyLiterals(WriteRequest.encode(WriteRequest.create({ timeseries })).finish());
    const res = await fetch(`${url}/api/v1/write`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy', 'X-Prometheus-Remote-Write-Version': '0.1.0' },
    });
    if (!res.ok) throw new Error(`remote write to ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
}
