import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { QueryObserver } from '@tanstack/react-query';
import { ApiError } from '../../electron/core/api/envelope.js';
import { apiMethods } from '../../electron/core/api/methods.js';
import type { StackStatus, Summary, UsageSeries } from '../../electron/core/api/types.js';
import { describeError } from '../../renderer/src/api/errors.js';
import { createHttpBridge } from '../../renderer/src/api/http-bridge.js';
import { bannerWords } from '../../renderer/src/lib/banner.js';
import { chartRows, seriesTotals, tickInterval } from '../../renderer/src/lib/chart.js';
import { formatAgo, formatBucket, formatClock, formatUsdAxis, prettyModel } from '../../renderer/src/lib/format.js';
import { dataState, isEmptySummary } from '../../renderer/src/lib/freshness.js';
import { takePrefetched } from '../../renderer/src/api/prefetch.js';
import { createQueryClient } from '../../renderer/src/query/client.js';
import { keys } from '../../renderer/src/query/keys.js';
import { seedFromPrefetch } from '../../renderer/src/query/seedFromPrefetch.js';
import { serviceLabel, serviceTone, stackSummary } from '../../renderer/src/lib/stack.js';
import { guessShell } from '../../renderer/src/lib/shell.js';
import { heroInsights } from '../../renderer/src/lib/insights.js';

const summary = (over: Partial<Summary> = {}): Summary => ({
  asOf: '2026-11-28T10:00:00.000Z',
  window: { since: '2026-11-28T00:00:00.000Z', until: '2026-11-28T10:00:00.000Z' },
  costUsd: 0,
  tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
  sessions: 0,
  byModel: [],
  linesOfCode: { added: 0, removed: 0 },
  commits: 0,
  pullRequests: 0,
  activeTimeSeconds: { user: 0, cli: 0 },
  periods: { today: 0, last7Days: 0, last30Days: 0 },
  byProject: [],
  byUser: [],
  byMachine: [],
  planLimits: { fiveHour: null, sevenDay: null },
  ...over,
});

describe('renderer: freshness (loading, live, stale, unavailable), read from a real query cache', () => {
  it('moves through the states, keeps the last data and its time on failure, and takes a pushed value as fresh', async () => {
    const client = createQueryClient();
    let answer: () => Promise<Summary> = () => Promise.reject(new ApiError({ message: 'Prometheus is not answering.', code: 'prometheus-unreachable', hint: 'Start it.' }));
    // Disabled: nothing fetches but the refetch() calls below. Subscribed, as useQuery is, so cache writes reach it.
    const observer = new QueryObserver(client, { queryKey: ['getSummary'], queryFn: () => answer(), enabled: false });
    const unsubscribe = observer.subscribe(() => undefined);
    const state = () => dataState<Summary>(observer.getCurrentResult());
    assert.equal(state().state, 'loading');

    await observer.refetch();
    assert.equal(state().state, 'unavailable');
    assert.deepEqual(state().error, { message: 'Prometheus is not answering.', code: 'prometheus-unreachable', hint: 'Start it.' });
    assert.equal(state().fetchedAt, null);
    assert.ok(state().failedAt! > 0);

    answer = async () => summary({ costUsd: 2 });
    await observer.refetch();
    assert.equal(state().state, 'live');
    assert.equal(state().error, null);
    const fetchedAt = state().fetchedAt!;
    assert.ok(fetchedAt > 0);

    answer = () => Promise.reject(new Error('socket hang up'));
    await observer.refetch();
    assert.equal(state().state, 'stale');
    assert.equal(state().data?.costUsd, 2, 'the last value stays');
    assert.equal(state().fetchedAt, fetchedAt, 'the stale values keep their time');
    assert.ok(state().failedAt! >= fetchedAt);
    assert.equal(state().error?.message, 'socket hang up');

    // summary:update → setQueryData: live again, without a fetch.
    client.setQueryData(['getSummary'], summary({ costUsd: 3 }));
    assert.equal(state().state, 'live');
    assert.equal(state().data?.costUsd, 3);
    assert.equal(state().error, null);
    unsubscribe();
    client.clear();
  });

  it('empty means nothing at all in 30 days', () => {
    assert.equal(isEmptySummary(summary()), true);
    assert.equal(isEmptySummary(summary({ periods: { today: 0, last7Days: 0, last30Days: 0.5 } })), false);
    assert.equal(isEmptySummary(summary({ sessions: 1 })), false);
  });
});

