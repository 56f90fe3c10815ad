import http from 'node:http';
import type https from 'node:https';

export interface HttpAnswer {
  status: number;
  statusText: string;
  ok: boolean;
  contentType: string;
  text: string;
  /** The server's Date header (its clock), when it sent one. */
  date?: string | undefined;
}

/** Thrown when an answer is larger than the caller's cap; the transfer is cut there. */
export class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${formatBytes(maxBytes)}`);
    this.name = 'AnswerTooLargeError';
  }
}

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : `${Math.round(n / 1024)} KiB`);

/*
 * node:http with keep-alive agents rather than fetch: on this kind of small request (a PromQL query
 * and its JSON answer) fetch's stream machinery costs about 2-3 ms per call and 10 ms at p95, node:http
 * under 1 ms (measured with `vector(1)` against a local Prometheus). A summary makes a dozen calls.
 * Idle sockets are unref'd by the agent, so a CLI still exits as soon as its work is done.
 */
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
// node:https (and with it TLS) is loaded on the first https request: a loopback status line never pays for it.
let https_: typeof https | undefined;
// One agent per trusted CA set (the public roots alone, or with a backend's own CA), reused like the http one.
const secureAgents = new Map<string, https.Agent>();
function transportFor(protocol: string, ca: string | undefined): { module: typeof http | typeof https; agent: http.Agent } | undefined {
  if (protocol === 'http:') return { module: http, agent: httpAgent };
  if (protocol !== 'https:') return undefined;
  https_ ??= process.getBuiltinModule('node:https');
  const key = ca ?? '';
  let agent = secureAgents.get(key);
  if (!agent) {
    // A given CA is trusted beside the public roots, not instead of them; verification always stays on.
    const roots = ca ? [...process.getBuiltinModule('node:tls').rootCertificates, ca] : undefined;
    agent = new https_.Agent({ keepAlive: true, maxSockets: 8, ...(roots ? { ca: roots } : {}) });
    secureAgents.set(key, agent);
  }
  return { module: https_, agent };
}

export interface RequestOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  /** The answer is cut, and the request fails with AnswerTooLargeError, past this many bytes. */
  maxBytes: number;
  /** A PEM CA (or bundle) trusted for https beside the public roots: a backend with its own CA. */
  ca?: string | undefined;
}

/** POSTs a form body and reads the answer as text, up to `maxBytes`. Rejects on network errors and on `signal`. */
export function postForm(url: string, body: string, options: RequestOptions): Promise<HttpAnswer> {
  return send(url, 'POST', { ...options, headers: { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } }, body);
}

/** POSTs `body` as `contentType` and reads the answer as text, up to `maxBytes`. */
export function postBytes(url: string, body: Uint8Array, contentType: string, options: RequestOptions): Promise<HttpAnswer> {
  return send(url, 'POST', { ...options, headers: { ...options.headers, 'Content-Type': contentType, 'Content-Length': String(body.byteLength) } }, body);
}

/** GETs `url` and reads the answer as text, up to `maxBytes`. */
export function get(url: string, options: RequestOptions): Promise<HttpAnswer> {
  return send(url, 'GET', options);
}

function send(url: string, method: string, { headers, signal, maxBytes, ca }: RequestOptions, body?: string | Uint8Array): Promise<HttpAnswer> {
  const target = new URL(url);
  const transport = transportFor(target.protocol, ca);
  if (!transport) return Promise.reject(new TypeError(`Unsupported URL scheme ${target.protocol} in ${url}: use http:// or https://.`));
  return new Promise((resolve, reject) => {
    const req = transport.module.request(target, { method, headers, agent: transport.agent, signal }, (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        req.destroy(new AnswerTooLargeError(maxBytes));
        return;
      }
      let chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        chunks = []; // let what was read go at once: the answer is refused
        req.destroy(new AnswerTooLargeError(maxBytes));
      });
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, statusText: res.statusMessage ?? '', ok: status >= 200 && status < 300, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8'), date: res.headers.date });
      });
    });
    req.on('error', (err) => reject(err instanceof AnswerTooLargeError ? err : signal.aborted ? (signal.reason as Error) : err));
    req.end(body);
  });
}
