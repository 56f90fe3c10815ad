/**
 * "Explore this panel": a panel's query opened in Grafana Explore, with the dashboard's own variables
 * substituted (Explore does not know them) and Grafana's built-ins ($__range, $__interval,
 * $__rate_interval) left for Explore to fill. Pure.
 */
import { DASHBOARD_BUILDERS } from './dashboards/index.js';
import { queriesOf } from './extract.js';
import { dashboardVariableValue, exploreUrl, type DashboardLinkOptions, type PanelKey } from './links.js';
import { interpolate, regexValue } from './template.js';
import { PANELS, type DashboardKey, type VariableName } from './uids.js';

const BUILTINS = ['__range', '__range_s', '__range_ms', '__interval', '__interval_ms', '__rate_interval'];

export function panelExploreUrl<D extends DashboardKey>(
  grafanaUrl: string,
  dashboard: D,
  panel: PanelKey<D>,
  options: Pick<DashboardLinkOptions, 'from' | 'to' | 'vars' | 'orgId'> & { refId?: string } = {},
): string {
  const id = (PANELS[dashboard] as Record<string, number>)[panel];
  const q = queriesOf(DASHBOARD_BUILDERS[dashboard]() as never).find((x) => x.panelId === id && (!options.refId || x.refId === options.refId));
  if (!q) throw new RangeError(`Dashboard ${dashboard} has no query for panel "${panel}"`);
  const values: Record<string, string> = Object.fromEntries(BUILTINS.map((b) => [b, `$${b}`]));
  for (const name of ['user', 'model', 'session', 'terminal', 'machine', 'project'] as const) {
    const v = options.vars?.[name];
    const list = v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
    values[name] = list.length ? regexValue([...new Set(list.map((x) => dashboardVariableValue(name as VariableName, x)))]) : '.*';
  }
  const budget = options.vars?.budget;
  values.budget = typeof budget === 'string' ? budget : (budget?.[0] ?? '10');
  return exploreUrl(grafanaUrl, {
    datasource: q.datasource,
    expr: interpolate(q.expr, values),
    ...(q.instant ? { queryType: 'instant' as const } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
  });
}