describe('renderer: formatting', () => {
  it('clock, ago, axis money, buckets', () => {
    assert.match(formatClock(Date.now()), /^\d{2}:\d{2}:\d{2}$/);
    assert.equal(formatAgo(1000, 3000), 'just now');
    assert.equal(formatAgo(0, 42_000), '42 s ago');
    assert.equal(formatAgo(0, 5 * 60_000), '5 min ago');
    assert.equal(formatAgo(0, 3 * 3600_000), '3 h ago');
    assert.equal(formatUsdAxis(0), '$0');
    assert.equal(formatUsdAxis(0.25), '$0.25');
    assert.equal(formatUsdAxis(2.5), '$2.5');
    assert.equal(formatUsdAxis(12.4), '$12');
    assert.equal(formatUsdAxis(1500), '$1.5k');
    const t = new Date(2026, 10, 28, 14, 0).getTime();
    assert.equal(formatBucket(t, '24h', 'en-US'), '14:00');
    assert.equal(formatBucket(t, '7d', 'en-US'), 'Sat 14h');
    assert.equal(formatBucket(t, '30d', 'en-US'), 'Nov 28');
  });

  it('model names for people', () => {
    assert.equal(prettyModel('claude-opus-4-8'), 'Opus 4.8');
    assert.equal(prettyModel('claude-sonnet-4-5-20250929'), 'Sonnet 4.5');
    assert.equal(prettyModel('claude-opus-4-20250514'), 'Opus 4');
    assert.equal(prettyModel('claude-3-5-haiku-20241022'), 'Haiku 3.5');
    assert.equal(prettyModel('gpt-x'), 'gpt-x');
  });

  it('hero insights: cost per session and cache share of input', () => {
    assert.deepEqual(heroInsights(summary()), { perSession: '—', cacheShare: '—' });
    assert.deepEqual(heroInsights(summary({ costUsd: 3, sessions: 4, tokens: { input: 100, output: 50, cacheRead: 800, cacheCreation: 100 } })), { perSession: '$0.75', cacheShare: '80%' });
  });

  it('guesses the shell from the platform', () => {
    assert.equal(guessShell('Win32'), 'powershell');
    assert.equal(guessShell('MacIntel'), 'zsh');
    assert.equal(guessShell('Linux x86_64'), 'bash');
  });
});

describe('renderer: the boot script\'s early answers seed the cache before the first render', () => {
  it('takes the answers already there, under their queries\' keys; leaves failures and late ones to the bridge', async () => {
    const page = globalThis as { __ccmonPrefetch?: Record<string, Promise<unknown>> };
    const late = new Promise<unknown>(() => undefined);
    const failed = { error: { message: 'down', code: 'prometheus-unreachable' }, result: null };
    page.__ccmonPrefetch = {
      'getSummary {}': Promise.resolve({ error: null, result: summary({ costUsd: 4 }) }),
      'getUsageSeries {"range":"24h"}': Promise.resolve({ error: null, result: { range: '24h', stepSeconds: 3600, points: [] } }),
      'probeExporter {}': Promise.resolve(failed),
      'getAppInfo {}': late,
    };
    const client = createQueryClient();
    try {
      await seedFromPrefetch(client);
      assert.equal(client.getQueryData<Summary>(keys.summary)?.costUsd, 4);
      assert.deepEqual(client.getQueryData(keys.usageSeries('24h')), { range: '24h', stepSeconds: 3600, points: [] });
      assert.equal(client.getQueryData(keys.probe), undefined, 'a failure is not data');
      assert.equal(client.getQueryData(keys.appInfo), undefined);
      assert.equal(takePrefetched('getSummary', {}), undefined, 'a seeded answer is used once');
      assert.deepEqual(await takePrefetched('probeExporter', {}), failed, 'the bridge still gets the failure');
      assert.equal(takePrefetched('getAppInfo', {}), late, 'and the answer still on its way');
    } finally {
      delete page.__ccmonPrefetch;
      client.clear();
    }
  });
});

describe('renderer: the stale banner names who stopped answering', () => {
  it('the host, a Prometheus that refuses, or one that is not there', () => {
    const url = 'http://127.0.0.1:9090';
    assert.equal(bannerWords({ message: 'x', code: 'host-unreachable', hint: 'Is `ccmon web` still running?' }, url).headline, 'The Claude Code Monitor server is not answering.');
    assert.equal(bannerWords({ message: 'x', code: 'host-unreachable', hint: 'Is `ccmon web` still running?' }, url).hint, 'Is `ccmon web` still running?');
    assert.equal(bannerWords({ message: 'bad_data: parse error', code: 'prometheus-query' }, url).headline, `Prometheus at ${url} answered with an error.`);
    assert.equal(bannerWords({ message: 'ECONNREFUSED', code: 'prometheus-unreachable', hint: 'Start the stack.' }, url).hint, 'Start the stack.');
    assert.equal(bannerWords({ message: 'fetch failed' }, undefined).headline, 'Prometheus is not answering.');
    assert.match(bannerWords(null, url).hint, /Start the stack/);
    // A shared backend is named as such, and its fix is its settings, not the local stack.
    assert.equal(bannerWords({ message: 'HTTP 401', code: 'prometheus-auth' }, url, true).headline, `The shared backend at ${url} answered with an error.`);
    assert.match(bannerWords(null, url, true).hint, /^Check the query URL in Settings → Backend/);
  });
});

