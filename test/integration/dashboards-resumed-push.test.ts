/**
 * A resumed session on pushed data (no staleness markers, as Prometheus's OTLP receiver and
 * VictoriaMetrics hold it): the new process restarts its counters from zero, and one of its series
 * (lines of code) first appears a step after its session counter. The old process's last value is then
 * still the series' value at that step's start (nothing marks it stale), so a plain difference counts
 * 30 − 10 where the new process counted 30. The dashboards must count both processes (10 + 30) on
 * Prometheus and on VictoriaMetrics alike: the stat over the range, and the per-interval bars.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DashboardQuery } from '../../electron/core/grafana/extract.js';
import { builtinTimeValues, interpolate } from '../../electron/core/grafana/template.js';
import { DASHBOARDS, PANELS } from '../../electron/core/grafana/uids.js';
import { ALL, promQueries } from '../support/dashboard-queries.js';
import { queryInstant, queryRange, total, type QueryEngine } from '../support/dashboards-fixture.js';
import { startPrometheus, type PrometheusHandle } from '../support/prometheus.js';
import { remoteWrite, type WriteSeries } from '../support/remote-write.js';
import { importSamples, startVictoriaMetrics, type VictoriaMetricsHandle } from '../support/victoria-metrics.js';

const STEP = 2; // seconds: the panels' $__interval
const RANGE = 30; // seconds: the dashboard's range, ending at T + 20 s
/** A step boundary ten minutes ago: the old process writes at T+1..3 s, the resumed one from T+4.5 s, its lines from T+6.5 s. */
const T = Math.floor((Date.now() - 600_000) / (STEP * 1000)) * STEP * 1000;
const END = T + 20_000;

const session = { session_id: 'resumed-push', user_id: 'u'.repeat(64), terminal_type: 'xterm' };
const every = (fromS: number, toS: number, value: number): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  for (let s = fromS; s <= toS; s += 1) out.push([T + s * 1000, value]);
  return out;
};
const series: WriteSeries[] = [
  { labels: { __name__: 'claude_code_session_count_total', ...session, start_type: 'fresh' }, samples: every(1, 3, 1) },
  { labels: { __name__: 'claude_code_lines_of_code_count_total', ...session, type: 'added', model: 'claude-sonnet-4-6' }, samples: [...every(1, 3, 10), ...every(6.5, 12.5, 30)] },
  { labels: { __name__: 'claude_code_session_count_total', ...session, start_type: 'resume' }, samples: every(4.5, 12.5, 1) },
];

let prom: PrometheusHandle;
let vm: VictoriaMetricsHandle;

before(async () => {
  prom = await startPrometheus({ targets: [], remoteWriteReceiver: true });
  vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=0s', '-search.disableCache'] });
  await remoteWrite(prom.url, series);
  await importSamples(vm, series.map((s) => ({ metric: s.labels, values: s.samples.map(([t, v]) => [t / 1000, String(v)] as const) })));
});

after(async () => {
  await Promise.all([prom?.stop(), vm?.stop()]);
});

const panel = (id: number): DashboardQuery => promQueries.find((q) => q.dashboardUid === DASHBOARDS.overview.uid && q.panelId === id && q.refId === 'A')!;
const expr = (q: DashboardQuery): string => interpolate(q.expr, { ...builtinTimeValues(RANGE, STEP, 1), ...ALL });

for (const [name, engine] of [
  ['Prometheus 3.5', (): QueryEngine => prom],
  ['VictoriaMetrics 1.145', (): QueryEngine => vm],
] as const) {
  test(`${name}: the resumed session's lines count both processes (10 + 30), in the stat and in the bars`, async () => {
    const stat = total(await queryInstant(engine(), expr(panel(PANELS.overview.linesAdded)), END));
    assert.equal(stat, 40, 'Lines added (the range)');
    const bars = await queryRange(engine(), expr(panel(PANELS.overview.linesOverTime)), END - RANGE * 1000, END, STEP);
    assert.equal(total(bars.filter((b) => b.metric.type === 'added')), 40, 'Lines of code, per interval');
  });
}
