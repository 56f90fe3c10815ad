/**
 * Same answers on every engine: the dashboards' queries give the same results on VictoriaMetrics as on
 * Prometheus 3.5, on the same samples. The dashboards fixture is played into two Prometheus servers (one
 * per metric spelling, scraping the simulator); every raw sample of each is exported (a range-vector
 * instant query at the end time) and written, at its exact millisecond, into a fresh Prometheus (remote
 * write) and a fresh VictoriaMetrics (/api/v1/import). Then every dashboard query (variables = All, and
 * specific values) and every variable query runs on both, and the answers must be equal: the same series
 * (label sets), the same timestamps, the same values within 1e-9 relative.
 *
 * Why a second Prometheus rather than the scraping one: a scrape also writes staleness markers (when a
 * process ends), which no query API exports; the copies hold exactly the same samples and no markers, as
 * a backend fed by OTLP push holds them (Prometheus's OTLP receiver and VictoriaMetrics alike).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyVariableRegex, parseLabelValues, parseQueryResult, queryResultLines, variableQueriesOf, type DashboardQuery } from '../../electron/core/grafana/extract.js';
import { builtinTimeValues, interpolate, regexValue } from '../../electron/core/grafana/template.js';
import { DASHBOARDS, PANELS } from '../../electron/core/grafana/uids.js';
import { tokenTypes } from '../../electron/core/telemetry/metrics.js';
import { scenarioTotals } from '../../scripts/simulator/totals.js';
import { ALL, SPECIFIC, composeRuleFiles, dashboards, promQueries } from '../support/dashboard-queries.js';
import { EMAIL_2, HOST_1, PROJECT_1, SESSION_D, labelValues, loadFixture, queryInstant, queryRange, total, type Fixture, type QueryEngine } from '../support/dashboards-fixture.js';
import { startPrometheus, type PrometheusHandle, type PromSample } from '../support/prometheus.js';
import { remoteWrite } from '../support/remote-write.js';
import { importSamples, startVictoriaMetrics, type RawSeries, type VictoriaMetricsHandle } from '../support/victoria-metrics.js';

const STEP = 2; // seconds: $__interval of the range queries
const SCRAPE = 1;
const SPELLINGS = ['plain', 'unit'] as const;
/** VictoriaMetrics refuses queries over 16 KB by default; the dashboards' longest, with a few sessions chosen, are longer. */
const VM_MAX_QUERY_LEN = '-search.maxQueryLen=1MB';

let fx: Fixture;
interface Engines {
  prom: PrometheusHandle;
  vm: VictoriaMetricsHandle;
}
const copies: Partial<Record<(typeof SPELLINGS)[number], Engines>> = {};
let rangeSeconds: number;
/** The evaluation time: the fixture's end, on the step grid (as Grafana aligns a range query's start and end). */
let end: number;
/** How far back the export reaches: every sample of the fixture. */
let exportSeconds: number;

before(async () => {
  fx = await loadFixture({ ruleFiles: composeRuleFiles() });
  end = Math.floor(fx.end / (STEP * 1000)) * STEP * 1000;
  rangeSeconds = Math.ceil((end - fx.start) / 1000) + 5;
  exportSeconds = rangeSeconds + 600;
  await sleep(1000); // the scrapes stamped at or before `end` are committed
  await Promise.all(
    SPELLINGS.map(async (spelling) => {
      const samples = await rawSamples(fx[spelling].prom);
      const prom = await startPrometheus({ targets: [], remoteWriteReceiver: true });
      // Nothing is hidden as "too recent" (the default 30 s), no answer comes from a cache built before the
      // import; and queries as long as the dashboards' pass (the README's setting for a VictoriaMetrics backend).
      const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=0s', '-search.disableCache', VM_MAX_QUERY_LEN] }).catch(async (err: unknown) => {
        await prom.stop();
        throw err;
      });
      copies[spelling] = { prom, vm };
      await remoteWrite(prom.url, samples.map((s) => ({ labels: s.metric, samples: s.values.map(([t, v]) => [Math.round(t * 1000), Number(v)]) })));
      await importSamples(vm, samples);
    }),
  );
});

after(async () => {
  await Promise.all(Object.values(copies).flatMap((c) => [c.prom.stop(), c.vm.stop()]));
  await fx?.stop();
});

/**
 * Every raw sample an engine holds up to `end`, except NaN: VictoriaMetrics drops NaN samples on ingest
 * (1.145, measured), and Prometheus holds them only in its own summaries' quantiles with no observations
 * (checked below), which no dashboard reads.
 */
