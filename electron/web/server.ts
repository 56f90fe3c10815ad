/**
 * Web mode's host: the built renderer and the typed API over HTTP, on 127.0.0.1 only.
 *
 *   POST /api/<method>   JSON body, validated by apiArgSchemas → 200 {error, result} (400 on bad args)
 *   GET  /api/events     Server-Sent Events: `event: <ApiEventName>`, `data: <json payload>`
 *   GET  /, /assets/*    the renderer (dist/renderer), the HTML with a strict CSP
 *
 * Requests whose Host is not a loopback name get 421 (DNS rebinding); API calls from another
 * origin get 403; no CORS header is ever sent.
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { apiArgSchemas, apiEventNames, toEnvelope, type ApiMethod } from '../core/api/contract.js';
import type { MonitorService } from '../core/service.js';
import { SummaryCache } from './summary-cache.js';
import { apiMethodOf, baseHeaders, contentSecurityPolicy, contentType, isAllowedOrigin, isLoopbackHost } from './security.js';

export interface WebServerOptions {
  service: MonitorService;
  /** The built renderer (index.html + assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Seconds between summary pushes while a page is connected. */
  refreshIntervalSeconds: number;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const maxBody = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...baseHeaders, ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown): void =>
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw Object.assign(new Error('Request body too large.'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { service } = options;
  const rendererDir = path.resolve(options.rendererDir);
  const clients = new Set<http.ServerResponse>();
  let port = options.port;

  const broadcast = (event: string, payload: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of clients) res.write(frame);
  };
  const unsubscribe = apiEventNames.map((name) => service.events.on(name, (payload) => broadcast(name, payload)));

  // Today's summary is kept warm (refreshed on the app's interval from startup), so a page opening
  // gets data at once; getSummary emits `summary:update`, which reaches open pages over SSE.
  const intervalMs = options.refreshIntervalSeconds * 1000;
  const summaries = new SummaryCache(() => service.api.getSummary({}), intervalMs);
  const tick = async (): Promise<void> => {
    try {
      await summaries.refresh();
    } catch {
      // Not cached; the page's own call gets the error and shows the stale state.
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const handleApi = async (method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', { Allow: 'POST' });
    if (!isAllowedOrigin(req.headers.origin, req.headers['sec-fetch-site'] as string | undefined, port)) return send(res, 403, 'Forbidden: cross-origin request');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, 'Send application/json');
    if (!Object.hasOwn(apiArgSchemas, method)) return sendJson(res, 404, { error: { message: `Unknown API method "${method}".`, code: 'UNKNOWN_METHOD' }, result: null });
    let raw: unknown;
    try {
      const text = await readBody(req);
      raw = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 400;
      return sendJson(res, status, { error: { message: status === 413 ? 'Request body too large.' : 'The body is not valid JSON.', code: 'BAD_REQUEST' }, result: null });
    }
    const name = method as ApiMethod;
    const parsed = apiArgSchemas[name].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'arguments';
      return sendJson(res, 400, { error: { message: `Invalid ${where} for ${name}: ${issue?.message ?? 'bad value'}.`, code: 'INVALID_ARGS' }, result: null });
    }
    const call = service.api[name] as (args: unknown) => Promise<unknown>;
    const isDefaultSummary = name === 'getSummary' && Object.keys(parsed.data).length === 0;
    sendJson(res, 200, await toEnvelope(() => (isDefaultSummary ? summaries.get() : call(parsed.data))));
  };

  const handleEvents = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== 'GET') return send(res, 405, 'Method Not Allowed', { Allow: 'GET' });
    if (!isAllowedOrigin(req.headers.origin, req.headers['sec-fetch-site'] as string | undefined, port)) return send(res, 403, 'Forbidden: cross-origin request');
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  };

  const handleStatic = async (pathname: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Bad path');
    }
    const isIndex = rel === '/' || rel === '/index.html';
    const file = path.resolve(rendererDir, `.${isIndex ? '/index.html' : rel}`);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return send(res, 404, 'Not Found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return send(res, 404, 'Not Found', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    const type = contentType(file);
    const headers: Record<string, string> = { 'Content-Type': type };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy;
      headers['Cache-Control'] = 'no-cache';
    } else headers['Cache-Control'] = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...baseHeaders, ...headers, 'Content-Length': String(body.length) });
      return void res.end();
    }
    send(res, 200, body, headers);
  };

  const server = http.createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host)) return send(res, 421, 'Misdirected Request: this server answers only to localhost / 127.0.0.1', { 'Content-Type': 'text/plain; charset=utf-8' });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const task = pathname === '/api/events'
      ? Promise.resolve(handleEvents(req, res))
      : pathname.startsWith('/api/')
        ? (() => {
            const method = apiMethodOf(pathname);
            return method ? handleApi(method, req, res) : Promise.resolve(send(res, 404, 'Not Found'));
          })()
        : handleStatic(pathname, req, res);
    task.catch((err: unknown) => {
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
    close: async () => {
      clearInterval(timer);
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
      for (const res of clients) res.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
