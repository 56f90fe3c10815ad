/* global window, location */
// Web mode: start the first API calls before the app's bundle has arrived, so the data travels
// while React downloads and parses. The HTTP bridge (src/api/prefetch.ts) takes these answers for
// its first calls of the same method and arguments. Plain JS, served as is (the CSP allows 'self').
(() => {
  if ('ccmon' in window || !location.protocol.startsWith('http')) return;
  const calls = [
    ['getAppInfo', {}],
    ['getSummary', {}],
    ['getUsageSeries', { range: '24h' }],
    ['probeExporter', {}],
  ];
  const prefetched = {};
  for (const [method, args] of calls) {
    const body = JSON.stringify(args);
    const answer = fetch(`./api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, cache: 'no-store' }).then((r) => r.json());
    answer.catch(() => undefined);
    prefetched[`${method} ${body}`] = answer;
  }
  window.__ccmonPrefetch = prefetched;
})();