async function rawSamples(engine: QueryEngine): Promise<Array<RawSeries & { values: [number, string][] }>> {
  const matrix = await queryInstant(engine, `{__name__=~".+"}[${exportSeconds}s]`, end);
  return matrix.map((s) => ({ metric: s.metric, values: (s.values ?? []).filter(([, v]) => v !== 'NaN') })).filter((s) => s.values.length > 0);
}

function values(vars: Record<string, string>): Record<string, string> {
  return { ...builtinTimeValues(rangeSeconds, STEP, SCRAPE), ...vars };
}

async function run(engine: QueryEngine, q: DashboardQuery, vars: Record<string, string>): Promise<PromSample[]> {
  const expr = interpolate(q.expr, values(vars));
  return q.instant ? queryInstant(engine, expr, end) : queryRange(engine, expr, end - rangeSeconds * 1000, end, STEP);
}

const key = (metric: Record<string, string>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

const sameNumber = (a: string, b: string): boolean => {
  if (a === b) return true;
  const [x, y] = [Number(a), Number(b)];
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
};

/** Where two answers differ (empty when equal): series only one has, and per series the first differing point. */
function answerDiff(prom: readonly PromSample[], vm: readonly PromSample[]): string[] {
  const points = (s: PromSample): Array<[number, string]> => (s.values ?? (s.value ? [s.value] : [])).map(([t, v]) => [Math.round(t * 1000), v]);
  const a = new Map(prom.map((s) => [key(s.metric), points(s)]));
  const b = new Map(vm.map((s) => [key(s.metric), points(s)]));
  const out: string[] = [];
  for (const k of a.keys()) if (!b.has(k)) out.push(`only on Prometheus: ${k} ${JSON.stringify(a.get(k)!.slice(0, 3))}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`only on VictoriaMetrics: ${k} ${JSON.stringify(b.get(k)!.slice(0, 3))}`);
  for (const [k, pa] of a) {
    const pb = b.get(k);
    if (!pb) continue;
    const byTime = new Map(pb);
    const times = new Set([...pa.map(([t]) => t), ...pb.map(([t]) => t)]);
    const ta = new Map(pa);
    for (const t of [...times].sort((x, y) => x - y)) {
      const [va, vb] = [ta.get(t), byTime.get(t)];
      if (va === undefined || vb === undefined || !sameNumber(va, vb)) {
        out.push(`${k} at ${t}: Prometheus ${va ?? 'none'}, VictoriaMetrics ${vb ?? 'none'} (${pa.length} vs ${pb.length} points)`);
        break;
      }
    }
  }
  return out;
}

for (const spelling of SPELLINGS) {
  describe(`VictoriaMetrics 1.145 answers as Prometheus 3.5 does, ${spelling} metric names`, () => {
    const prom = (): QueryEngine => copies[spelling]!.prom;
    const vm = (): QueryEngine => copies[spelling]!.vm;

    test('both hold exactly the raw samples the scraping Prometheus holds (NaN only in Prometheus\'s own quantiles)', async () => {
      const withNaN = (await queryInstant(fx[spelling].prom, `{__name__=~".+"}[${exportSeconds}s]`, end)).filter((s) => s.values?.some(([, v]) => v === 'NaN'));
      assert.deepEqual(withNaN.filter((s) => !s.metric.__name__?.startsWith('prometheus_') || s.metric.quantile === undefined).map((s) => s.metric), []);
      const [scraped, a, b] = await Promise.all([rawSamples(fx[spelling].prom), rawSamples(prom()), rawSamples(vm())]);
      assert.ok(scraped.length > 50, `${scraped.length} series exported`);
      assert.deepEqual(answerDiff(scraped, a), [], 'the Prometheus copy');
      assert.deepEqual(answerDiff(scraped, b), [], 'the VictoriaMetrics copy');
    });

    for (const [label, vars] of [
      ['variables = All', ALL],
      ['specific variable values', SPECIFIC],
    ] as const) {
      test(`all ${promQueries.length} dashboard queries give equal answers (${label})`, async () => {
        const diffs: string[] = [];
        let withData = 0;
        for (const q of promQueries) {
          const [a, b] = await Promise.all([run(prom(), q, vars), run(vm(), q, vars)]);
          if (a.length) withData++;
          const d = answerDiff(a, b);
          if (d.length) diffs.push(`${q.dashboardUid} #${q.panelId} "${q.panelTitle}" ${q.refId}:\n    ${d.slice(0, 4).join('\n    ')}\n    ${q.expr}`);
        }
        assert.ok(withData > promQueries.length / 2, `${withData} of ${promQueries.length} queries have data`);
        assert.deepEqual(diffs, []);
      });
    }

    test('without staleness markers (as pushed data), the overview stats still equal the known totals, a resumed session counting both processes', async () => {
      const known = scenarioTotals(fx.scenario);
      const find = (key: 'overview' | 'cost', panelId: number): DashboardQuery => promQueries.find((q) => q.dashboardUid === DASHBOARDS[key].uid && q.panelId === panelId && q.refId === 'A')!;
      const P = PANELS.overview;
      const want: Array<[number, number, string]> = [
        [P.cost, known.costUsd, 'cost'],
        [P.tokens, tokenTypes.reduce((a, k) => a + known.tokens[k], 0), 'tokens'],
        [P.sessions, known.sessions, 'sessions'],
        [P.linesAdded, known.linesOfCode.added, 'lines added'],
        [P.linesRemoved, known.linesOfCode.removed, 'lines removed'],
        [P.commits, known.commits, 'commits'],
        [P.pullRequests, known.pullRequests, 'pull requests'],
        [P.activeTimeUser, known.activeTimeSeconds.user, 'active time (user)'],
        [P.activeTimeCli, known.activeTimeSeconds.cli, 'active time (cli)'],
      ];
      const dCost = fx.scenario.sessions.filter((x) => x.sessionId === SESSION_D).flatMap((x) => x.steps).reduce((a, st) => a + (st.costUsd ?? 0), 0);
      for (const [engine, name] of [
        [prom(), 'Prometheus'],
        [vm(), 'VictoriaMetrics'],
      ] as const) {
        const wrong: string[] = [];
        for (const [id, n, what] of want) {
          const got = total(await run(engine, find('overview', id), ALL));
          if (Math.abs(got - n) > 1e-9 * Math.max(1, n)) wrong.push(`${what}: ${got} vs ${n}`);
        }
        const d = total(await run(engine, find('cost', PANELS.cost.costBySession), { ...ALL, session: regexValue([SESSION_D]) }));
        if (Math.abs(d - dCost) > 1e-9) wrong.push(`the resumed session's cost: ${d} vs ${dCost}`);
        assert.deepEqual(wrong, [], name);
      }
    });

    test('the scraping Prometheus (with staleness markers) gives the same answers, session durations to within a step', async () => {
      // A duration is the last minus the first sample time seen at the subquery's steps: a staleness marker
      // ends a series at the first step after its last scrape, and without one the last sample is seen
      // exactly, so the two differ by up to a step (PromQL 3.5 has no first/last sample time function).
      const durations = promQueries.find((q) => q.dashboardUid === DASHBOARDS.usage.uid && q.panelId === PANELS.usage.sessionDurations && q.refId === 'A')!;
      const diffs: string[] = [];
      for (const q of promQueries) {
        const [a, b] = await Promise.all([run(fx[spelling].prom, q, ALL), run(prom(), q, ALL)]);
        if (q === durations) {
          const life = (r: PromSample[]): Record<string, number> => Object.fromEntries(r.map((x) => [x.metric.session_id ?? '', Number(x.value![1])]));
          const [la, lb] = [life(a), life(b)];
          assert.deepEqual(Object.keys(la).sort(), Object.keys(lb).sort(), 'the same sessions');
          for (const id of Object.keys(la)) assert.ok(Math.abs(la[id]! - lb[id]!) <= STEP, `${id}: ${la[id]} s scraped, ${lb[id]} s pushed`);
          continue;
        }
        const d = answerDiff(a, b);
        if (d.length) diffs.push(`${q.dashboardUid} #${q.panelId} "${q.panelTitle}" ${q.refId}:\n    ${d.slice(0, 4).join('\n    ')}`);
      }
      assert.deepEqual(diffs, []);
    });

    test('the variable queries (label_values, query_result) offer the same values, on All and chained', async () => {
      const offered = async (engine: QueryEngine, definition: string, regex: string, vars: Record<string, string>): Promise<string[]> => {
        const d = interpolate(definition, values(vars));
        const parsed = parseLabelValues(d);
        if (parsed) return applyVariableRegex(await labelValues(engine, parsed.label, parsed.selector, fx.start, end), regex).sort();
        const expr = parseQueryResult(d);
        assert.ok(expr, `label_values or query_result: ${definition}`);
        return applyVariableRegex(queryResultLines(await queryInstant(engine, expr, end)), regex).sort();
      };
      const chained = [ALL, { ...ALL, user: regexValue([EMAIL_2]) }, { ...ALL, project: regexValue([PROJECT_1]) }, { ...ALL, machine: regexValue([HOST_1]) }];
      for (const v of variableQueriesOf(dashboards.overview as never)) {
        for (const vars of chained) {
          const want = await offered(prom(), v.definition, v.regex, vars);
          assert.ok(vars !== ALL || want.length > 0, `$${v.name} offers values`);
          assert.deepEqual(await offered(vm(), v.definition, v.regex, vars), want, `$${v.name} with ${JSON.stringify(vars)}`);
        }
      }
    });
  });
}
