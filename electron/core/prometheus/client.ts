import { authHeaders, type BackendAuth } from '../config/auth-headers.js';
import { PrometheusError, networkReason } from './errors.js';
import { deadline, isTimeout } from '../net/timeout.js';
import { AnswerTooLargeError, formatBytes, get, postForm, type HttpAnswer } from '../net/http.js';
import { printable } from '../format/printable.js';
import { readCaFile } from '../net/ca-file.js';
import { localWording, type BackendWording } from '../config/backend.js';
import { AppError } from '../api/error-codes.js';
import { asApiAnswer, asQueryData, isStringList, type ApiData } from './response.js';

export interface PrometheusClientOptions {
  url: string;
  auth?: BackendAuth | undefined;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** The largest answer read (default 8 MiB, CCMON_MAX_ANSWER_MB): a larger one is cut off and refused. */
  maxAnswerBytes?: number;
  /** Send requests through this fetch instead of node:http (tests). */
  fetch?: typeof fetch;
  /** How errors name the backend and what they advise (default: a local Prometheus). */
  wording?: BackendWording | undefined;
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

/**
 * The largest answer a summary's queries produce is a few MB (the raw samples of resumed sessions, the
 * last value of every series of a busy day). Well beyond that it is not an answer this app asked for.
 */
export const defaultMaxAnswerBytes = 8 * 1024 * 1024;


/** A small client for the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). */
export class PrometheusClient {
  readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly wording: BackendWording;
  private readonly caFile: string | undefined;
  private ca: string | undefined;

  constructor(options: PrometheusClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? timeoutMsFromEnv() ?? 10_000;
    this.maxBytes = options.maxAnswerBytes ?? maxAnswerBytesFromEnv() ?? defaultMaxAnswerBytes;
    this.fetchImpl = options.fetch;
    this.headers = { Accept: 'application/json', ...authHeaders(options.auth) };
    this.wording = options.wording ?? localWording(this.url);
    this.caFile = options.auth?.caFile;
  }

  /** "Prometheus at …" or "The backend … at …": how messages name it. */
  get label(): string {
    return this.wording.label;
  }

