import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { probeExporter } from '../../electron/core/exporter/probe.js';
import { parseExporterText, MalformedExpositionError } from '../../electron/core/exporter/parse-exporter.js';

const realScrape = readFileSync(new URL('../../scripts/simulator/fixtures/claude-code-2.1.197-metrics-9464.txt', import.meta.url), 'utf8');

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
after(() => servers.forEach((s) => s.closeAllConnections?.() ?? s.close()));

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

test('the real Claude Code 2.1.197 scrape yields its session, cost (both query sources) and version', () => {
  const { sessions, version } = parseExporterText(realScrape);
  assert.equal(version, '2.1.197');
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0]?.sessionId, '955d6d9c-9fac-4f5b-a7fa-ea2fb23e3160');
  assert.ok(Math.abs((sessions[0]?.costUsd ?? 0) - (0.018399999999999996 + 0.056159999999999995)) < 1e-9);
});

test('the OTLP spelling of the cost metric is accepted too', () => {
  const text = 'claude_code_cost_usage_USD_total{session_id="s1",model="m"} 0.5\nclaude_code_cost_usage_USD_total{session_id="s1",model="n"} 0.25\n';
  assert.deepEqual(parseExporterText(text).sessions, [{ sessionId: 's1', costUsd: 0.75 }]);
});

test('malformed text is a clear error, not a crash', () => {
  assert.throws(() => parseExporterText('<html>not metrics</html>\n'), MalformedExpositionError);
});

test('probe reports sessions from a live exporter', async () => {
  const url = await serve((_req, res) => res.end(realScrape));
  const result = await probeExporter(url);
  assert.equal(result.reachable, true);
  assert.equal(result.error, null);
  assert.equal(result.version, '2.1.197');
  assert.equal(result.sessions.length, 1);
});

test('probe says why it is unreachable (nothing listening)', async () => {
  const url = await serve((_req, res) => res.end(''));
  const server = servers.pop()!;
  await new Promise((r) => server.close(r));
  const result = await probeExporter(url);
  assert.equal(result.reachable, false);
  assert.match(result.error ?? '', /ECONNREFUSED/);
});

test('probe gives up after its timeout on an exporter that never answers', async () => {
  const url = await serve(() => undefined);
  const started = Date.now();
  const result = await probeExporter(url, { timeoutMs: 300 });
  assert.equal(result.reachable, false);
  assert.match(result.error ?? '', /no answer within 300 ms/);
  assert.ok(Date.now() - started < 5000);
});

test('probe refuses an answer larger than its size cap', async () => {
  const url = await serve((_req, res) => {
    res.write('# HELP x y\n');
    const line = `claude_code_cost_usage_total{session_id="s"} 1\n`.repeat(1000);
    const pump = (): void => {
      while (res.write(line)) if (res.writableLength > 1 << 22) break;
    };
    pump();
    res.on('drain', pump);
  });
  const result = await probeExporter(url, { maxBytes: 64 * 1024 });
  // Something answered (issue 14, case 11): it is reachable, and its answer is too large.
  assert.equal(result.reachable, true);
  assert.match(result.error ?? '', /larger than 64 KiB: too large/);
});

test('probe reports an HTTP error status', async () => {
  const url = await serve((_req, res) => {
    res.statusCode = 503;
    res.end('down');
  });
  const result = await probeExporter(url);
  assert.equal(result.reachable, false);
  assert.match(result.error ?? '', /HTTP 503/);
});

test('probe explains malformed exporter output without throwing', async () => {
  const url = await serve((_req, res) => res.end('hello, I am not an exporter\n'));
  const result = await probeExporter(url);
  assert.equal(result.reachable, true);
  assert.match(result.error ?? '', /not Prometheus text format/);
  assert.deepEqual(result.sessions, []);
});
