import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { distinctSessions, eventCount, INTERVAL, intervalCount, PERSON_LABEL, RANGE, rangeCount, sel, sessionDurations } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard } from './dashboard.js';
import { bargauge, bars, piechart, table } from './panels.js';
import { loki, prom } from './targets.js';
import { scopeVariables } from './variables.js';

const P = PANELS.usage;

export function usageDashboard(): Dashboard {
  return dashboard(
    'usage',
    'Tool usage, session durations, peak hours and activity per user.',
    [
      bargauge({
        id: P.editDecisionsByTool,
        title: 'Code edit decisions by tool',
        description: 'Accepted and rejected Edit / Write / NotebookEdit permission decisions (metrics).',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 'short',
        targets: prom('instant', { expr: rangeCount(sel('codeEditDecisions'), ['tool_name', 'decision']), legend: '{{tool_name}} · {{decision}}' }),
      }),
      bargauge({
        id: P.toolExecutionsByTool,
        title: 'Tool executions by tool',
        description: 'tool_result events (push mode: needs the logs path to Loki).',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: 'short',
        targets: loki('instant', { expr: eventCount('tool_result', RANGE, ['tool_name']), legend: '{{tool_name}}' }),
      }),
      table({
        id: P.sessionDurations,
        title: 'Sessions: duration, active time, cost',
        description: 'Duration is wall-clock time between the first and the last sample of the session inside the range.',
        gridPos: { x: 0, y: 8, w: 14, h: 10 },
        columns: [
          { title: 'Duration', unit: 's', expr: sessionDurations(RANGE, INTERVAL) },
          { title: 'Active time', unit: 's', expr: rangeCount(sel('activeTime'), ['session_id']) },
          { title: 'Cost', unit: 'currencyUSD', expr: rangeCount(sel('cost'), ['session_id']) },
        ],
        sortBy: 'Duration',
      }),
      bargauge({
        id: P.activeTimePerSession,
        title: 'Active time per session',
        gridPos: { x: 14, y: 8, w: 10, h: 10 },
        unit: 's',
        targets: prom('instant', { expr: `topk(15, ${rangeCount(sel('activeTime'), ['session_id'])})`, legend: '{{session_id}}' }),
      }),
      bars({ id: P.activityByHour, title: 'Peak hours: tokens per hour', gridPos: { x: 0, y: 18, w: 12, h: 8 }, unit: 'short', targets: prom('range', { expr: intervalCount(sel('tokens'), ['type']), legend: '{{type}}' }) }).interval('1h'),
      bars({ id: P.sessionsByHour, title: 'Peak hours: sessions active per hour', gridPos: { x: 12, y: 18, w: 12, h: 8 }, unit: 'short', stack: false, targets: prom('range', { expr: distinctSessions(INTERVAL), legend: 'sessions' }) }).interval('1h'),
      table({
        id: P.perUser,
        title: 'Activity per user',
        description: 'A user is the email Claude Code reports, else the claude.ai account, else the install\'s user id (its first 40 characters).',
        gridPos: { x: 0, y: 26, w: 16, h: 8 },
        columns: [
          { title: 'Cost', unit: 'currencyUSD', expr: rangeCount(sel('cost'), [PERSON_LABEL]) },
          { title: 'Tokens', unit: 'short', expr: rangeCount(sel('tokens'), [PERSON_LABEL]) },
          { title: 'Sessions', unit: 'short', expr: distinctSessions(RANGE, [PERSON_LABEL]) },
          { title: 'Active time (user)', unit: 's', expr: rangeCount(sel('activeTime', 'type="user"'), [PERSON_LABEL]) },
          { title: 'Lines added', unit: 'short', expr: rangeCount(sel('linesOfCode', 'type="added"'), [PERSON_LABEL]) },
        ],
        sortBy: 'Cost',
      }),
      piechart({ id: P.byTerminal, title: 'Sessions by terminal', gridPos: { x: 16, y: 26, w: 8, h: 8 }, unit: 'short', targets: prom('instant', { expr: distinctSessions(RANGE, ['terminal_type']), legend: '{{terminal_type}}' }) }),
    ],
    { variables: scopeVariables() },
  );
}
