import { distinctSessions, eventCount, sel, sessionDurations, sumCount } from '../queries.js';
import { PANELS } from '../uids.js';
import { bargauge, dashboard, loki, piechart, promInstant, promRange, table, timeseries, type Dashboard } from './model.js';

const P = PANELS.usage;
const R = '$__range';
const I = '$__interval';

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
        targets: promInstant('time_series', { expr: sumCount(sel('codeEditDecisions'), R, ['tool_name', 'decision'], I), legend: '{{tool_name}} · {{decision}}' }),
      }),
      bargauge({
        id: P.toolExecutionsByTool,
        title: 'Tool executions by tool',
        description: 'tool_result events (push mode: needs the logs path to Loki).',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: 'short',
        targets: loki('instant', { expr: eventCount('tool_result', R, ['tool_name']), legend: '{{tool_name}}' }),
      }),
      table({
        id: P.sessionDurations,
        title: 'Sessions: duration, active time, cost',
        description: 'Duration is wall-clock time between the first and the last sample of the session inside the range.',
        gridPos: { x: 0, y: 8, w: 14, h: 10 },
        columns: [
          { title: 'Duration', unit: 's' },
          { title: 'Active time', unit: 's' },
          { title: 'Cost', unit: 'currencyUSD' },
        ],
        sortBy: 'Duration',
        targets: promInstant(
          'table',
          { expr: sessionDurations(R, I) },
          { expr: sumCount(sel('activeTime'), R, ['session_id'], I) },
          { expr: sumCount(sel('cost'), R, ['session_id'], I) },
        ),
      }),
      bargauge({
        id: P.activeTimePerSession,
        title: 'Active time per session',
        gridPos: { x: 14, y: 8, w: 10, h: 10 },
        unit: 's',
        targets: promInstant('time_series', { expr: `topk(15, ${sumCount(sel('activeTime'), R, ['session_id'], I)})`, legend: '{{session_id}}' }),
      }),
      timeseries({
        id: P.activityByHour,
        title: 'Peak hours: tokens per hour',
        gridPos: { x: 0, y: 18, w: 12, h: 8 },
        unit: 'short',
        bars: true,
        stack: true,
        interval: '1h',
        targets: promRange({ expr: sumCount(sel('tokens'), I, ['type']), legend: '{{type}}' }),
      }),
      timeseries({
        id: P.sessionsByHour,
        title: 'Peak hours: sessions active per hour',
        gridPos: { x: 12, y: 18, w: 12, h: 8 },
        unit: 'short',
        bars: true,
        interval: '1h',
        targets: promRange({ expr: distinctSessions(I), legend: 'sessions' }),
      }),
      table({
        id: P.perUser,
        title: 'Activity per user',
        gridPos: { x: 0, y: 26, w: 16, h: 8 },
        columns: [
          { title: 'Cost', unit: 'currencyUSD' },
          { title: 'Tokens', unit: 'short' },
          { title: 'Sessions', unit: 'short' },
          { title: 'Active time (user)', unit: 's' },
          { title: 'Lines added', unit: 'short' },
        ],
        sortBy: 'Cost',
        targets: promInstant(
          'table',
          { expr: sumCount(sel('cost'), R, ['user_id'], I) },
          { expr: sumCount(sel('tokens'), R, ['user_id'], I) },
          { expr: distinctSessions(R, ['user_id']) },
          { expr: sumCount(sel('activeTime', 'type="user"'), R, ['user_id'], I) },
          { expr: sumCount(sel('linesOfCode', 'type="added"'), R, ['user_id'], I) },
        ),
      }),
      piechart({
        id: P.byTerminal,
        title: 'Sessions by terminal',
        gridPos: { x: 16, y: 26, w: 8, h: 8 },
        unit: 'short',
        targets: promInstant('time_series', { expr: distinctSessions(R, ['terminal_type']), legend: '{{terminal_type}}' }),
      }),
    ],
  );
}
