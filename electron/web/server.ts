/**
 * Web mode's host: the built renderer and the typed API over HTTP, on 127.0.0.1 only.
 *
 *   POST /api/<method>   JSON body → the core's one dispatch → {error, result} (status from the error's code)
 *   GET  /api/events     Server-Sent Events: `event: <ApiEventName>`, `data: <json payload>`
 *   GET  /, /assets/*    the renderer (dist/renderer), the HTML with the one CSP
 *
 * Requests whose Host is not a loopback name get 421 (DNS rebinding); API calls from another
 * origin get 403; no CORS header is ever sent. Slow clients are cut off (header and request timeouts).
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { apiEventNames } from '../core/api/methods.js';
import { dispatch } from '../core/api/dispatch.js';
import type { ApiEnvelope, EnvelopeError } from '../core/api/envelope.js';
import type { ErrorCode } from '../core/api/error-codes.js';
import { rendererFileFor, rendererFileHeaders } from '../core/host/renderer-assets.js';
import type { MonitorService } from '../core/service.js';
import { apiMethodOf, baseHeaders, isAllowedOrigin, isLoopbackHost } from './security.js';

export interface WebServerOptions {
  service: MonitorService;
  /** The built renderer (index.html + assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Seconds between summary refreshes (the service's summary feed runs at this interval). */
  refreshIntervalSeconds: number;
}

export interface WebServer {
  url: string;
  port: number;
  /** Serves `next` from now on (built anew after a secret changed): its events and summary feed replace the old one's. */
  replaceService(next: MonitorService): void;
  close(): Promise<void>;
}

const maxBody = 64 * 1024;
/** A request must send its headers within this, and all of itself within requestTimeoutMs. */
export const headersTimeoutMs = 10_000;
export const requestTimeoutMs = 30_000;

/** The HTTP status of an envelope: the code says what kind of failure it was. */
const statusOfCode: Partial<Record<ErrorCode, number>> = { 'invalid-arguments': 400, 'bad-request': 400, 'unknown-method': 404, 'body-too-large': 413, 'forbidden-origin': 403 };
const statusOf = (envelope: ApiEnvelope<unknown>): number => (envelope.error ? (statusOfCode[envelope.error.code] ?? 200) : 200);

function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...baseHeaders, ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const sendEnvelope = (res: http.ServerResponse, envelope: ApiEnvelope<unknown>): void =>
  send(res, statusOf(envelope), JSON.stringify(envelope), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });

const failure = (code: ErrorCode, message: string): ApiEnvelope<unknown> => ({ error: { code, message } satisfies EnvelopeError, result: null });

async function readJson(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; envelope: ApiEnvelope<unknown> }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return { ok: false, envelope: failure('body-too-large', `Request body too large (over ${maxBody / 1024} KiB).`) };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch {
    return { ok: false, envelope: failure('bad-request', 'The body is not valid JSON.') };
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let service = options.service;
  const rendererDir = path.resolve(options.rendererDir);
  const clients = new Set<http.ServerResponse>();
  let port = options.port;

  const broadcast = (event: string, payload: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of clients) res.write(frame);
  };
  // Today's summary is kept warm from startup, so a page opening gets data at once; each new one
  // reaches open pages as `summary:update` over SSE.
  const attach = (s: MonitorService): (() => void) => {
    const offs = apiEventNames.map((name) => s.events.on(name, (payload) => broadcast(name, payload)));
    s.summaries.run(() => options.refreshIntervalSeconds * 1000);
    return () => {
      s.summaries.stop();
      for (const off of offs) off();
    };
  };
  let detach = attach(service);
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const handleApi = async (method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', { Allow: 'POST' });
    if (!isAllowedOrigin(req.headers.origin, req.headers['sec-fetch-site'], port)) return send(res, 403, 'Forbidden: cross-origin request');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, 'Send application/json');
    const body = await readJson(req);
    sendEnvelope(res, body.ok ? await dispatch(service.api, method, body.value) : body.envelope);
  };

  const handleEvents = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== 'GET') return send(res, 405, 'Method Not Allowed', { Allow: 'GET' });
    if (!isAllowedOrigin(req.headers.origin, req.headers['sec-fetch-site'], port)) return send(res, 403, 'Forbidden: cross-origin request');
    // An event stream lives as long as the page: no request timeout for it.
    req.socket.setTimeout(0);
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  };

  const handleStatic = async (pathname: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const file = rendererFileFor(pathname, rendererDir);
    if (!file) return send(res, 404, 'Not Found', { 'Content-Type': 'text/plain; charset=utf-8' });
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return send(res, 404, 'Not Found', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    const headers = { ...rendererFileHeaders(file), 'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' };
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
      return void res.end();
    }
    send(res, 200, body, headers);
  };

  const route = (pathname: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (pathname === '/api/events') return Promise.resolve(handleEvents(req, res));
    if (!pathname.startsWith('/api/')) return handleStatic(pathname, req, res);
    const method = apiMethodOf(pathname);
    return method ? handleApi(method, req, res) : Promise.resolve(send(res, 404, 'Not Found'));
  };

  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check every second.
  const server = http.createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 }, (req, res) => {
    if (!isLoopbackHost(req.headers.host)) return send(res, 421, 'Misdirected Request: this server answers only to localhost / 127.0.0.1', { 'Content-Type': 'text/plain; charset=utf-8' });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    route(pathname, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(err as Error).message}`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    replaceService(next) {
      detach();
      service = next;
      detach = attach(next);
    },
    close: async () => {
      detach();
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
