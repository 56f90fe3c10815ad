import type { PrometheusAuth } from '../config/settings-schema.js';
import { PrometheusError, networkReason } from './errors.js';
import { deadline, isTimeout } from '../net/timeout.js';
import { get, postForm, type HttpAnswer } from '../net/http.js';

export interface PrometheusClientOptions {
  url: string;
  auth?: PrometheusAuth | undefined;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Send requests through this fetch instead of node:http (tests). */
  fetch?: typeof fetch;
}

export interface InstantSample {
  metric: Record<string, string>;
  value: number;
  /** Epoch seconds. */
  timestamp: number;
}

export interface RangeSeries {
  metric: Record<string, string>;
  /** [epoch seconds, value] pairs in time order. */
  values: Array<[number, number]>;
}

type ApiResponse =
  | { status: 'success'; data: { resultType: string; result: unknown }; warnings?: string[] }
  | { status: 'error'; errorType: string; error: string };

const unreachableHint = 'Start the stack with `ccmon stack up`, or set CCMON_PROMETHEUS_URL.';

/** A small client for the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). */
export class PrometheusClient {
  readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch | undefined;

  constructor(options: PrometheusClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch;
    this.headers = { Accept: 'application/json', ...authHeaders(options.auth) };
  }

  /** Instant query at `time` (default: now). Scalars come back as one sample with no labels. */
  async query(expr: string, time?: Date): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query: expr });
    if (time) params.set('time', toSeconds(time));
    const data = await this.call('/api/v1/query', params);
    return parseInstant(data, expr);
  }

  /** Range query evaluated at every `stepSeconds` from `start` to `end`. */
  async queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<RangeSeries[]> {
    const params = new URLSearchParams({ query: expr, start: toSeconds(start), end: toSeconds(end), step: String(stepSeconds) });
    const data = await this.call('/api/v1/query_range', params);
    if (data.resultType !== 'matrix') throw new PrometheusError('response', `Prometheus answered ${data.resultType} to a range query for ${expr}.`);
    return (data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>).map((s) => ({
      metric: s.metric,
      values: s.values.map(([t, v]) => [t, Number(v)] as [number, number]),
    }));
  }

  /** Raw samples of a range selector (`expr` must be a matrix, e.g. `x[1h]`), evaluated at `time`. */
  async querySamples(expr: string, time: Date): Promise<RangeSeries[]> {
    const params = new URLSearchParams({ query: expr, time: toSeconds(time) });
    const data = await this.call('/api/v1/query', params);
    if (data.resultType !== 'matrix') throw new PrometheusError('response', `Prometheus answered ${data.resultType} where raw samples were expected for ${expr}.`);
    return (data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>).map((s) => ({
      metric: s.metric,
      values: s.values.map(([t, v]) => [t, Number(v)] as [number, number]),
    }));
  }

  /** Names of the metrics Prometheus holds that match a regex (cheap: served from the index). */
  async metricNames(match: string): Promise<string[]> {
    const params = new URLSearchParams({ 'match[]': `{__name__=~"${match}"}` });
    const body = await this.request(`/api/v1/label/__name__/values`, params);
    return body as string[];
  }

  /**
   * When this Prometheus process started (`/api/v1/status/runtimeinfo`), or undefined where the server
   * does not say (Prometheus-compatible backends without that endpoint). A new start time can mean new data.
   */
  async startTime(): Promise<string | undefined> {
    const timer = deadline(this.timeoutMs);
    try {
      const res = await this.send(`${this.url}/api/v1/status/runtimeinfo`, timer.signal);
      if (!res.ok) return undefined;
      const body = JSON.parse(res.text) as { data?: { startTime?: unknown } };
      return typeof body.data?.startTime === 'string' ? body.data.startTime : undefined;
    } catch {
      return undefined;
    } finally {
      timer.clear();
    }
  }

  /** `GET /-/ready` answered 200. */
  async ready(): Promise<boolean> {
    const timer = deadline(this.timeoutMs);
    try {
      return (await this.send(`${this.url}/-/ready`, timer.signal)).ok;
    } catch {
      return false;
    } finally {
      timer.clear();
    }
  }

  private async call(path: string, params: URLSearchParams): Promise<{ resultType: string; result: unknown }> {
    return (await this.request(path, params)) as { resultType: string; result: unknown };
  }

  private async request(path: string, params: URLSearchParams): Promise<unknown> {
    const endpoint = `${this.url}${path}`;
    const timer = deadline(this.timeoutMs);
    let res: HttpAnswer;
    try {
      res = await this.send(endpoint, timer.signal, params.toString());
    } catch (err) {
      if (isTimeout(err)) {
        throw new PrometheusError('timeout', `Prometheus at ${this.url} did not answer within ${this.timeoutMs} ms.`, 'Check that Prometheus is running and not overloaded, or raise the timeout.');
      }
      const code = networkReason(err);
      throw new PrometheusError('unreachable', `Prometheus at ${this.url} is not reachable (${code}).`, unreachableHint);
    } finally {
      timer.clear();
    }
    let body: ApiResponse | undefined;
    try {
      body = JSON.parse(res.text) as ApiResponse;
    } catch {
      body = undefined;
    }
    if (body?.status === 'error') {
      throw new PrometheusError('query', `Prometheus at ${this.url} rejected the query (${body.errorType}): ${body.error}`);
    }
    if (!res.ok || !body || body.status !== 'success') {
      const auth = res.status === 401 || res.status === 403;
      throw new PrometheusError(
        'http',
        `Prometheus at ${this.url} answered HTTP ${res.status} ${res.statusText} on ${path}.`,
        auth ? 'Check the Prometheus credentials (bearer token or basic auth) in the settings.' : `Check that ${this.url} is a Prometheus server (its HTTP API lives under /api/v1).`,
      );
    }
    return body.data;
  }

  /** A GET, or with a form `body` a POST, through node:http (or the injected fetch), the whole answer read. */
  private async send(url: string, signal: AbortSignal, body?: string): Promise<HttpAnswer> {
    if (!this.fetchImpl) return body === undefined ? get(url, this.headers, signal) : postForm(url, body, this.headers, signal);
    const init: RequestInit =
      body === undefined ? { headers: this.headers, signal } : { method: 'POST', headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body, signal };
    const res = await this.fetchImpl(url, init);
    return { status: res.status, statusText: res.statusText, ok: res.ok, text: await res.text() };
  }
}

function authHeaders(auth: PrometheusAuth | undefined): Record<string, string> {
  if (!auth) return {};
  const headers: Record<string, string> = { ...(auth.headers ?? {}) };
  if (auth.bearerToken) headers.Authorization = `Bearer ${auth.bearerToken}`;
  else if (auth.basic) headers.Authorization = `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
  return headers;
}

function toSeconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}

function parseInstant(data: { resultType: string; result: unknown }, expr: string): InstantSample[] {
  if (data.resultType === 'vector') {
    return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((s) => ({
      metric: s.metric,
      timestamp: s.value[0],
      value: Number(s.value[1]),
    }));
  }
  if (data.resultType === 'scalar') {
    const [t, v] = data.result as [number, string];
    return [{ metric: {}, timestamp: t, value: Number(v) }];
  }
  throw new PrometheusError('response', `Prometheus answered ${data.resultType} to an instant query for ${expr}.`);
}
