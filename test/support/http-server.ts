/**
 * A small HTTP server on a free loopback port for tests that need a peer that misbehaves (a "Prometheus"
 * answering HTML, 300 MB, or escape sequences; a slow exporter). Closed by `close()` and when the test
 * process exits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const open = new Set<http.Server>();
process.on('exit', () => {
  for (const s of open) s.closeAllConnections();
});

export async function serveHttp(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  open.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        open.delete(server);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with `totalBytes` of `chunk` repeated (stopping early when the client goes). Returns the bytes sent so far. */
export function streamHuge(res: http.ServerResponse, totalBytes: number, chunk = Buffer.alloc(64 * 1024, 'x'), contentType = 'application/json'): () => number {
  let sent = 0;
  res.writeHead(200, { 'Content-Type': contentType });
  const pump = (): void => {
    while (sent < totalBytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return;
    }
    if (sent >= totalBytes) res.end();
  };
  res.on('drain', pump);
  pump();
  return () => sent;
}

/** An exporter serving fixed Prometheus text on every path. */
export function serveText(text: string, contentType = 'text/plain; version=0.0.4; charset=utf-8'): Promise<TestServer> {
  return serveHttp((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType });
    res.end(text);
  });
}
