/**
 * An OTLP `ExportMetricsServiceRequest` (opentelemetry-proto v1, collector/metrics) holding gauges: the
 * figures ccmon itself records (plan limits from the status line, the session → project join from the
 * hooks), pushed to the same OTLP metrics endpoint Claude Code pushes to. Field numbers as in
 * metrics.proto, common.proto and resource.proto.
 */
import { bool, double, fixed64, message, string, type Field } from './protobuf.js';

export type Attributes = Readonly<Record<string, string | boolean>>;

export interface GaugePoint {
  attributes: Attributes;
  /** Epoch milliseconds of the observation. */
  timeMs: number;
  value: number;
}

export interface GaugeMetric {
  name: string;
  description?: string;
  unit?: string;
  points: readonly GaugePoint[];
}

export interface MetricsBatch {
  resource: Attributes;
  scope: { name: string; version?: string };
  gauges: readonly GaugeMetric[];
}

function keyValues(field: number, attributes: Attributes): Field[] {
  return Object.entries(attributes).map(([key, value]) =>
    message(field, [string(1, key), message(2, [typeof value === 'boolean' ? bool(2, value) : string(1, value)])]),
  );
}

const nanos = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

function gauge(m: GaugeMetric): Field {
  const points = m.points.map((p) => message(1, [...keyValues(7, p.attributes), fixed64(3, nanos(p.timeMs)), double(4, p.value)]));
  return message(2, [string(1, m.name), ...(m.description ? [string(2, m.description)] : []), ...(m.unit ? [string(3, m.unit)] : []), message(5, points)]);
}

/** The request's bytes (Content-Type: application/x-protobuf). */
export function encodeMetricsRequest(batch: MetricsBatch): Uint8Array {
  const scope = message(1, [string(1, batch.scope.name), ...(batch.scope.version ? [string(2, batch.scope.version)] : [])]);
  const scopeMetrics = message(2, [scope, ...batch.gauges.map(gauge)]);
  const resourceMetrics = message(1, [message(1, keyValues(1, batch.resource)), scopeMetrics]);
  return resourceMetrics;
}
