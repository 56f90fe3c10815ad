import { sel, sumCount } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard, piechart, promInstant, promRange, stat, table, timeseries, type Dashboard } from './model.js';

const P = PANELS.cost;
const R = '$__range';
const I = '$__interval';

export function costDashboard(): Dashboard {
  const cost = sel('cost');
  const budgetOverride = {
    matcher: { id: 'byName', options: 'Daily budget' },
    properties: [
      { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
      { id: 'custom.fillOpacity', value: 0 },
    ],
  };
  const tokensBy = (type: string) => ({ expr: sumCount(sel('tokens', `type="${type}"`), R, ['session_id'], I) });
  return dashboard(
    'cost',
    'Cost by model and session, the rolling 24 h cost against the daily budget ($budget), and the burn rate.',
    [
      stat({ id: P.costToday, title: 'Cost, last 24 h', gridPos: { x: 0, y: 0, w: 6, h: 4 }, unit: 'currencyUSD', decimals: 2, color: 'green', targets: promInstant('time_series', { expr: sumCount(cost, '1d', [], '1m') }) }),
      stat({ id: P.costPerLine, title: 'Cost per line added', gridPos: { x: 6, y: 0, w: 6, h: 4 }, unit: 'currencyUSD', decimals: 3, targets: promInstant('time_series', { expr: `${sumCount(cost, R, [], I)} / (${sumCount(sel('linesOfCode', 'type="added"'), R, [], I)} > 0)` }) }),
      stat({
        id: P.cacheHitRatio,
        title: 'Cache read share of input',
        description: 'cacheRead / (input + cacheRead + cacheCreation) tokens: higher is cheaper.',
        gridPos: { x: 12, y: 0, w: 6, h: 4 },
        unit: 'percentunit',
        targets: promInstant('time_series', { expr: `${sumCount(sel('tokens', 'type="cacheRead"'), R, [], I)} / (${sumCount(sel('tokens', 'type=~"input|cacheRead|cacheCreation"'), R, [], I)} > 0)` }),
      }),
      piechart({ id: P.costByQuerySource, title: 'Cost by query source', gridPos: { x: 18, y: 0, w: 6, h: 8 }, unit: 'currencyUSD', targets: promInstant('time_series', { expr: sumCount(cost, R, ['query_source'], I), legend: '{{query_source}}' }) }),
      piechart({ id: P.costByModel, title: 'Cost by model', gridPos: { x: 0, y: 4, w: 18, h: 8 }, unit: 'currencyUSD', targets: promInstant('time_series', { expr: sumCount(cost, R, ['model'], I), legend: '{{model}}' }) }),
      timeseries({
        id: P.budget,
        title: 'Rolling 24 h cost vs daily budget',
        description: 'Cost over the 24 hours before each point, against the $budget variable.',
        gridPos: { x: 0, y: 12, w: 12, h: 9 },
        unit: 'currencyUSD',
        min: 0,
        overrides: [budgetOverride],
        // Each point sums a day: a coarse step keeps the query light.
        interval: '15m',
        targets: promRange({ expr: sumCount(cost, '1d', [], '5m'), legend: 'Cost, last 24 h' }, { expr: 'vector($budget)', legend: 'Daily budget' }),
      }),
      timeseries({
        id: P.burnRate,
        title: 'Burn rate (USD per hour, trailing hour)',
        interval: '2m',
        gridPos: { x: 12, y: 12, w: 12, h: 9 },
        unit: 'currencyUSD',
        min: 0,
        targets: promRange({ expr: sumCount(cost, '1h', [], '1m'), legend: 'total' }, { expr: sumCount(cost, '1h', ['model'], '1m'), legend: '{{model}}' }),
      }),
      timeseries({ id: P.costOverTime, title: 'Cost per interval by model', gridPos: { x: 0, y: 21, w: 24, h: 8 }, unit: 'currencyUSD', bars: true, stack: true, interval: '1m', targets: promRange({ expr: sumCount(cost, I, ['model']), legend: '{{model}}' }) }),
      table({
        id: P.costBySession,
        title: 'Cost by session',
        gridPos: { x: 0, y: 29, w: 12, h: 10 },
        columns: [{ title: 'Cost', unit: 'currencyUSD' }],
        sortBy: 'Cost',
        targets: promInstant('table', { expr: `topk(50, ${sumCount(cost, R, ['session_id', 'user_id', 'terminal_type'], I)})` }),
      }),
      table({
        id: P.tokensBySession,
        title: 'Tokens by session',
        gridPos: { x: 12, y: 29, w: 12, h: 10 },
        columns: [
          { title: 'Input', unit: 'short' },
          { title: 'Output', unit: 'short' },
          { title: 'Cache read', unit: 'short' },
          { title: 'Cache creation', unit: 'short' },
        ],
        sortBy: 'Input',
        targets: promInstant('table', tokensBy('input'), tokensBy('output'), tokensBy('cacheRead'), tokensBy('cacheCreation')),
      }),
    ],
    { budget: true },
  );
}
