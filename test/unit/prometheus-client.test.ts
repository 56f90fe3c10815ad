import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusClient } from '../../electron/core/prometheus/client.js';
import { PrometheusError } from '../../electron/core/prometheus/errors.js';

const servers: http.Server[] = [];
after(() => servers.forEach((s) => s.closeAllConnections?.() ?? s.close()));

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
  url: string;
}

async function serve(reply: (seen: Seen) => { status?: number; body: unknown }): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s = { headers: req.headers, body, url: req.url ?? '' };
      seen.push(s);
      const r = reply(s);
      res.statusCode = r.status ?? 200;
      res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

test('instant query sends the expression and time, parses the vector', async () => {
  const { url, seen } = await serve(() => ({ body: { status: 'success', data: { resultType: 'vector', result: [{ metric: { model: 'a' }, value: [1700000000, '0.5'] }] } } }));
  const client = new PrometheusClient({ url });
  const result = await client.query('sum(x)', new Date(1_700_000_000_000));
  assert.deepEqual(result, [{ metric: { model: 'a' }, value: 0.5, timestamp: 1700000000 }]);
  const params = new URLSearchParams(seen[0]?.body);
  assert.equal(params.get('query'), 'sum(x)');
  assert.equal(params.get('time'), '1700000000.000');
  assert.equal(seen[0]?.url, '/api/v1/query');
});

test('range query parses the matrix', async () => {
  const { url, seen } = await serve(() => ({ body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1, '1'], [2, '3']] }] } } }));
  const client = new PrometheusClient({ url });
  const result = await client.queryRange('x', new Date(1000), new Date(2000), 1);
  assert.deepEqual(result[0]?.values, [[1, 1], [2, 3]]);
  assert.equal(new URLSearchParams(seen[0]?.body).get('step'), '1');
});

test('bearer token, basic auth and extra headers are sent', async () => {
  const { url, seen } = await serve(() => ({ body: { status: 'success', data: { resultType: 'vector', result: [] } } }));
  await new PrometheusClient({ url, auth: { bearerToken: 'tok', headers: { 'X-Scope-OrgID': 'team-a' } } }).query('up');
  await new PrometheusClient({ url, auth: { basic: { username: 'u', password: 'p' } } }).query('up');
  assert.equal(seen[0]?.headers.authorization, 'Bearer tok');
  assert.equal(seen[0]?.headers['x-scope-orgid'], 'team-a');
  assert.equal(seen[1]?.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
});

test('a query Prometheus rejects is reported with its reason', async () => {
  const { url } = await serve(() => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' } }));
  await assert.rejects(new PrometheusClient({ url }).query('su('), (err: PrometheusError) => err.kind === 'query' && /bad_data.*parse error/.test(err.message));
});

test('an unreachable Prometheus names the URL, the reason and what to do', async () => {
  const { url } = await serve(() => ({ body: '' }));
  const server = servers.pop()!;
  await new Promise((r) => server.close(r));
  await assert.rejects(new PrometheusClient({ url }).query('up'), (err: PrometheusError) => {
    assert.equal(err.kind, 'unreachable');
    assert.equal(err.message, `Prometheus at ${url} is not reachable (ECONNREFUSED).`);
    assert.match(err.hint ?? '', /ccmon stack up.*CCMON_PROMETHEUS_URL/);
    return true;
  });
});

test('a timeout is reported as such', async () => {
  const server = http.createServer(() => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await assert.rejects(new PrometheusClient({ url, timeoutMs: 200 }).query('up'), (err: PrometheusError) => err.kind === 'timeout' && /within 200 ms/.test(err.message));
});

test('401 hints at credentials; a non-Prometheus server is called out', async () => {
  const { url } = await serve(() => ({ status: 401, body: 'no' }));
  await assert.rejects(new PrometheusClient({ url }).query('up'), (err: PrometheusError) => err.kind === 'http' && /credentials/.test(err.hint ?? ''));
  const other = await serve(() => ({ status: 200, body: '<html>' }));
  await assert.rejects(new PrometheusClient({ url: other.url }).query('up'), (err: PrometheusError) => err.kind === 'http' && /is a Prometheus server/.test(err.hint ?? ''));
});