  /** Instant query at `time` (default: now). Scalars come back as one sample with no labels. */
  async query(expr: string, time?: Date): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query: expr });
    if (time) params.set('time', toSeconds(time));
    const data = await this.queryData('/api/v1/query', params);
    if (data.resultType === 'vector') return data.result.map((s) => ({ metric: s.metric, timestamp: s.value[0], value: Number(s.value[1]) }));
    if (data.resultType === 'scalar') return [{ metric: {}, timestamp: data.result[0], value: Number(data.result[1]) }];
    throw new PrometheusError('response', `${this.wording.label} answered a ${data.resultType} to an instant query for ${printable(expr, 200)}.`);
  }

  /** Range query evaluated at every `stepSeconds` from `start` to `end`. */
  async queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<RangeSeries[]> {
    const params = new URLSearchParams({ query: expr, start: toSeconds(start), end: toSeconds(end), step: String(stepSeconds) });
    return this.matrix(await this.queryData('/api/v1/query_range', params), expr, 'a range query');
  }

  /** Raw samples of a range selector (`expr` must be a matrix, e.g. `x[1h]`), evaluated at `time`. */
  async querySamples(expr: string, time: Date): Promise<RangeSeries[]> {
    const params = new URLSearchParams({ query: expr, time: toSeconds(time) });
    return this.matrix(await this.queryData('/api/v1/query', params), expr, 'a raw-samples query');
  }

  /** Names of the metrics Prometheus holds that match a regex (cheap: served from the index). */
  async metricNames(match: string): Promise<string[]> {
    const params = new URLSearchParams({ 'match[]': `{__name__=~"${match}"}` });
    const data = await this.request('/api/v1/label/__name__/values', params);
    if (!isStringList(data)) throw this.notApiJson('/api/v1/label/__name__/values', 'a label-values answer that is not a list of strings');
    return data;
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

  private matrix(data: ApiData, expr: string, what: string): RangeSeries[] {
    if (data.resultType !== 'matrix') throw new PrometheusError('response', `${this.wording.label} answered a ${data.resultType} to ${what} for ${printable(expr, 200)}.`);
    return data.result.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [t, Number(v)] as [number, number]) }));
  }

  private async queryData(path: string, params: URLSearchParams): Promise<ApiData> {
    const checked = asQueryData(await this.request(path, params));
    if (!checked.ok) throw this.notApiJson(path, checked.problem);
    return checked.data;
  }

  private notApiJson(path: string, detail: string, res?: HttpAnswer): PrometheusError {
    const how = res ? `HTTP ${res.status}${res.contentType ? `, ${printable(res.contentType.split(';')[0] ?? '', 60)}` : ''}` : printable(detail, 120);
    return new PrometheusError('http', `${this.wording.label} answered something that is not Prometheus API JSON (${how}) on ${path}.`, `Check that ${this.url} is a Prometheus server (its HTTP API lives under /api/v1).`, 'prometheus-response');
  }

  /**
   * One cheap query (`vector(1)`): reachable, credentials accepted, and how far the server's clock
   * (its Date header, to the second) is from ours, taken at the middle of the round trip. Throws
   * PrometheusError like any query.
   */
  async probe(): Promise<{ roundTripMs: number; skewMs: number | null }> {
    const sent = Date.now();
    const { answer } = await this.exchange('/api/v1/query', new URLSearchParams({ query: 'vector(1)' }));
    const received = Date.now();
    const server = answer.date ? Date.parse(answer.date) : NaN;
    return { roundTripMs: received - sent, skewMs: Number.isFinite(server) ? server - (sent + received) / 2 : null };
  }

  private async request(path: string, params: URLSearchParams): Promise<unknown> {
    return (await this.exchange(path, params)).data;
  }

  private async exchange(path: string, params: URLSearchParams): Promise<{ data: unknown; answer: HttpAnswer }> {
    const endpoint = `${this.url}${path}`;
    const timer = deadline(this.timeoutMs);
    let res: HttpAnswer;
    try {
      res = await this.send(endpoint, timer.signal, params.toString());
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof AnswerTooLargeError) {
        throw new PrometheusError('too-large', `${this.wording.label} answered more than ${formatBytes(this.maxBytes)} on ${path}: not a Prometheus API answer this app asked for.`, `Check that ${this.url} is a Prometheus server; CCMON_MAX_ANSWER_MB raises the limit.`);
      }
      if (isTimeout(err)) {
        throw new PrometheusError('timeout', `${this.wording.label} did not answer within ${this.timeoutMs} ms.`, 'Check that Prometheus is running and not overloaded, or raise the timeout (CCMON_QUERY_TIMEOUT_MS, in milliseconds).');
      }
      throw new PrometheusError('unreachable', `${this.wording.label} is not reachable (${printable(networkReason(err), 120)}).`, this.wording.unreachableHint);
    } finally {
      timer.clear();
    }
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      json = undefined;
    }
    const body = asApiAnswer(json);
    if (body?.status === 'error') {
      throw new PrometheusError('query', `${this.wording.label} rejected the query (${printable(body.errorType, 40)}): ${printable(body.error)}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new PrometheusError('http', `${this.wording.label} refused the request (HTTP ${res.status}${res.statusText ? ` ${printable(res.statusText, 40)}` : ''}) on ${path}.`, this.wording.authHint, 'prometheus-auth');
    }
    if (!res.ok && body) {
      throw new PrometheusError('http', `${this.wording.label} answered HTTP ${res.status} ${printable(res.statusText, 40)} on ${path}.`, `Check that ${this.url} is a Prometheus server (its HTTP API lives under /api/v1).`);
    }
    if (!body) throw this.notApiJson(path, 'not JSON', res);
    return { data: body.data, answer: res };
  }

  /** A GET, or with a form `body` a POST, through node:http (or the injected fetch), the answer read up to the cap. */
  private async send(url: string, signal: AbortSignal, body?: string): Promise<HttpAnswer> {
    // Read at the first request, not at construction: a host is built before anyone asks it anything.
    if (this.caFile && this.ca === undefined) this.ca = readCaFile(this.caFile);
    const options = { headers: this.headers, signal, maxBytes: this.maxBytes, ca: this.ca };
    if (!this.fetchImpl) return body === undefined ? get(url, options) : postForm(url, body, options);
    const init: RequestInit =
      body === undefined ? { headers: this.headers, signal } : { method: 'POST', headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body, signal };
    const res = await this.fetchImpl(url, init);
    const text = await res.text();
    if (Buffer.byteLength(text) > this.maxBytes) throw new AnswerTooLargeError(this.maxBytes);
    return { status: res.status, statusText: res.statusText, ok: res.ok, contentType: res.headers.get('content-type') ?? '', text, date: res.headers.get('date') ?? undefined };
  }
}

/** CCMON_QUERY_TIMEOUT_MS: a shared backend holding a team's month can take longer than 10 s to answer. */
function timeoutMsFromEnv(): number | undefined {
  const ms = Number(process.env.CCMON_QUERY_TIMEOUT_MS);
  return Number.isInteger(ms) && ms >= 100 && ms <= 600_000 ? ms : undefined;
}

function maxAnswerBytesFromEnv(): number | undefined {
  const mb = Number(process.env.CCMON_MAX_ANSWER_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : undefined;
}

function toSeconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}
