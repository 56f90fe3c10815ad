/**
 * The panel kinds these dashboards use, in one house style, on the SDK's typed panel builders. Each
 * returns its builder, so a panel adds what is its own (`.decimals(2)`, `.min(0)`, `.overrideByName(...)`)
 * with the SDK's types; `panel()` gives any other SDK panel kind (gauge, bar chart...) the same basics.
 */
import * as bargaugePanel from '@grafana/grafana-foundation-sdk/bargauge';
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import * as logsPanel from '@grafana/grafana-foundation-sdk/logs';
import * as piePanel from '@grafana/grafana-foundation-sdk/piechart';
import * as statPanel from '@grafana/grafana-foundation-sdk/stat';
import * as tablePanel from '@grafana/grafana-foundation-sdk/table';
import * as textPanel from '@grafana/grafana-foundation-sdk/text';
import * as timeseriesPanel from '@grafana/grafana-foundation-sdk/timeseries';
import { datasourceRef } from '../uids.js';
import { loki, prom, refId, type Target } from './targets.js';

export interface PanelInput {
  id: number;
  title: string;
  description?: string;
  gridPos: dash.GridPos;
  targets: Target[];
}

/** What every SDK panel builder has. */
interface PanelBuilder<B> extends Builder<dash.Panel> {
  id(id: number): B;
  title(title: string): B;
  description(description: string): B;
  gridPos(gridPos: dash.GridPos): B;
  datasource(datasource: dash.DataSourceRef): B;
  targets(targets: Builder<Dataquery>[]): B;
}

/** Any SDK panel with its id, title, layout and queries; the datasource is the queries' own, `-- Mixed --` for both. */
export function panel<B extends PanelBuilder<B>>(b: B, p: PanelInput): B {
  b.id(p.id).title(p.title).gridPos(p.gridPos).targets(p.targets.map((t) => t.query));
  if (p.description) b.description(p.description);
  const kinds = new Set(p.targets.map((t) => t.datasource));
  const [only] = kinds;
  return b.datasource(only && kinds.size === 1 ? datasourceRef(only) : { type: 'datasource', uid: '-- Mixed --' });
}

export interface Step {
  value: number;
  color: string;
}

/** Absolute thresholds: `base` below the first step. */
export function thresholds(base: string, steps: Step[] = []): dash.ThresholdsConfigBuilder {
  return new dash.ThresholdsConfigBuilder().mode(dash.ThresholdsMode.Absolute).steps([{ color: base, value: null }, ...steps]);
}

const palette = (): dash.FieldColorBuilder => new dash.FieldColorBuilder().mode(dash.FieldColorModeId.PaletteClassic);
const lastNotNull = (): common.ReduceDataOptionsBuilder => new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false);

/** A legend shown as a table (time series and pie charts have their own legend builders). */
function tableLegend<B extends { displayMode(m: common.LegendDisplayMode): B; placement(p: common.LegendPlacement): B; showLegend(s: boolean): B }>(b: B, placement: common.LegendPlacement): B {
  return b.displayMode(common.LegendDisplayMode.Table).placement(placement).showLegend(true);
}

/** One number; coloured by `thresholds` when given, else in `color`. */
export function stat(p: PanelInput & { unit: string; color?: string; thresholds?: Step[] }): statPanel.PanelBuilder {
  const color = p.color ?? 'blue';
  return panel(new statPanel.PanelBuilder(), p)
    .unit(p.unit)
    .colorScheme(new dash.FieldColorBuilder().mode(p.thresholds ? dash.FieldColorModeId.Thresholds : dash.FieldColorModeId.Fixed).fixedColor(color))
    .thresholds(thresholds(color, p.thresholds))
    .noValue('0')
    .reduceOptions(lastNotNull())
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .orientation(common.VizOrientation.Auto)
    .textMode(common.BigValueTextMode.Auto)
    .wideLayout(true)
    .showPercentChange(false);
}

