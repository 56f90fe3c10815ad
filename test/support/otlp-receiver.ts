/**
 * A tiny OTLP/HTTP receiver for tests: records every POST (any path) with its headers and raw body,
 * answers 200 with an empty protobuf (or `{}` for JSON) ExportServiceResponse, and decodes
 * http/protobuf bodies of metrics and logs export requests.
 *
 * Decoding uses protobufjs with the OTLP message definitions below (a faithful subset of
 * opentelemetry-proto v1: common, resource, metrics, logs, and the collector export requests).
 * `@opentelemetry/otlp-transformer` 0.2xx no longer ships generated protobufjs roots (it now has a
 * hand-written writer and only a response reader), so the schema lives here; fields not listed are
 * skipped by the decoder. Exemplars, exponential histograms and summaries are not decoded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

const OTLP_PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
message Resource {
  repeated KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}

enum AggregationTemporality {
  AGGREGATION_TEMPORALITY_UNSPECIFIED = 0;
  AGGREGATION_TEMPORALITY_DELTA = 1;
  AGGREGATION_TEMPORALITY_CUMULATIVE = 2;
}
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value {
    double as_double = 4;
    sfixed64 as_int = 6;
  }
  uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  uint32 flags = 10;
  optional double min = 11;
  optional double max = 12;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum {
  repeated NumberDataPoint data_points = 1;
  AggregationTemporality aggregation_temporality = 2;
  bool is_monotonic = 3;
}
message Histogram {
  repeated HistogramDataPoint data_points = 1;
  AggregationTemporality aggregation_temporality = 2;
}
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
  }
  repeated KeyValue metadata = 12;
}
message ScopeMetrics {
  InstrumentationScope scope = 1;
  repeated Metric metrics = 2;
  string schema_url = 3;
}
message ResourceMetrics {
  Resource resource = 1;
  repeated ScopeMetrics scope_metrics = 2;
  string schema_url = 3;
}
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }

message LogRecord {
  fixed64 time_unix_nano = 1;
  fixed64 observed_time_unix_nano = 11;
  int32 severity_number = 2;
  string severity_text = 3;
  AnyValue body = 5;
  repeated KeyValue attributes = 6;
  uint32 dropped_attributes_count = 7;
  fixed32 flags = 8;
  bytes trace_id = 9;
  bytes span_id = 10;
  string event_name = 12;
}
message ScopeLogs {
  InstrumentationScope scope = 1;
  repeated LogRecord log_records = 2;
  string schema_url = 3;
}
message ResourceLogs {
  Resource resource = 1;
  repeated ScopeLogs scope_logs = 2;
  string schema_url = 3;
}
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
`;

const root = protobuf.parse(OTLP_PROTO, { keepCase: true }).root;
const MetricsRequest = root.lookupType('opentelemetry.proto.ExportMetricsServiceRequest');
const LogsRequest = root.lookupType('opentelemetry.proto.ExportLogsServiceRequest');
const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, bytes: String, defaults: true, arrays: true, oneofs: true };

/** OTLP AggregationTemporality values. */
export const TEMPORALITY = { UNSPECIFIED: 0, DELTA: 1, CUMULATIVE: 2 } as const;

