/**
 * Grafana URLs for the "Open in Grafana" buttons until the Grafana deep-link module (issue 6,
 * electron/core/grafana) lands: the dashboards tagged `claude-code`, and Explore on Loki, for a range.
 * Pure.
 */
import type { ChartRange, GrafanaLinks } from '../api/types.js';

export function grafanaLinksFallback(grafanaUrl: string, range: ChartRange): GrafanaLinks {
  const base = grafanaUrl.replace(/\/+$/, '');
  const time = `from=now-${range}&to=now`;
  const search = `${base}/dashboards?tag=claude-code&${time}`;
  return { overview: search, cost: search, tokens: search, logs: `${base}/explore?${time}` };
}
