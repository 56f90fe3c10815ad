import { distinctSessions, sel, sumCount } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard, promInstant, promRange, stat, text, timeseries, type Dashboard } from './model.js';

const P = PANELS.overview;
const R = '$__range';
const I = '$__interval';

export function overviewDashboard(): Dashboard {
  return dashboard(
    'overview',
    'Sessions, cost, tokens, lines of code and active time for the selected range. Counts are exact: a session that started inside the range counts from its first value.',
    [
      stat({ id: P.cost, title: 'Cost', gridPos: { x: 0, y: 0, w: 4, h: 4 }, unit: 'currencyUSD', decimals: 2, color: 'green', targets: promInstant('time_series', { expr: sumCount(sel('cost'), R, [], I) }) }),
      stat({ id: P.sessions, title: 'Sessions', description: 'Distinct session ids with a sample in the range.', gridPos: { x: 4, y: 0, w: 4, h: 4 }, unit: 'short', targets: promInstant('time_series', { expr: distinctSessions(R) }) }),
      stat({ id: P.tokens, title: 'Tokens', gridPos: { x: 8, y: 0, w: 4, h: 4 }, unit: 'short', targets: promInstant('time_series', { expr: sumCount(sel('tokens'), R, [], I) }) }),
      stat({ id: P.linesAdded, title: 'Lines added', gridPos: { x: 12, y: 0, w: 3, h: 4 }, unit: 'short', color: 'green', targets: promInstant('time_series', { expr: sumCount(sel('linesOfCode', 'type="added"'), R, [], I) }) }),
      stat({ id: P.linesRemoved, title: 'Lines removed', gridPos: { x: 15, y: 0, w: 3, h: 4 }, unit: 'short', color: 'red', targets: promInstant('time_series', { expr: sumCount(sel('linesOfCode', 'type="removed"'), R, [], I) }) }),
      stat({ id: P.commits, title: 'Commits', gridPos: { x: 18, y: 0, w: 3, h: 4 }, unit: 'short', color: 'purple', targets: promInstant('time_series', { expr: sumCount(sel('commits'), R, [], I) }) }),
      stat({ id: P.pullRequests, title: 'Pull requests', gridPos: { x: 21, y: 0, w: 3, h: 4 }, unit: 'short', color: 'purple', targets: promInstant('time_series', { expr: sumCount(sel('pullRequests'), R, [], I) }) }),
      stat({ id: P.activeTimeUser, title: 'Active time (you)', description: 'Seconds you spent interacting (type=user).', gridPos: { x: 0, y: 4, w: 6, h: 4 }, unit: 's', targets: promInstant('time_series', { expr: sumCount(sel('activeTime', 'type="user"'), R, [], I) }) }),
      stat({ id: P.activeTimeCli, title: 'Active time (Claude)', description: 'Seconds Claude Code spent working (type=cli).', gridPos: { x: 6, y: 4, w: 6, h: 4 }, unit: 's', targets: promInstant('time_series', { expr: sumCount(sel('activeTime', 'type="cli"'), R, [], I) }) }),
      text(
        13,
        { x: 12, y: 4, w: 12, h: 4 },
        '**Push mode** (OTLP to Prometheus and Loki) captures every session and the event logs behind the Performance and Event logs dashboards. ' +
          '**Scrape mode** (:9464) sees one session at a time and can miss short ones. Switch with `ccmon env --mode push`.',
      ),
      timeseries({ id: P.costOverTime, title: 'Cost by model', gridPos: { x: 0, y: 8, w: 12, h: 9 }, unit: 'currencyUSD', bars: true, stack: true, interval: '1m', targets: promRange({ expr: sumCount(sel('cost'), I, ['model']), legend: '{{model}}' }) }),
      timeseries({ id: P.tokensOverTime, title: 'Tokens by type', gridPos: { x: 12, y: 8, w: 12, h: 9 }, unit: 'short', bars: true, stack: true, interval: '1m', targets: promRange({ expr: sumCount(sel('tokens'), I, ['type']), legend: '{{type}}' }) }),
      timeseries({ id: P.linesOverTime, title: 'Lines of code', gridPos: { x: 0, y: 17, w: 24, h: 8 }, unit: 'short', bars: true, interval: '1m', targets: promRange({ expr: sumCount(sel('linesOfCode'), I, ['type']), legend: '{{type}}' }) }),
    ],
  );
}
