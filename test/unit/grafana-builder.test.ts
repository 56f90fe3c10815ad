/**
 * The dashboard builder expresses what comes next: a variable listing an info metric's label, a panel
 * joining cost with that info metric, a percentage as a gauge and as a time series with thresholds.
 * And it keeps what the SDK would change: panels stay where they are put, links stay on the bar.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import { dashboard, SCHEMA_VERSION } from '../../electron/core/grafana/dashboards/dashboard.js';
import { panel, stat, table, thresholds, timeseries } from '../../electron/core/grafana/dashboards/panels.js';
import { prom } from '../../electron/core/grafana/dashboards/targets.js';
import { queryVariable } from '../../electron/core/grafana/dashboards/variables.js';
import { parseLabelValues, queriesOf, variableQueriesOf } from '../../electron/core/grafana/extract.js';
import { rangeCount, sel } from '../../electron/core/grafana/queries.js';
import { DATASOURCE_UIDS, VARIABLES } from '../../electron/core/grafana/uids.js';

interface Json {
  [k: string]: unknown;
}

const at = (x: number, y: number) => ({ x, y, w: 12, h: 8 });
const PERCENT_STEPS = [
  { value: 0.8, color: 'orange' },
  { value: 0.95, color: 'red' },
];

test('a variable whose values are a label of an info metric', () => {
  const v = queryVariable('project', 'Project', 'label_values(ccmon_session_info, project)').build() as unknown as Json;
  assert.equal(v.type, 'query');
  assert.equal(v.definition, 'label_values(ccmon_session_info, project)');
  assert.equal(v.query, v.definition, 'the string form Grafana parses');
  assert.deepEqual(v.datasource, { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus });
  assert.deepEqual([v.includeAll, v.multi, v.allValue], [true, true, '.*']);
  assert.deepEqual(parseLabelValues(String(v.definition)), { selector: 'ccmon_session_info', label: 'project' });

  const d = dashboard('cost', 'x', [], { variables: [queryVariable('project', 'Project', 'label_values(ccmon_session_info, project)')] });
  assert.deepEqual(
    d.templating.list!.map((x) => x.name),
    ['user', 'terminal', 'model', 'session', 'project'],
    'after the standard four',
  );
  assert.ok(VARIABLES.every((n) => d.templating.list!.some((x) => x.name === n)));
  assert.deepEqual(
    variableQueriesOf(d as never).map((q) => q.name),
    ['user', 'terminal', 'model', 'session', 'project'],
  );
});

test('a table joining cost by session with the info metric', () => {
  const joined = `${rangeCount(sel('cost'), ['session_id'])} * on (session_id) group_left (project) ccmon_session_info`;
  const p = table({ id: 1, title: 'Cost by project', gridPos: at(0, 0), columns: [{ title: 'Cost', unit: 'currencyUSD', expr: joined }], sortBy: 'Cost' }).build() as unknown as Json;
  const [t] = p.targets as Json[];
  assert.equal(t!.expr, joined);
  assert.deepEqual([t!.instant, t!.range, t!.format], [true, false, 'table']);
  const organize = (p.transformations as { id: string; options: { renameByName: Record<string, string> } }[]).find((x) => x.id === 'organize');
  assert.deepEqual(organize?.options.renameByName, { Value: 'Cost' });
  const [q] = queriesOf({ uid: 'u', panels: [p] });
  assert.deepEqual([q!.datasource, q!.instant, q!.expr], ['prometheus', true, joined], 'the PromQL test runs it like any other');
  assert.throws(() => table({ id: 2, title: 'T', gridPos: at(0, 0), columns: [{ title: 'Cost', unit: 'short', expr: 'up' }], sortBy: 'Costs' }), /not one of its columns/);
});

test('a percentage as a gauge and as a time series, with thresholds', () => {
  const g = panel(new gauge.PanelBuilder(), { id: 1, title: 'Five-hour limit used', gridPos: at(0, 0), targets: prom('instant', { expr: 'ccmon_plan_limit_used_ratio' }) })
    .unit('percentunit')
    .min(0)
    .max(1)
    .thresholds(thresholds('green', PERCENT_STEPS))
    .build() as unknown as Json;
  assert.equal(g.type, 'gauge');
  const defaults = (g.fieldConfig as { defaults: Json }).defaults;
  assert.deepEqual([defaults.unit, defaults.min, defaults.max], ['percentunit', 0, 1]);
  assert.deepEqual(defaults.thresholds, { mode: 'absolute', steps: [{ color: 'green', value: null }, ...PERCENT_STEPS] });
  assert.deepEqual(g.datasource, { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus });

  const ts = timeseries({ id: 2, title: 'Limit used', gridPos: at(12, 0), unit: 'percentunit', targets: prom('range', { expr: 'ccmon_plan_limit_used_ratio' }) })
    .thresholds(thresholds('green', PERCENT_STEPS))
    .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.LineAndArea))
    .build() as unknown as Json;
  const tsDefaults = (ts.fieldConfig as { defaults: { custom: Json; thresholds: Json } }).defaults;
  assert.deepEqual(tsDefaults.custom.thresholdsStyle, { mode: 'line+area' });
  assert.equal((tsDefaults.thresholds as { steps: unknown[] }).steps.length, 3);

  const s = stat({ id: 3, title: 'Used', gridPos: at(0, 8), unit: 'percentunit', thresholds: PERCENT_STEPS, targets: prom('instant', { expr: 'up' }) }).build() as unknown as Json;
  const sDefaults = (s.fieldConfig as { defaults: Json }).defaults;
  assert.deepEqual(sDefaults.color, { mode: 'thresholds', fixedColor: 'blue' }, 'coloured by its thresholds');
});

test('panels keep their gridPos (no SDK auto-layout), Grafana 12.1 schema, links without placement', () => {
  const mk = (id: number) => stat({ id, title: `S${id}`, gridPos: { x: 0, y: 0, w: 6, h: 4 }, unit: 'short', targets: prom('instant', { expr: 'up' }) });
  const d = dashboard('overview', 'x', [mk(1), mk(2)]);
  assert.deepEqual(
    d.panels!.map((p) => p.gridPos),
    [
      { x: 0, y: 0, w: 6, h: 4 },
      { x: 0, y: 0, w: 6, h: 4 },
    ],
  );
  assert.equal(d.schemaVersion, SCHEMA_VERSION);
  assert.equal(d.links!.length, 4);
  for (const l of [...d.links!, ...d.annotations.list!]) assert.ok(!('placement' in l), JSON.stringify(l));
});
