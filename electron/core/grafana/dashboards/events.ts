import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { EVENT_STREAM, eventCount, events, INTERVAL, intervalCount, logFilters, RANGE, sel } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard } from './dashboard.js';
import { bars, logs, table } from './panels.js';
import { loki, prom } from './targets.js';
import { scopeVariables } from './variables.js';

const P = PANELS.events;

export function eventsDashboard(): Dashboard {
  const lines = (expr: string) => loki('range', { expr });
  return dashboard(
    'events',
    "Claude Code's events (OTel logs) in Loki: prompts, API requests, errors, tool decisions and results. Needs push mode (OTEL_LOGS_EXPORTER=otlp). $project narrows the session starts only: events cannot be joined with the session records.",
    [
      bars({
        id: P.sessionStarts,
        title: 'Session starts',
        description: 'claude_code.session.count by start type (metrics).',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 'short',
        targets: prom('range', { expr: intervalCount(sel('sessionCount'), ['start_type']), legend: '{{start_type}}' }),
      }),
      bars({ id: P.eventsByName, title: 'Events by name', gridPos: { x: 12, y: 0, w: 12, h: 8 }, unit: 'short', targets: loki('range', { expr: eventCount('.+', INTERVAL, ['event_name']), legend: '{{event_name}}' }) }),
      table({
        id: P.sessionsInEvents,
        title: 'Sessions seen in events',
        gridPos: { x: 0, y: 8, w: 10, h: 9 },
        source: 'loki',
        columns: [{ title: 'Events', unit: 'short', expr: eventCount('.+', RANGE, ['session_id', 'user_id', 'terminal_type']) }],
        sortBy: 'Events',
      }),
      logs({
        id: P.errors,
        title: 'Errors: API errors and failed tools',
        gridPos: { x: 10, y: 8, w: 14, h: 9 },
        targets: lines(
          `${EVENT_STREAM} | event_name="api_error" or (event_name="tool_result" and success="false") ${logFilters()} | line_format "{{.event_name}} {{.status_code}}{{.tool_name}} {{.error}}{{.error_type}} (model {{.model}}, attempt {{.attempt}}, session {{.session_id}})"`,
        ),
      }),
      logs({
        id: P.sessionStartLogs,
        title: 'Session starts (first event of each Claude Code process)',
        description: 'event.sequence restarts at 0 in every process: a new session, or a resumed one.',
        gridPos: { x: 0, y: 45, w: 24, h: 8 },
        targets: lines(`${EVENT_STREAM} | event_sequence="0" ${logFilters()} | line_format "session {{.session_id}} started: {{.event_name}}, terminal {{.terminal_type}}, user {{.user_id}}"`),
      }),
      logs({
        id: P.userPrompts,
        title: 'User prompts',
        description: 'Prompt text is redacted unless OTEL_LOG_USER_PROMPTS=1.',
        gridPos: { x: 0, y: 17, w: 12, h: 9 },
        targets: lines(`${events('user_prompt')} | line_format "prompt of {{.prompt_length}} characters, session {{.session_id}}"`),
      }),
      logs({
        id: P.toolExecutions,
        title: 'Tool executions',
        gridPos: { x: 12, y: 17, w: 12, h: 9 },
        targets: lines(`${events('tool_result|tool_decision')} | line_format "{{.event_name}} {{.tool_name}} {{.decision}}{{if .success}}success={{.success}} {{.duration_ms}} ms{{end}} (session {{.session_id}})"`),
      }),
      logs({
        id: P.apiRequests,
        title: 'API requests',
        gridPos: { x: 0, y: 26, w: 24, h: 9 },
        targets: lines(
          `${events('api_request', true)} | line_format "{{.model}} {{.duration_ms}} ms, in {{.input_tokens}} out {{.output_tokens}} cache read {{.cache_read_tokens}} write {{.cache_creation_tokens}}, USD {{.cost_usd}} (session {{.session_id}})"`,
        ),
      }),
      logs({ id: P.allEvents, title: 'All events', gridPos: { x: 0, y: 35, w: 24, h: 10 }, targets: lines(`${EVENT_STREAM} ${logFilters()}`) }),
    ],
    { from: 'now-6h', variables: scopeVariables() },
  );
}
