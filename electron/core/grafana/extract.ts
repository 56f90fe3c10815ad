/**
 * The queries inside a dashboard's JSON: every target of every panel (rows' nested panels too),
 * with its datasource and query kind, and the variable queries (label_values, query_result). Pure;
 * used by the tests that run each query against a real Prometheus / parse it as LogQL, and by
 * anything that wants to open a panel's query in Explore.
 */
import { DATASOURCE_UIDS, type DatasourceKind } from './uids.js';

export interface DashboardQuery {
  dashboardUid: string;
  panelId: number;
  panelTitle: string;
  refId: string;
  datasource: DatasourceKind;
  expr: string;
  /** Prometheus instant query / Loki instant query (else a range query). */
  instant: boolean;
  /** Panel-level minimum interval, e.g. `1m`. */
  interval?: string;
}

interface RawTarget {
  refId?: string;
  expr?: string;
  instant?: boolean;
  queryType?: string;
  datasource?: { uid?: string };
}

interface RawPanel {
  id?: number;
  title?: string;
  type?: string;
  interval?: string;
  datasource?: { uid?: string } | null;
  targets?: RawTarget[];
  panels?: RawPanel[];
}

function kindOf(uid: string | undefined): DatasourceKind {
  for (const [kind, u] of Object.entries(DATASOURCE_UIDS)) if (u === uid) return kind as DatasourceKind;
  throw new Error(`Unknown datasource uid ${JSON.stringify(uid)}: expected one of ${Object.values(DATASOURCE_UIDS).join(', ')}`);
}

export function panelsOf(dashboard: { panels?: RawPanel[] }): RawPanel[] {
  const out: RawPanel[] = [];
  const walk = (ps: RawPanel[] | undefined): void => {
    for (const p of ps ?? []) {
      out.push(p);
      walk(p.panels);
    }
  };
  walk(dashboard.panels);
  return out;
}

export function queriesOf(dashboard: { uid?: string; panels?: RawPanel[] }): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const p of panelsOf(dashboard)) {
    for (const t of p.targets ?? []) {
      if (t.expr === undefined) continue;
      const datasource = kindOf(t.datasource?.uid ?? p.datasource?.uid);
      out.push({
        dashboardUid: dashboard.uid ?? '',
        panelId: p.id ?? -1,
        panelTitle: p.title ?? '',
        refId: t.refId ?? '',
        datasource,
        expr: t.expr,
        instant: datasource === 'prometheus' ? t.instant === true : t.queryType === 'instant',
        ...(p.interval ? { interval: p.interval } : {}),
      });
    }
  }
  return out;
}

export interface VariableQuery {
  name: string;
  /** `label_values(selector, label)` or `query_result(expr)`, as written in the dashboard. */
  definition: string;
  /** Grafana's `/regex/` applied to the values (first capture group = value); '' for none. */
  regex: string;
}

export function variableQueriesOf(dashboard: { templating?: { list?: { name?: string; type?: string; definition?: string; regex?: string }[] } }): VariableQuery[] {
  return (dashboard.templating?.list ?? [])
    .filter((v) => v.type === 'query' && v.definition)
    .map((v) => ({ name: v.name ?? '', definition: v.definition!, regex: v.regex ?? '' }));
}

/** What Grafana offers for a variable: the values through its `/regex/` (first capture group, else the match), deduplicated. */
export function applyVariableRegex(values: readonly string[], regex: string): string[] {
  if (!regex) return [...new Set(values)];
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  if (!m) throw new Error(`Variable regex must look like /.../flags: ${regex}`);
  const re = new RegExp(m[1]!, m[2]!.replace('g', ''));
  const out: string[] = [];
  for (const v of values) {
    const hit = re.exec(v);
    if (hit) out.push(hit[1] ?? hit[0]);
  }
  return [...new Set(out)];
}

/** Splits `label_values(selector, label)` into its parts; undefined for other forms. */
export function parseLabelValues(definition: string): { selector: string; label: string } | undefined {
  const m = /^label_values\(\s*(.*?)\s*,\s*(\w+)\s*\)$/s.exec(definition.trim());
  return m ? { selector: m[1]!, label: m[2]! } : undefined;
}

/** The expression of `query_result(expr)`; undefined for other forms. */
export function parseQueryResult(definition: string): string | undefined {
  const m = /^query_result\((.*)\)$/s.exec(definition.trim());
  return m ? m[1]!.trim() : undefined;
}

/**
 * The lines Grafana's Prometheus `query_result()` variable offers its regex, one per series of the
 * instant vector: `name{label="value",...} value timestamp_ms` (metric_find_query.ts).
 */
export function queryResultLines(result: readonly { metric: Record<string, string>; value?: [number, string] }[]): string[] {
  return result.map(({ metric, value }) => {
    const { __name__: name = '', ...labels } = metric;
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    return `${name}{${pairs.join(',')}} ${value?.[1] ?? ''} ${(value?.[0] ?? 0) * 1000}`;
  });
}
