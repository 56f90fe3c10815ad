/** The app's "Open in Grafana" links (API `getGrafanaLinks`), for a chart range. Pure. */
import type { ChartRange, GrafanaLinks } from '../api/types.js';
import { dashboardUrl, panelUrl } from './links.js';

export function appGrafanaLinks(grafanaUrl: string, range: ChartRange): GrafanaLinks {
  const r = { from: `now-${range}`, to: 'now' };
  return {
    overview: dashboardUrl(grafanaUrl, 'overview', r),
    cost: dashboardUrl(grafanaUrl, 'cost', r),
    tokens: panelUrl(grafanaUrl, 'overview', 'tokensOverTime', r),
    planLimits: panelUrl(grafanaUrl, 'overview', 'planUtilization', r),
    logs: dashboardUrl(grafanaUrl, 'events', r),
  };
}
