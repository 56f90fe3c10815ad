/** A provisioned dashboard: fixed uid and title, the shared variables, links to the other four, the panels. */
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARD_KEYS, DASHBOARDS, type DashboardKey } from '../uids.js';
import { standardVariables } from './variables.js';

/**
 * Grafana 12.1's (the stack's) latest schema. The SDK writes 42 (Grafana 12.2+), which 12.1's dashboard
 * migrator refuses ("schema version not migrated to target version").
 */
export const SCHEMA_VERSION = 41;

/** Links to the other four dashboards, keeping the time range and the variables. */
function crossLinks(self: DashboardKey): dash.DashboardLinkBuilder[] {
  return DASHBOARD_KEYS.filter((k) => k !== self).map((k) =>
    new dash.DashboardLinkBuilder(DASHBOARDS[k].title.replace(/^Claude Code · /, ''))
      .type(dash.DashboardLinkType.Link)
      .url(`/d/${DASHBOARDS[k].uid}/${DASHBOARDS[k].slug}`)
      .icon('dashboard')
      .keepTime(true)
      .includeVars(true)
      .tooltip(DASHBOARDS[k].title),
  );
}

const builtInAnnotations = (): dash.AnnotationQueryBuilder =>
  new dash.AnnotationQueryBuilder()
    .builtIn(1)
    .datasource({ type: 'grafana', uid: '-- Grafana --' })
    .enable(true)
    .hide(true)
    .iconColor('rgba(0, 211, 255, 1)')
    .name('Annotations & Alerts')
    .type('dashboard');

/**
 * The SDK's default `placement: inControlsMenu` (grafana-foundation-sdk#1272) would move the links and the
 * annotation toggle into the dashboard controls menu of Grafana 12.4+; they stay above the panels.
 */
function withoutPlacement<T extends { placement?: unknown }>(items: T[] | undefined): Omit<T, 'placement'>[] {
  return (items ?? []).map(({ placement: _placement, ...rest }) => rest);
}

/** `variables` come after the standard four. Panels keep their own gridPos (the SDK's auto-layout is not used). */
export function dashboard(
  key: DashboardKey,
  description: string,
  panels: Builder<dash.Panel>[],
  opts: { from?: string; variables?: Builder<dash.VariableModel>[] } = {},
): dash.Dashboard {
  const d = DASHBOARDS[key];
  const built = new dash.DashboardBuilder(d.title)
    .uid(d.uid)
    .description(description)
    .tags(['claude-code', 'ccmon'])
    .timezone('browser')
    .editable()
    .tooltip(dash.DashboardCursorSync.Crosshair)
    .version(1)
    .time({ from: opts.from ?? 'now-24h', to: 'now' })
    .timepicker(new dash.TimePickerBuilder().refreshIntervals(['10s', '30s', '1m', '5m', '15m', '1h']))
    .refresh('1m')
    .liveNow(false)
    .fiscalYearStartMonth(0)
    .weekStart('')
    .variables([...standardVariables(), ...(opts.variables ?? [])])
    .annotation(builtInAnnotations())
    .links(crossLinks(key))
    .build();
  return {
    ...built,
    schemaVersion: SCHEMA_VERSION,
    links: withoutPlacement(built.links),
    annotations: { list: withoutPlacement(built.annotations.list) },
    panels: panels.map((p) => p.build()),
  };
}
