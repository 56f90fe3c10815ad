/** The plan windows' utilization over time (issue 11): on the overview and cost dashboards, linked from the app's window. */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import type * as timeseriesPanel from '@grafana/grafana-foundation-sdk/timeseries';
import { planUtilization } from '../queries.js';
import { thresholds, timeseries } from './panels.js';
import { prom } from './targets.js';

/** The alert levels the app's settings start with (80 %, 95 %). */
export const PLAN_THRESHOLDS = [
  { value: 80, color: 'orange' },
  { value: 95, color: 'red' },
];

export function planUtilizationPanel(id: number, gridPos: dash.GridPos): timeseriesPanel.PanelBuilder {
  return timeseries({
    id,
    title: 'Plan limits: share used (5-hour, 7-day)',
    description:
      "Each window's utilization as Claude Code's status line reported it (claude.ai plans only; recorded by ccmon's status line), per person: the newest report across sessions, 0 once the window has reset. Dashed lines at 80 % and 95 %.",
    gridPos,
    unit: 'percent',
    targets: prom('range', { expr: planUtilization('five_hour'), legend: '5-hour · {{person}}' }, { expr: planUtilization('seven_day'), legend: '7-day · {{person}}' }),
  })
    .min(0)
    .max(100)
    .lineInterpolation(common.LineInterpolation.StepAfter)
    .thresholds(thresholds('green', PLAN_THRESHOLDS))
    .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
}
