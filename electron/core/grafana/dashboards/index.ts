/** The provisioned dashboards, built from code so queries, uids and panel ids have one source. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardKey } from '../uids.js';
import { costDashboard } from './cost.js';
import { eventsDashboard } from './events.js';
import { overviewDashboard } from './overview.js';
import { performanceDashboard } from './performance.js';
import { usageDashboard } from './usage.js';

export const DASHBOARD_BUILDERS: Record<DashboardKey, () => Dashboard> = {
  overview: overviewDashboard,
  usage: usageDashboard,
  performance: performanceDashboard,
  cost: costDashboard,
  events: eventsDashboard,
};

/** File name of each dashboard under compose/grafana/dashboards/. */
export function dashboardFileName(key: DashboardKey): string {
  return `ccmon-${key}.json`;
}

/** The JSON as written to disk (2-space indent, trailing newline). */
export function dashboardJson(key: DashboardKey): string {
  return `${JSON.stringify(DASHBOARD_BUILDERS[key](), null, 2)}\n`;
}