export type AttrValue = string | number | boolean | null | AttrValue[] | { [k: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export interface DecodedPoint {
  attributes: Attributes;
  startTimeUnixNano: number;
  timeUnixNano: number;
  /** Sum/gauge value, or the histogram's sum. */
  value: number;
  count?: number;
}

export interface DecodedMetric {
  name: string;
  unit: string;
  description: string;
  kind: 'sum' | 'gauge' | 'histogram' | 'unknown';
  /** For sums and histograms (2 = cumulative, 1 = delta). */
  temporality?: number;
  monotonic?: boolean;
  resource: Attributes;
  scope: string;
  points: DecodedPoint[];
}

export interface DecodedLogRecord {
  timeUnixNano: number;
  observedTimeUnixNano: number;
  severityNumber: number;
  severityText: string;
  body: AttrValue;
  /** The record's `event_name` field if set, else its `event.name` attribute. */
  eventName: string | undefined;
  attributes: Attributes;
  resource: Attributes;
  scope: string;
}

// What toObject(TO_OBJECT) yields for the fields read here: defaults fill scalars and arrays, an
// absent message is null, and a oneof's name field (`value`, `data`) names the member that is set.
interface RawKeyValue {
  key: string;
  value: RawAnyValue | null;
}
interface RawAnyValue {
  value?: 'string_value' | 'bool_value' | 'int_value' | 'double_value' | 'array_value' | 'kvlist_value' | 'bytes_value';
  string_value?: string;
  bool_value?: boolean;
  int_value?: number;
  double_value?: number;
  array_value?: { values: RawAnyValue[] };
  kvlist_value?: { values: RawKeyValue[] };
  bytes_value?: string;
}
interface RawResource {
  attributes: RawKeyValue[];
}
interface RawScope {
  name: string;
}
interface RawNumberDataPoint {
  attributes: RawKeyValue[];
  start_time_unix_nano: number;
  time_unix_nano: number;
  value?: 'as_double' | 'as_int';
  as_double?: number;
  as_int?: number;
}
interface RawHistogramDataPoint {
  attributes: RawKeyValue[];
  start_time_unix_nano: number;
  time_unix_nano: number;
  count: number;
  sum?: number;
}
interface RawMetric {
  name: string;
  description: string;
  unit: string;
  data?: 'gauge' | 'sum' | 'histogram';
  gauge?: { data_points: RawNumberDataPoint[] };
  sum?: { data_points: RawNumberDataPoint[]; aggregation_temporality: number; is_monotonic: boolean };
  histogram?: { data_points: RawHistogramDataPoint[]; aggregation_temporality: number };
}
interface RawMetricsRequest {
  resource_metrics: { resource: RawResource | null; scope_metrics: { scope: RawScope | null; metrics: RawMetric[] }[] }[];
}
interface RawLogRecord {
  time_unix_nano: number;
  observed_time_unix_nano: number;
  severity_number: number;
  severity_text: string;
  body: RawAnyValue | null;
  attributes: RawKeyValue[];
  event_name: string;
}
interface RawLogsRequest {
  resource_logs: { resource: RawResource | null; scope_logs: { scope: RawScope | null; log_records: RawLogRecord[] }[] }[];
}

function anyValue(v: RawAnyValue | null | undefined): AttrValue {
  if (!v || !v.value) return null;
  switch (v.value) {
    case 'string_value':
      return v.string_value ?? '';
    case 'bool_value':
      return v.bool_value ?? false;
    case 'int_value':
      return Number(v.int_value ?? 0);
    case 'double_value':
      return v.double_value ?? 0;
    case 'array_value':
      return (v.array_value?.values ?? []).map(anyValue);
    case 'kvlist_value':
      return attributes(v.kvlist_value?.values);
    case 'bytes_value':
      return v.bytes_value ?? '';
    default:
      return null;
  }
}

function attributes(kvs: RawKeyValue[] | undefined): Attributes {
  const out: Attributes = {};
  for (const kv of kvs ?? []) out[kv.key] = anyValue(kv.value);
  return out;
}

function numberPoint(p: RawNumberDataPoint): DecodedPoint {
  return {
    attributes: attributes(p.attributes),
    startTimeUnixNano: p.start_time_unix_nano,
    timeUnixNano: p.time_unix_nano,
    value: p.value === 'as_int' ? Number(p.as_int) : Number(p.as_double ?? 0),
  };
}

function histogramPoint(p: RawHistogramDataPoint): DecodedPoint {
  return {
    attributes: attributes(p.attributes),
    startTimeUnixNano: p.start_time_unix_nano,
    timeUnixNano: p.time_unix_nano,
    value: Number(p.sum ?? 0),
    count: p.count,
  };
}

/** The metric's kind and points, with temporality for sums and histograms and monotonicity for sums. */
function metricData(m: RawMetric): Pick<DecodedMetric, 'kind' | 'temporality' | 'monotonic' | 'points'> {
  if (m.data === 'sum' && m.sum) {
    return { kind: 'sum', temporality: m.sum.aggregation_temporality, monotonic: m.sum.is_monotonic, points: m.sum.data_points.map(numberPoint) };
  }
  if (m.data === 'gauge' && m.gauge) return { kind: 'gauge', points: m.gauge.data_points.map(numberPoint) };
  if (m.data === 'histogram' && m.histogram) {
    return { kind: 'histogram', temporality: m.histogram.aggregation_temporality, points: m.histogram.data_points.map(histogramPoint) };
  }
  return { kind: 'unknown', points: [] };
}

/** Decode an http/protobuf ExportMetricsServiceRequest into a flat list of metrics. */
export function decodeMetrics(body: Uint8Array): DecodedMetric[] {
  const obj = MetricsRequest.toObject(MetricsRequest.decode(body), TO_OBJECT) as RawMetricsRequest;
  const out: DecodedMetric[] = [];
  for (const rm of obj.resource_metrics) {
    const resource = attributes(rm.resource?.attributes);
    for (const sm of rm.scope_metrics) {
      const scope = sm.scope?.name ?? '';
      for (const m of sm.metrics) {
        out.push({ name: m.name, unit: m.unit, description: m.description, ...metricData(m), resource, scope });
      }
    }
  }
  return out;
}

/** Decode an http/protobuf ExportLogsServiceRequest into a flat list of log records. */
export function decodeLogs(body: Uint8Array): DecodedLogRecord[] {
  const obj = LogsRequest.toObject(LogsRequest.decode(body), TO_OBJECT) as RawLogsRequest;
  const out: DecodedLogRecord[] = [];
  for (const rl of obj.resource_logs) {
    const resource = attributes(rl.resource?.attributes);
    for (const sl of rl.scope_logs) {
      const scope = sl.scope?.name ?? '';
      for (const r of sl.log_records) {
        const attrs = attributes(r.attributes);
        const fromAttr = attrs['event.name'];
        out.push({
          timeUnixNano: r.time_unix_nano,
          observedTimeUnixNano: r.observed_time_unix_nano,
          severityNumber: r.severity_number,
          severityText: r.severity_text,
          body: anyValue(r.body),
          eventName: r.event_name || (typeof fromAttr === 'string' ? fromAttr : undefined),
          attributes: attrs,
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

export interface RecordedExport {
  at: number;
  method: string;
  /** Path with query, as received. */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  /** Body as received (still gzip-compressed if Content-Encoding: gzip). */
  raw: Buffer;
  /** Body after undoing Content-Encoding. */
  body: Buffer;
}

export interface OtlpReceiver {
  url: string;
  port: number;
  requests: RecordedExport[];
  /** Requests whose path equals (or, for a RegExp, matches) `path`. */
  on(path: string | RegExp): RecordedExport[];
  /** Decoded metrics of all protobuf requests on `path`, in arrival order. */
  metrics(path: string | RegExp): DecodedMetric[];
  /** Decoded log records of all protobuf requests on `path`, in arrival order. */
  logs(path: string | RegExp): DecodedLogRecord[];
  /** Resolves when `predicate()` holds (checked on each request and every 100 ms), rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs: number, what?: string): Promise<void>;
  /** Status answered to the next requests (default 200). */
  setStatus(status: number): void;
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: RecordedExport[] = [];
  let status = 200;
  const listeners = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = req.url ?? '/';
      let body = raw;
      if (String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') {
        try {
          body = gunzipSync(raw);
        } catch {
          body = raw;
        }
      }
      const contentType = String(req.headers['content-type'] ?? '');
      requests.push({ at: Date.now(), method: req.method ?? 'GET', url, path: url.split('?')[0] ?? '/', headers: req.headers, contentType, raw, body });
      if (contentType.includes('json')) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      } else {
        // An empty protobuf message: ExportMetricsServiceResponse / ExportLogsServiceResponse.
        res.writeHead(status, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
        res.end();
      }
      for (const l of listeners) l();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const on = (p: string | RegExp) => requests.filter((r) => (typeof p === 'string' ? r.path === p : p.test(r.path)));
  const isProto = (r: RecordedExport) => r.method === 'POST' && r.contentType.includes('protobuf');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    on,
    metrics: (p) => on(p).filter(isProto).flatMap((r) => decodeMetrics(r.body)),
    logs: (p) => on(p).filter(isProto).flatMap((r) => decodeLogs(r.body)),
    waitFor(predicate, timeoutMs, what = 'condition') {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          let ok: boolean;
          try {
            ok = predicate();
          } catch {
            ok = false;
          }
          if (ok) {
            done();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`OTLP receiver: ${what} not met within ${timeoutMs} ms (${requests.length} requests: ${requests.map((r) => r.path).join(', ')})`));
        }, timeoutMs);
        const interval = setInterval(check, 100);
        const done = () => {
          clearTimeout(timer);
          clearInterval(interval);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    setStatus(s) {
      status = s;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
