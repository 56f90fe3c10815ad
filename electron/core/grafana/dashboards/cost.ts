import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { distinctSessions, intervalCount, PERSON_LABEL, PROJECT_LABEL, RANGE, rangeCount, sel, sumCount, withMachine } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard } from './dashboard.js';
import { bars, piechart, stat, table, timeseries } from './panels.js';
import { planUtilizationPanel } from './plan.js';
import { prom } from './targets.js';
import { budgetVariable, scopeVariables } from './variables.js';

const P = PANELS.cost;

export function costDashboard(): Dashboard {
  const cost = sel('cost');
  const tokens = (title: string, type: string) => ({ title, unit: 'short', expr: rangeCount(sel('tokens', `type="${type}"`), ['session_id']) });
  return dashboard(
    'cost',
    'Cost by model, session, project, person and machine, the rolling 24 h cost against the daily budget ($budget), the burn rate and the plan limits.',
    [
      stat({ id: P.costToday, title: 'Cost, last 24 h', gridPos: { x: 0, y: 0, w: 6, h: 4 }, unit: 'currencyUSD', color: 'green', targets: prom('instant', { expr: sumCount(cost, '1d', [], '1m') }) }).decimals(2),
      stat({
        id: P.costPerLine,
        title: 'Cost per line added',
        gridPos: { x: 6, y: 0, w: 6, h: 4 },
        unit: 'currencyUSD',
        targets: prom('instant', { expr: `${rangeCount(cost)} / (${rangeCount(sel('linesOfCode', 'type="added"'))} > 0)` }),
      }).decimals(3),
      stat({
        id: P.cacheHitRatio,
        title: 'Cache read share of input',
        description: 'cacheRead / (input + cacheRead + cacheCreation) tokens: higher is cheaper.',
        gridPos: { x: 12, y: 0, w: 6, h: 4 },
        unit: 'percentunit',
        targets: prom('instant', { expr: `${rangeCount(sel('tokens', 'type="cacheRead"'))} / (${rangeCount(sel('tokens', 'type=~"input|cacheRead|cacheCreation"'))} > 0)` }),
      }),
      piechart({ id: P.costByQuerySource, title: 'Cost by query source', gridPos: { x: 18, y: 0, w: 6, h: 8 }, unit: 'currencyUSD', targets: prom('instant', { expr: rangeCount(cost, ['query_source']), legend: '{{query_source}}' }) }),
      piechart({ id: P.costByModel, title: 'Cost by model', gridPos: { x: 0, y: 4, w: 18, h: 8 }, unit: 'currencyUSD', targets: prom('instant', { expr: rangeCount(cost, ['model']), legend: '{{model}}' }) }),
      timeseries({
        id: P.budget,
        title: 'Rolling 24 h cost vs daily budget',
        description: 'Cost over the 24 hours before each point, against the $budget variable.',
        gridPos: { x: 0, y: 12, w: 12, h: 9 },
        unit: 'currencyUSD',
        targets: prom('range', { expr: sumCount(cost, '1d', [], '5m'), legend: 'Cost, last 24 h' }, { expr: 'vector($budget)', legend: 'Daily budget' }),
      })
        .min(0)
        // Each point sums a day: a coarse step keeps the query light.
        .interval('15m')
        .overrideByName('Daily budget', [
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'custom.fillOpacity', value: 0 },
        ]),
      timeseries({
        id: P.burnRate,
        title: 'Burn rate (USD per hour, trailing hour)',
        gridPos: { x: 12, y: 12, w: 12, h: 9 },
        unit: 'currencyUSD',
        targets: prom('range', { expr: sumCount(cost, '1h', [], '1m'), legend: 'total' }, { expr: sumCount(cost, '1h', ['model'], '1m'), legend: '{{model}}' }),
      })
        .min(0)
        .interval('2m'),
      bars({ id: P.costOverTime, title: 'Cost per interval by model', gridPos: { x: 0, y: 21, w: 24, h: 8 }, unit: 'currencyUSD', targets: prom('range', { expr: intervalCount(cost, ['model']), legend: '{{model}}' }) }),
      table({
        id: P.costBySession,
        title: 'Cost by session',
        gridPos: { x: 0, y: 29, w: 12, h: 10 },
        columns: [{ title: 'Cost', unit: 'currencyUSD', expr: `topk(50, ${rangeCount(cost, ['session_id', 'user_id', 'terminal_type'])})` }],
        sortBy: 'Cost',
      }),
      table({
        id: P.tokensBySession,
        title: 'Tokens by session',
        gridPos: { x: 12, y: 29, w: 12, h: 10 },
        columns: [tokens('Input', 'input'), tokens('Output', 'output'), tokens('Cache read', 'cacheRead'), tokens('Cache creation', 'cacheCreation')],
        sortBy: 'Input',
      }),
      table({
        id: P.costByProject,
        title: 'Cost by project (last 24 h, 7 days, 30 days)',
        description:
          "Projects from ccmon's session records (its SessionStart/SessionEnd hooks and status line). Sessions without a record count under (unattributed), so the rows add up to the totals. Rolling windows ending now, whatever the dashboard's range.",
        gridPos: { x: 0, y: 39, w: 12, h: 9 },
        columns: [
          { title: 'Last 24 h', unit: 'currencyUSD', expr: sumCount(cost, '1d', [PROJECT_LABEL], '1m') },
          { title: 'Last 7 days', unit: 'currencyUSD', expr: sumCount(cost, '7d', [PROJECT_LABEL], '10m') },
          { title: 'Last 30 days', unit: 'currencyUSD', expr: sumCount(cost, '30d', [PROJECT_LABEL], '30m') },
        ],
        sortBy: 'Last 30 days',
      }),
      planUtilizationPanel(P.planUtilization, { x: 12, y: 39, w: 12, h: 9 }),
      table({
        id: P.costByPerson,
        title: 'Cost by person',
        description: "A person is the email Claude Code reports, else the claude.ai account, else the install's user id (its first 40 characters).",
        gridPos: { x: 0, y: 48, w: 12, h: 8 },
        columns: [
          { title: 'Cost', unit: 'currencyUSD', expr: rangeCount(cost, [PERSON_LABEL]) },
          { title: 'Tokens', unit: 'short', expr: rangeCount(sel('tokens'), [PERSON_LABEL]) },
          { title: 'Sessions', unit: 'short', expr: distinctSessions(RANGE, [PERSON_LABEL]) },
        ],
        sortBy: 'Cost',
      }),
      table({
        id: P.costByMachine,
        title: 'Cost by machine',
        description: 'host.name from OTEL_RESOURCE_ATTRIBUTES (ccmon env writes it for a shared backend); (unknown) where a session has none.',
        gridPos: { x: 12, y: 48, w: 12, h: 8 },
        columns: [
          { title: 'Cost', unit: 'currencyUSD', expr: withMachine(rangeCount(cost, ['host_name'])) },
          { title: 'Tokens', unit: 'short', expr: withMachine(rangeCount(sel('tokens'), ['host_name'])) },
          { title: 'Sessions', unit: 'short', expr: withMachine(distinctSessions(RANGE, ['host_name'])) },
        ],
        sortBy: 'Cost',
      }),
    ],
    { variables: [...scopeVariables(), budgetVariable()] },
  );
}