describe('renderer: the HTTP bridge (web mode), against a real server', () => {
  it('has one frozen function per API method, posts JSON, and rebuilds errors with their codes', async () => {
    const seen: { method: string; url: string; type: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, type: req.headers['content-type'] ?? '', body });
        if (req.url === '/api/getUsageSeries') return res.end(JSON.stringify({ error: null, result: { range: '7d', stepSeconds: 21600, points: [] } }));
        if (req.url === '/api/getSummary') return res.end(JSON.stringify({ error: { message: 'Prometheus refused the query.', code: 'prometheus-query', hint: 'Check the server log.' }, result: null }));
        res.writeHead(502, 'Bad Gateway').end('<html>proxy error</html>');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bridge = createHttpBridge(base);

    assert.deepEqual(Object.keys(bridge).sort(), [...apiMethods, 'on'].sort());
    assert.ok(Object.isFrozen(bridge));
    assert.equal((bridge as unknown as Record<string, unknown>).notAMethod, undefined, 'no function for a name outside the list');

    assert.deepEqual(await bridge.getUsageSeries({ range: '7d' }), { range: '7d', stepSeconds: 21600, points: [] });
    assert.deepEqual(seen[0], { method: 'POST', url: '/api/getUsageSeries', type: 'application/json', body: '{"range":"7d"}' });

    const refused = await bridge.getSummary({}).catch((e: unknown) => e);
    assert.ok(refused instanceof ApiError);
    assert.deepEqual(describeError(refused), { message: 'Prometheus refused the query.', code: 'prometheus-query', hint: 'Check the server log.' });
    assert.equal(describeError(await bridge.getAppInfo({}).catch((e: unknown) => e)).code, 'host-error');

    await new Promise<void>((r) => server.close(() => r()));
    assert.equal(describeError(await bridge.getAppInfo({}).catch((e: unknown) => e)).code, 'host-unreachable');
  });
});

describe('renderer: chart rows', () => {
  const series: UsageSeries = {
    range: '24h',
    stepSeconds: 3600,
    points: [
      { t: new Date(2026, 10, 28, 9).getTime(), costUsd: 0.1, tokens: { input: 1, output: 2, cacheRead: 3, cacheCreation: 4 } },
      { t: new Date(2026, 10, 28, 10).getTime(), costUsd: 0, tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 } },
      { t: new Date(2026, 10, 28, 11).getTime(), costUsd: 0.2, tokens: { input: 10, output: 0, cacheRead: 0, cacheCreation: 0 } },
    ],
  };
  it('maps points to rows and totals', () => {
    const rows = chartRows(series, 'en-US');
    assert.equal(rows.length, 3);
    assert.deepEqual({ ...rows[0], t: 0 }, { t: 0, label: '09:00', cost: 0.1, input: 1, output: 2, cacheRead: 3, cacheCreation: 4 });
    assert.deepEqual(seriesTotals(series), { cost: 0.3, tokens: 20, activeBuckets: 2 });
  });
  it('tick interval shows about the wanted number of labels', () => {
    assert.equal(tickInterval(24, 8), 2);
    assert.equal(tickInterval(30, 4), 7);
    assert.equal(tickInterval(3, 8), 0);
  });
});

describe('renderer: stack words', () => {
  const status = (states: [string, boolean][], reachable = true): StackStatus => ({
    engine: { reachable, socket: '/var/run/docker.sock', version: '27', error: reachable ? null : 'no engine' },
    services: states.map(([state, ready], i) => ({ name: (['prometheus', 'loki', 'grafana'] as const)[i]!, state: state as 'running', ready, url: 'http://x' })),
  });
  it('summarises the stack and picks the useful action', () => {
    assert.deepEqual(stackSummary(null), { label: 'Unknown', tone: 'idle', canStart: false, canStop: false });
    assert.equal(stackSummary(status([], false)).label, 'Docker unavailable');
    assert.deepEqual(stackSummary(status([['running', true], ['running', true], ['running', true]])), { label: 'Running', tone: 'ok', canStart: false, canStop: true });
    assert.deepEqual(stackSummary(status([['running', true], ['running', false], ['exited', false]])), { label: '1/3 ready', tone: 'warn', canStart: true, canStop: true });
    assert.deepEqual(stackSummary(status([['missing', false], ['exited', false], ['exited', false]])), { label: 'Stopped', tone: 'idle', canStart: true, canStop: false });
  });
  it('labels services', () => {
    const s = status([['running', false]]).services[0]!;
    assert.equal(serviceLabel(s), 'Starting…');
    assert.equal(serviceTone(s), 'warn');
    assert.equal(serviceLabel({ ...s, state: 'missing' }), 'Not created');
    assert.equal(serviceTone({ ...s, state: 'dead' }), 'bad');
  });
});
