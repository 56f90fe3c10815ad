/** A panel's queries: Prometheus and Loki targets on the SDK's typed query builders, by provisioned datasource uid. */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import * as lokiQuery from '@grafana/grafana-foundation-sdk/loki';
import * as promQuery from '@grafana/grafana-foundation-sdk/prometheus';
import { datasourceRef, type DatasourceKind } from '../uids.js';

export interface Q {
  expr: string;
  legend?: string;
}

export interface Target {
  datasource: DatasourceKind;
  query: Builder<Dataquery>;
}

/** Grafana's refIds: A, B, C... in query order (tables name their value columns `Value #A`...). */
export function refId(i: number): string {
  return String.fromCharCode(65 + i);
}

function each<B extends Builder<Dataquery> & { legendFormat(l: string): B }>(datasource: DatasourceKind, qs: Q[], make: (q: Q, ref: string) => B): Target[] {
  return qs.map((q, i) => {
    const b = make(q, refId(i));
    if (q.legend) b.legendFormat(q.legend);
    return { datasource, query: b };
  });
}

/**
 * Prometheus targets: `range` gives a series per expression (time series panels); `instant` one value
 * at the end of the dashboard's range (stats, gauges), `table` the same as rows with their labels.
 */
export function prom(mode: 'range' | 'instant' | 'table', ...qs: Q[]): Target[] {
  return each('prometheus', qs, (q, ref) => {
    const b = new promQuery.DataqueryBuilder().refId(ref).datasource(datasourceRef('prometheus')).expr(q.expr).editorMode(promQuery.QueryEditorMode.Code);
    if (mode === 'range') return b.range();
    return b.instant().format(mode === 'table' ? promQuery.PromQueryFormat.Table : promQuery.PromQueryFormat.TimeSeries);
  });
}

/** Loki targets: log lines or metric queries over time (`range`), or one value per series (`instant`). */
export function loki(mode: 'range' | 'instant', ...qs: Q[]): Target[] {
  return each('loki', qs, (q, ref) =>
    new lokiQuery.DataqueryBuilder().refId(ref).datasource(datasourceRef('loki')).expr(q.expr).editorMode(lokiQuery.QueryEditorMode.Code).queryType(mode),
  );
}
