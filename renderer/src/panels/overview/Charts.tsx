/** Cost and tokens over time (recharts: only the pieces used, to keep the bundle small). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageSeries } from '../../../../electron/core/api/types.js';
import { chartRows, tickInterval, type ChartRow } from '../../lib/chart.js';
import { formatTokens, formatUsd, formatUsdAxis } from '../../lib/format.js';
import type { Palette } from '../../lib/palette.js';

const height = 180;

interface TooltipProps {
  active?: boolean;
  payload?: { name?: string; value?: number; color?: string; dataKey?: string | number }[];
  label?: string;
}

function UsageTooltip(props: TooltipProps & { money: boolean }) {
  if (!props.active || !props.payload?.length) return null;
  const rows = props.payload.filter((p) => (p.value ?? 0) > 0 || props.payload!.length === 1);
  const total = props.payload.reduce((a, p) => a + (p.value ?? 0), 0);
  return (
    <div className="chart-tip">
      <div className="chart-tip-title">{props.label}</div>
      {rows.map((p) => (
        <div key={String(p.dataKey)} className="chart-tip-row">
          <span className="swatch" style={{ background: p.color }} />
          <span>{p.name}</span>
          <b>{props.money ? formatUsd(p.value ?? 0) : formatTokens(p.value ?? 0)}</b>
        </div>
      ))}
      {!props.money && rows.length > 1 && (
        <div className="chart-tip-row total">
          <span />
          <span>Total</span>
          <b>{formatTokens(total)}</b>
        </div>
      )}
    </div>
  );
}

function axisProps(palette: Palette, rows: ChartRow[], compact: boolean) {
  return {
    x: {
      dataKey: 'label',
      tickLine: false,
      axisLine: { stroke: palette.grid },
      tick: { fill: palette.axis, fontSize: 11 },
      interval: tickInterval(rows.length, compact ? 4 : 8),
      minTickGap: 8,
    },
    y: { tickLine: false, axisLine: false, tick: { fill: palette.axis, fontSize: 11 }, width: compact ? 40 : 48 },
  };
}

export function CostChart(props: { series: UsageSeries; palette: Palette; compact: boolean }) {
  const rows = chartRows(props.series);
  const a = axisProps(props.palette, rows, props.compact);
  return (
    <div className="chart" data-testid="cost-chart" data-range={props.series.range} data-points={rows.length}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke={props.palette.grid} />
          <XAxis {...a.x} />
          <YAxis {...a.y} tickFormatter={formatUsdAxis} allowDecimals />
          <Tooltip cursor={{ fill: props.palette.cursor }} content={<UsageTooltip money />} isAnimationActive={false} />
          <Bar dataKey="cost" name="Cost" fill={props.palette.cost} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TokensChart(props: { series: UsageSeries; palette: Palette; compact: boolean }) {
  const rows = chartRows(props.series);
  const a = axisProps(props.palette, rows, props.compact);
  const p = props.palette;
  return (
    <div className="chart" data-testid="tokens-chart" data-range={props.series.range} data-points={rows.length}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke={p.grid} />
          <XAxis {...a.x} />
          <YAxis {...a.y} tickFormatter={(v: number) => formatTokens(v)} />
          <Tooltip cursor={{ fill: p.cursor }} content={<UsageTooltip money={false} />} isAnimationActive={false} />
          <Bar dataKey="input" name="Input" stackId="t" fill={p.input} isAnimationActive={false} />
          <Bar dataKey="output" name="Output" stackId="t" fill={p.output} isAnimationActive={false} />
          <Bar dataKey="cacheRead" name="Cache read" stackId="t" fill={p.cacheRead} isAnimationActive={false} />
          <Bar dataKey="cacheCreation" name="Cache write" stackId="t" fill={p.cacheCreation} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
