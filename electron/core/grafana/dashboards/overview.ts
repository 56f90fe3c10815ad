import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { distinctSessions, intervalCount, RANGE, rangeCount, sel } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard } from './dashboard.js';
import { bars, stat, text } from './panels.js';
import { planUtilizationPanel } from './plan.js';
import { prom } from './targets.js';
import { scopeVariables } from './variables.js';

const P = PANELS.overview;

export function overviewDashboard(): Dashboard {
  const total = (expr: string) => prom('instant', { expr });
  return dashboard(
    'overview',
    'Sessions, cost, tokens, lines of code and active time for the selected range. Counts are exact: a session that started inside the range counts from its first value.',
    [
      stat({ id: P.cost, title: 'Cost', gridPos: { x: 0, y: 0, w: 4, h: 4 }, unit: 'currencyUSD', color: 'green', targets: total(rangeCount(sel('cost'))) }).decimals(2),
      stat({ id: P.sessions, title: 'Sessions', description: 'Distinct session ids with a sample in the range.', gridPos: { x: 4, y: 0, w: 4, h: 4 }, unit: 'short', targets: total(distinctSessions(RANGE)) }),
      stat({ id: P.tokens, title: 'Tokens', gridPos: { x: 8, y: 0, w: 4, h: 4 }, unit: 'short', targets: total(rangeCount(sel('tokens'))) }),
      stat({ id: P.linesAdded, title: 'Lines added', gridPos: { x: 12, y: 0, w: 3, h: 4 }, unit: 'short', color: 'green', targets: total(rangeCount(sel('linesOfCode', 'type="added"'))) }),
      stat({ id: P.linesRemoved, title: 'Lines removed', gridPos: { x: 15, y: 0, w: 3, h: 4 }, unit: 'short', color: 'red', targets: total(rangeCount(sel('linesOfCode', 'type="removed"'))) }),
      stat({ id: P.commits, title: 'Commits', gridPos: { x: 18, y: 0, w: 3, h: 4 }, unit: 'short', color: 'purple', targets: total(rangeCount(sel('commits'))) }),
      stat({ id: P.pullRequests, title: 'Pull requests', gridPos: { x: 21, y: 0, w: 3, h: 4 }, unit: 'short', color: 'purple', targets: total(rangeCount(sel('pullRequests'))) }),
      stat({ id: P.activeTimeUser, title: 'Active time (you)', description: 'Seconds you spent interacting (type=user).', gridPos: { x: 0, y: 4, w: 6, h: 4 }, unit: 's', targets: total(rangeCount(sel('activeTime', 'type="user"'))) }),
      stat({ id: P.activeTimeCli, title: 'Active time (Claude)', description: 'Seconds Claude Code spent working (type=cli).', gridPos: { x: 6, y: 4, w: 6, h: 4 }, unit: 's', targets: total(rangeCount(sel('activeTime', 'type="cli"'))) }),
      text(
        13,
        { x: 12, y: 4, w: 12, h: 4 },
        '**Push mode** (OTLP to Prometheus and Loki) captures every session and the event logs behind the Performance and Event logs dashboards. ' +
          '**Scrape mode** (:9464) sees one session at a time and can miss short ones. Switch with `ccmon env --mode push`.',
      ),
      bars({ id: P.costOverTime, title: 'Cost by model', gridPos: { x: 0, y: 8, w: 12, h: 9 }, unit: 'currencyUSD', targets: prom('range', { expr: intervalCount(sel('cost'), ['model']), legend: '{{model}}' }) }),
      bars({ id: P.tokensOverTime, title: 'Tokens by type', gridPos: { x: 12, y: 8, w: 12, h: 9 }, unit: 'short', targets: prom('range', { expr: intervalCount(sel('tokens'), ['type']), legend: '{{type}}' }) }),
      bars({ id: P.linesOverTime, title: 'Lines of code', gridPos: { x: 0, y: 17, w: 24, h: 8 }, unit: 'short', stack: false, targets: prom('range', { expr: intervalCount(sel('linesOfCode'), ['type']), legend: '{{type}}' }) }),
      planUtilizationPanel(P.planUtilization, { x: 0, y: 25, w: 24, h: 8 }),
    ],
    { variables: scopeVariables() },
  );
}
