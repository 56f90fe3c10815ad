/**
 * Deep links into Grafana, as pure functions of the configured Grafana URL and the fixed uids.
 *
 *   dashboardUrl('http://127.0.0.1:3001', 'cost', { from: 'now-7d', to: 'now', vars: { model: 'claude-opus-4-8' } })
 *   panelUrl('http://127.0.0.1:3001', 'cost', 'burnRate', { from: 'now-24h' })
 *   exploreUrl('http://127.0.0.1:3001', { datasource: 'loki', expr: '{service_name="claude-code"}' })
 *
 * Grafana 12: panels open with `viewPanel=panel-<id>`; Explore takes the `panes` JSON (Grafana ≥ 10.2).
 */
import { DASHBOARDS, PANELS, datasourceRef, type DashboardKey, type DatasourceKind, type VariableName } from './uids.js';

/** A time as Grafana's URL takes it: a Date, epoch milliseconds, or a relative time such as `now-24h`. */
export type GrafanaTime = Date | number | string;

export interface TimeRange {
  from?: GrafanaTime;
  to?: GrafanaTime;
}

export interface DashboardLinkOptions extends TimeRange {
  /** Template variables; an array selects several values. Omitted variables keep the dashboard's default (All). */
  vars?: Partial<Record<VariableName, string | readonly string[]>>;
  /** Auto-refresh, e.g. `30s`. */
  refresh?: string;
  /** Grafana organisation (default 1). */
  orgId?: number;
  /** Kiosk mode (no navigation chrome). */
  kiosk?: boolean;
}

export const DEFAULT_RANGE = { from: 'now-24h', to: 'now' } as const;

/** Grafana's URL form of a time: epoch ms for absolute times, the string as is for relative ones. */
export function grafanaTime(t: GrafanaTime): string {
  if (t instanceof Date) {
    if (Number.isNaN(t.getTime())) throw new RangeError('Invalid Date in a Grafana time range');
    return String(t.getTime());
  }
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) throw new RangeError(`Invalid epoch milliseconds in a Grafana time range: ${t}`);
    return String(Math.round(t));
  }
  const s = t.trim();
  if (!s) throw new RangeError('Empty time in a Grafana time range');
  return s;
}

/** `base` + `path`, keeping a sub-path Grafana is served under (e.g. http://host/grafana/). */
export function grafanaPath(grafanaUrl: string, path: string): URL {
  const base = new URL(grafanaUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`Grafana URL must be http(s): ${grafanaUrl}`);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}${path}`, base.origin);
}

/**
 * A variable value as the dashboards offer it (see VARIABLE_QUERIES in dashboards/variables.ts): a user
 * (a person: an email, an account uuid or a user id) with a 64-hex user id cut to the 40 characters
 * Claude Code's events carry, model names without the `[1m]` context suffix. So a link built from a
 * metric label (a 64-hex user id, `claude-opus-4-8[1m]`) selects metrics and events.
 */
export function dashboardVariableValue(name: VariableName, value: string): string {
  if (name === 'user') return /^[0-9a-f]{41,}$/i.test(value) ? value.slice(0, 40) : value;
  if (name === 'model') return value.replace(/\[[^\]]*\]$/, '');
  return value;
}

function applyCommon(url: URL, o: DashboardLinkOptions): void {
  url.searchParams.set('orgId', String(o.orgId ?? 1));
  url.searchParams.set('from', grafanaTime(o.from ?? DEFAULT_RANGE.from));
  url.searchParams.set('to', grafanaTime(o.to ?? DEFAULT_RANGE.to));
  for (const [name, value] of Object.entries(o.vars ?? {})) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    for (const v of new Set(values.map((x) => dashboardVariableValue(name as VariableName, x)))) url.searchParams.append(`var-${name}`, v);
  }
  if (o.refresh) url.searchParams.set('refresh', o.refresh);
  if (o.kiosk) url.searchParams.set('kiosk', '');
}

/** A provisioned dashboard with a time range and variables. */
export function dashboardUrl(grafanaUrl: string, dashboard: DashboardKey, options: DashboardLinkOptions = {}): string {
  const d = DASHBOARDS[dashboard];
  const url = grafanaPath(grafanaUrl, `/d/${d.uid}/${d.slug}`);
  applyCommon(url, options);
  return url.toString();
}

export type PanelKey<D extends DashboardKey> = keyof (typeof PANELS)[D] & string;

/** One panel of a provisioned dashboard, opened on its own (viewPanel). */
export function panelUrl<D extends DashboardKey>(grafanaUrl: string, dashboard: D, panel: PanelKey<D>, options: DashboardLinkOptions = {}): string {
  const panels = PANELS[dashboard] as Record<string, number>;
  const id = panels[panel];
  if (id === undefined) throw new RangeError(`Dashboard ${dashboard} has no panel "${panel}"`);
  const url = new URL(dashboardUrl(grafanaUrl, dashboard, options));
  url.searchParams.set('viewPanel', `panel-${id}`);
  return url.toString();
}

export interface ExploreOptions extends TimeRange {
  datasource: DatasourceKind;
  /** PromQL for Prometheus, LogQL for Loki. */
  expr: string;
  /** Loki: a logs query (`range`, default) or a metric query at one instant (`instant`). Prometheus: range (default) or instant. */
  queryType?: 'range' | 'instant';
  orgId?: number;
}

/** The `panes` state of Grafana ≥ 10.2 Explore for one query. Pure; exported for tests. */
export function explorePanes(o: ExploreOptions): Record<string, unknown> {
  const ds = datasourceRef(o.datasource);
  const instant = o.queryType === 'instant';
  const query =
    o.datasource === 'prometheus'
      ? { refId: 'A', datasource: ds, expr: o.expr, editorMode: 'code', range: !instant, instant }
      : { refId: 'A', datasource: ds, expr: o.expr, editorMode: 'code', queryType: instant ? 'instant' : 'range' };
  return {
    ccmon: {
      datasource: ds.uid,
      queries: [query],
      range: { from: grafanaTime(o.from ?? DEFAULT_RANGE.from), to: grafanaTime(o.to ?? DEFAULT_RANGE.to) },
    },
  };
}

/** Explore with one Prometheus or Loki query. */
export function exploreUrl(grafanaUrl: string, options: ExploreOptions): string {
  const url = grafanaPath(grafanaUrl, '/explore');
  url.searchParams.set('schemaVersion', '1');
  url.searchParams.set('panes', JSON.stringify(explorePanes(options)));
  url.searchParams.set('orgId', String(options.orgId ?? 1));
  return url.toString();
}