/** Lines (legend: last and max) or, with `bars`, bars (legend: the sum); `stack` stacks the series. */
export function timeseries(p: PanelInput & { unit: string; bars?: boolean; stack?: boolean }): timeseriesPanel.PanelBuilder {
  return panel(new timeseriesPanel.PanelBuilder(), p)
    .unit(p.unit)
    .colorScheme(palette())
    .drawStyle(p.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(p.bars ? 80 : 10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .stacking(new common.StackingConfigBuilder().mode(p.stack ? common.StackingMode.Normal : common.StackingMode.None).group('A'))
    .axisPlacement(common.AxisPlacement.Auto)
    .barAlignment(common.BarAlignment.Before)
    .legend(tableLegend(new common.VizLegendOptionsBuilder(), common.LegendPlacement.Bottom).calcs(p.bars ? ['sum'] : ['lastNotNull', 'max']))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
}

/** What was counted per interval: stacked bars, one a minute unless the panel says otherwise (`.interval('1h')`). */
export function bars(p: PanelInput & { unit: string; stack?: boolean }): timeseriesPanel.PanelBuilder {
  return timeseries({ ...p, bars: true, stack: p.stack ?? true }).interval('1m');
}

/** Horizontal bars, one per series. */
export function bargauge(p: PanelInput & { unit: string }): bargaugePanel.PanelBuilder {
  return panel(new bargaugePanel.PanelBuilder(), p)
    .unit(p.unit)
    .colorScheme(palette())
    .min(0)
    .reduceOptions(lastNotNull())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .showUnfilled(true)
    .valueMode(common.BarGaugeValueMode.Color)
    .namePlacement(common.BarGaugeNamePlacement.Auto)
    .sizing(common.BarGaugeSizing.Auto);
}

/** A donut of the series' last values, legend with value and percent. */
export function piechart(p: PanelInput & { unit: string }): piePanel.PanelBuilder {
  return panel(new piePanel.PanelBuilder(), p)
    .unit(p.unit)
    .colorScheme(palette())
    .reduceOptions(lastNotNull())
    .pieType(piePanel.PieChartType.Donut)
    .legend(tableLegend(new piePanel.PieChartLegendOptionsBuilder(), common.LegendPlacement.Right).values([piePanel.PieChartLegendValues.Value, piePanel.PieChartLegendValues.Percent]))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Single).sort(common.SortOrder.None));
}

export interface Column {
  title: string;
  unit: string;
  /** An instant query; its labels become the row's other columns. */
  expr: string;
}

/**
 * A table with a value column per instant query (Prometheus, or Loki with `source: 'loki'`), rows
 * merged on their labels. `hide` drops label columns; `sortBy` (a column's title) sorts descending.
 */
export function table(p: Omit<PanelInput, 'targets'> & { columns: Column[]; source?: 'prometheus' | 'loki'; hide?: string[]; sortBy?: string }): tablePanel.PanelBuilder {
  const qs = p.columns.map((c) => ({ expr: c.expr }));
  const lokiTable = p.source === 'loki';
  const b = panel(new tablePanel.PanelBuilder(), { ...p, targets: lokiTable ? loki('instant', ...qs) : prom('table', ...qs) })
    .align(common.FieldTextAlignment.Auto)
    .filterable(true)
    .showHeader(true)
    .cellHeight(common.TableCellHeight.Sm)
    .footer(new common.TableFooterOptionsBuilder().show(false).reducer(['sum']));
  const renames: Record<string, string> = {};
  p.columns.forEach((c, i) => {
    renames[p.columns.length > 1 ? `Value #${refId(i)}` : 'Value'] = c.title;
    b.overrideByName(c.title, [{ id: 'unit', value: c.unit }]);
  });
  if (p.sortBy) {
    if (!p.columns.some((c) => c.title === p.sortBy)) throw new Error(`Table "${p.title}" sorts by ${p.sortBy}, which is not one of its columns`);
    b.sortBy([new common.TableSortByFieldStateBuilder().displayName(p.sortBy).desc(true)]);
  }
  const exclude: Record<string, boolean> = { Time: true };
  for (const h of p.hide ?? []) exclude[h] = true;
  return b.transformations([
    // Loki answers one frame per series, labels on the value field: labels become columns, frames one table.
    ...(lokiTable ? [{ id: 'labelsToFields', options: { mode: 'columns' } }] : []),
    ...(p.columns.length > 1 || lokiTable ? [{ id: 'merge', options: {} }] : []),
    { id: 'organize', options: { excludeByName: exclude, renameByName: renames, indexByName: {} } },
  ]);
}

/** Log lines, newest first, wrapped, with their details on click. */
export function logs(p: PanelInput): logsPanel.PanelBuilder {
  return panel(new logsPanel.PanelBuilder(), p)
    .showTime(true)
    .showLabels(false)
    .showCommonLabels(false)
    .wrapLogMessage(true)
    .prettifyLogMessage(false)
    .enableLogDetails(true)
    .enableInfiniteScrolling(true)
    .dedupStrategy(common.LogsDedupStrategy.None)
    .sortOrder(common.LogsSortOrder.Descending);
}

/** Markdown, no title. */
export function text(id: number, gridPos: dash.GridPos, content: string): textPanel.PanelBuilder {
  return new textPanel.PanelBuilder()
    .id(id)
    .title('')
    .gridPos(gridPos)
    .mode(textPanel.TextMode.Markdown)
    .content(content)
    .code(new textPanel.CodeOptionsBuilder().language(textPanel.CodeLanguage.Plaintext).showLineNumbers(false).showMiniMap(false));
}
