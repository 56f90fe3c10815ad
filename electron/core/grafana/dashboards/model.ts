/**
 * A small builder for Grafana 12 dashboard JSON (schemaVersion 41). Only what these dashboards
 * use: rows, stat, time series (lines or bars), bar gauge, pie chart, table, logs, text.
 */
import { claudeMetrics, type ClaudeMetric } from '../../telemetry/metrics.js';
import { TERMINAL_MATCHER, USER_MATCHER } from '../queries.js';
import { DASHBOARD_KEYS, DASHBOARDS, datasourceRef, type DashboardKey, type DatasourceKind, type DatasourceRef } from '../uids.js';

export const SCHEMA_VERSION = 41;

export interface Target {
  refId: string;
  datasource: DatasourceRef;
  expr: string;
  legendFormat?: string;
  /** Prometheus: instant (one value at the end of the range) or range (a series). */
  instant?: boolean;
  range?: boolean;
  /** Loki: `range` or `instant`. */
  queryType?: 'range' | 'instant';
  format?: 'time_series' | 'table';
  editorMode?: 'code';
  maxLines?: number;
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DatasourceRef;
  targets?: Target[];
  fieldConfig?: { defaults: Record<string, unknown>; overrides: unknown[] };
  options?: Record<string, unknown>;
  transformations?: unknown[];
  interval?: string;
  collapsed?: boolean;
  panels?: Panel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: string;
  editable: boolean;
  graphTooltip: number;
  schemaVersion: number;
  version: number;
  time: { from: string; to: string };
  timepicker: Record<string, unknown>;
  refresh: string;
  liveNow: boolean;
  fiscalYearStartMonth: number;
  weekStart: string;
  templating: { list: unknown[] };
  annotations: { list: unknown[] };
  links: unknown[];
  panels: Panel[];
}

// ---- queries ----

function nextRef(i: number): string {
  return String.fromCharCode(65 + i);
}

export interface Q {
  expr: string;
  legend?: string;
}

/** Prometheus targets: a range query per expression (time series panels). */
export function promRange(...qs: Q[]): Target[] {
  return qs.map((q, i) => ({
    refId: nextRef(i),
    datasource: datasourceRef('prometheus'),
    expr: q.expr,
    editorMode: 'code' as const,
    range: true,
    instant: false,
    ...(q.legend ? { legendFormat: q.legend } : {}),
  }));
}

/** Prometheus targets: one instant query per expression at the end of the range (stats, tables). */
export function promInstant(format: 'time_series' | 'table', ...qs: Q[]): Target[] {
  return qs.map((q, i) => ({
    refId: nextRef(i),
    datasource: datasourceRef('prometheus'),
    expr: q.expr,
    editorMode: 'code' as const,
    range: false,
    instant: true,
    format,
    ...(q.legend ? { legendFormat: q.legend } : {}),
  }));
}

/** Loki targets (logs, or metric queries over time). */
export function loki(queryType: 'range' | 'instant', ...qs: Q[]): Target[] {
  return qs.map((q, i) => ({
    refId: nextRef(i),
    datasource: datasourceRef('loki'),
    expr: q.expr,
    editorMode: 'code' as const,
    queryType,
    ...(q.legend ? { legendFormat: q.legend } : {}),
  }));
}

// ---- panels ----

export interface PanelInput {
  id: number;
  title: string;
  description?: string;
  gridPos: GridPos;
  targets: Target[];
}

function base(type: string, p: PanelInput): Panel {
  const ds = p.targets[0]?.datasource;
  const kinds = new Set(p.targets.map((t) => t.datasource.uid));
  return {
    id: p.id,
    type,
    title: p.title,
    ...(p.description ? { description: p.description } : {}),
    gridPos: p.gridPos,
    // One datasource per panel; a panel mixing both would need the `-- Mixed --` datasource.
    ...(ds && kinds.size === 1 ? { datasource: ds } : { datasource: { type: 'datasource', uid: '-- Mixed --' } }),
    targets: p.targets,
  };
}

export function stat(p: PanelInput & { unit: string; decimals?: number; color?: string; thresholds?: { value: number; color: string }[] }): Panel {
  return {
    ...base('stat', p),
    fieldConfig: {
      defaults: {
        unit: p.unit,
        ...(p.decimals !== undefined ? { decimals: p.decimals } : {}),
        color: { mode: p.thresholds ? 'thresholds' : 'fixed', fixedColor: p.color ?? 'blue' },
        thresholds: { mode: 'absolute', steps: [{ color: p.color ?? 'blue', value: null }, ...(p.thresholds ?? [])] },
        noValue: '0',
      },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'none',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: 'auto',
      wideLayout: true,
      showPercentChange: false,
    },
  };
}

export function timeseries(
  p: PanelInput & { unit: string; bars?: boolean; stack?: boolean; interval?: string; min?: number; max?: number; overrides?: unknown[] },
): Panel {
  return {
    ...base('timeseries', p),
    ...(p.interval ? { interval: p.interval } : {}),
    fieldConfig: {
      defaults: {
        unit: p.unit,
        ...(p.min !== undefined ? { min: p.min } : {}),
        ...(p.max !== undefined ? { max: p.max } : {}),
        color: { mode: 'palette-classic' },
        custom: {
          drawStyle: p.bars ? 'bars' : 'line',
          lineWidth: 1,
          fillOpacity: p.bars ? 80 : 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: p.stack ? 'normal' : 'none', group: 'A' },
          axisPlacement: 'auto',
          barAlignment: -1,
        },
      },
      overrides: p.overrides ?? [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: p.bars ? ['sum'] : ['lastNotNull', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

export function bargauge(p: PanelInput & { unit: string }): Panel {
  return {
    ...base('bargauge', p),
    fieldConfig: { defaults: { unit: p.unit, color: { mode: 'palette-classic' }, min: 0 }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      orientation: 'horizontal',
      displayMode: 'gradient',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'auto',
      sizing: 'auto',
    },
  };
}

export function piechart(p: PanelInput & { unit: string }): Panel {
  return {
    ...base('piechart', p),
    fieldConfig: { defaults: { unit: p.unit, color: { mode: 'palette-classic' } }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      pieType: 'donut',
      legend: { displayMode: 'table', placement: 'right', showLegend: true, values: ['value', 'percent'] },
      tooltip: { mode: 'single', sort: 'none' },
    },
  };
}

/** A table of instant queries merged on their labels; `columns` renames `Value #A`... in order. */
export function table(p: PanelInput & { columns: { title: string; unit: string }[]; hide?: string[]; sortBy?: string }): Panel {
  const renames: Record<string, string> = {};
  const overrides = p.columns.map((c, i) => {
    const field = p.targets.length > 1 ? `Value #${nextRef(i)}` : 'Value';
    renames[field] = c.title;
    return { matcher: { id: 'byName', options: c.title }, properties: [{ id: 'unit', value: c.unit }] };
  });
  const lokiTable = p.targets.some((t) => t.datasource.type === 'loki');
  const exclude: Record<string, boolean> = { Time: true };
  for (const h of p.hide ?? []) exclude[h] = true;
  return {
    ...base('table', p),
    fieldConfig: { defaults: { custom: { align: 'auto', filterable: true } }, overrides },
    options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' }, ...(p.sortBy ? { sortBy: [{ displayName: p.sortBy, desc: true }] } : {}) },
    transformations: [
      // Loki answers one frame per series, labels on the value field: labels become columns, frames one table.
      ...(lokiTable ? [{ id: 'labelsToFields', options: { mode: 'columns' } }] : []),
      ...(p.targets.length > 1 || lokiTable ? [{ id: 'merge', options: {} }] : []),
      { id: 'organize', options: { excludeByName: exclude, renameByName: renames, indexByName: {} } },
    ],
  };
}

export function logs(p: PanelInput): Panel {
  return {
    ...base('logs', p),
    options: {
      showTime: true,
      showLabels: false,
      showCommonLabels: false,
      wrapLogMessage: true,
      prettifyLogMessage: false,
      enableLogDetails: true,
      enableInfiniteScrolling: true,
      dedupStrategy: 'none',
      sortOrder: 'Descending',
    },
  };
}

export function text(id: number, gridPos: GridPos, content: string): Panel {
  return { id, type: 'text', title: '', gridPos, options: { mode: 'markdown', content, code: { language: 'plaintext', showLineNumbers: false, showMiniMap: false } } };
}

export function row(id: number, y: number, title: string): Panel {
  return { id, type: 'row', title, gridPos: { x: 0, y, w: 24, h: 1 }, collapsed: false, panels: [] };
}

// ---- variables ----

function names(...metrics: ClaudeMetric[]): string {
  return metrics.flatMap((m) => claudeMetrics[m]).join('|');
}

function queryVariable(name: string, label: string, definition: string, regex = ''): Record<string, unknown> {
  return {
    name,
    label,
    type: 'query',
    datasource: datasourceRef('prometheus'),
    definition,
    // The string form: Grafana parses `label_values(selector, label)` itself (an object form would need
    // its separate metric/label fields).
    query: definition,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    regex,
    sort: 1,
    hide: 0,
    skipUrlSync: false,
  };
}

/** The variable queries (label_values), exported for the tests that run them. */
export const VARIABLE_QUERIES = {
  user: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}"}, user_id)`,
  model: `label_values({__name__=~"${names('cost', 'tokens')}", ${USER_MATCHER}}, model)`,
  session: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${USER_MATCHER}, ${TERMINAL_MATCHER}}, session_id)`,
  terminal: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${USER_MATCHER}}, terminal_type)`,
} as const;

/**
 * Grafana's variable regex (the first capture group becomes the value): user ids cut to the 40
 * characters events carry, model names without the `[1m]` context suffix (see queries.ts).
 */
export const VARIABLE_REGEX = { user: '/^(.{1,40})/', model: '/^([^\\[]+)/', session: '', terminal: '' } as const;

export function standardVariables(withBudget = false): unknown[] {
  const list: unknown[] = [
    queryVariable('user', 'User', VARIABLE_QUERIES.user, VARIABLE_REGEX.user),
    queryVariable('terminal', 'Terminal', VARIABLE_QUERIES.terminal),
    queryVariable('model', 'Model', VARIABLE_QUERIES.model, VARIABLE_REGEX.model),
    queryVariable('session', 'Session', VARIABLE_QUERIES.session),
  ];
  if (withBudget) {
    list.push({
      name: 'budget',
      label: 'Daily budget (USD)',
      type: 'textbox',
      query: '10',
      current: { selected: false, text: '10', value: '10' },
      options: [{ selected: true, text: '10', value: '10' }],
      hide: 0,
      skipUrlSync: false,
    });
  }
  return list;
}

/** Links to the other four dashboards, keeping the time range and the variables. */
function crossLinks(self: DashboardKey): unknown[] {
  return DASHBOARD_KEYS.filter((k) => k !== self).map((k) => ({
    title: DASHBOARDS[k].title.replace(/^Claude Code · /, ''),
    type: 'link',
    url: `/d/${DASHBOARDS[k].uid}/${DASHBOARDS[k].slug}`,
    icon: 'dashboard',
    keepTime: true,
    includeVars: true,
    asDropdown: false,
    targetBlank: false,
    tags: [],
    tooltip: DASHBOARDS[k].title,
  }));
}

export function dashboard(key: DashboardKey, description: string, panels: Panel[], opts: { budget?: boolean; from?: string; datasources?: DatasourceKind[] } = {}): Dashboard {
  const d = DASHBOARDS[key];
  return {
    uid: d.uid,
    title: d.title,
    description,
    tags: ['claude-code', 'ccmon'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    time: { from: opts.from ?? 'now-24h', to: 'now' },
    timepicker: { refresh_intervals: ['10s', '30s', '1m', '5m', '15m', '1h'] },
    refresh: '1m',
    liveNow: false,
    fiscalYearStartMonth: 0,
    weekStart: '',
    templating: { list: standardVariables(opts.budget ?? false) },
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    links: crossLinks(key),
    panels,
  };
}
