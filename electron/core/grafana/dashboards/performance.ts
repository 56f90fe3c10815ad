import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { apiLatencyQuantile, counterDelta, counterRate, durationQuantile, eventCount, INTERVAL, RANGE, RATE_INTERVAL, sel, sumCount } from '../queries.js';
import { PANELS } from '../uids.js';
import { dashboard } from './dashboard.js';
import { bargauge, bars, table, timeseries } from './panels.js';
import { loki, prom } from './targets.js';
import { scopeVariables } from './variables.js';

const P = PANELS.performance;

export function performanceDashboard(): Dashboard {
  const I = INTERVAL;
  const errorRate = `(${eventCount('api_error', I, [], true)} or vector(0)) / ${eventCount('api_request|api_error', I, [], true)}`;
  const toolOk = `${eventCount('tool_result', RANGE, ['tool_name'], false, '| success="true"')} / ${eventCount('tool_result', RANGE, ['tool_name'])}`;
  const perMinute = (p: Parameters<typeof timeseries>[0]) => timeseries(p).interval('1m');
  return dashboard(
    'performance',
    'API latency, errors and tool success from Claude Code events (Loki, push mode); token rate and stack health from Prometheus. $project narrows the token rate only: events cannot be joined with the session records.',
    [
      perMinute({
        id: P.apiLatency,
        title: 'API latency p50 / p95',
        description: 'duration_ms of api_request events.',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 'ms',
        targets: loki('range', { expr: apiLatencyQuantile(0.5, I), legend: 'p50' }, { expr: apiLatencyQuantile(0.95, I), legend: 'p95' }),
      }),
      perMinute({ id: P.apiLatencyByModel, title: 'API latency p95 by model', gridPos: { x: 12, y: 0, w: 12, h: 8 }, unit: 'ms', targets: loki('range', { expr: apiLatencyQuantile(0.95, I, ['model']), legend: '{{model}}' }) }),
      perMinute({
        id: P.apiErrorRate,
        title: 'API error rate',
        description: 'api_error events / (api_request + api_error events).',
        gridPos: { x: 0, y: 8, w: 12, h: 8 },
        unit: 'percentunit',
        targets: loki('range', { expr: errorRate, legend: 'error rate' }),
      }).min(0),
      bars({ id: P.apiErrorsByStatus, title: 'API errors by status code', gridPos: { x: 12, y: 8, w: 12, h: 8 }, unit: 'short', targets: loki('range', { expr: eventCount('api_error', I, ['status_code'], true), legend: '{{status_code}}' }) }),
      bargauge({
        id: P.toolSuccessRate,
        title: 'Tool success rate',
        description: 'tool_result events with success=true, per tool.',
        gridPos: { x: 0, y: 16, w: 12, h: 8 },
        unit: 'percentunit',
        targets: loki('instant', { expr: toolOk, legend: '{{tool_name}}' }),
      }),
      perMinute({ id: P.toolDuration, title: 'Tool duration p95', gridPos: { x: 12, y: 16, w: 12, h: 8 }, unit: 'ms', targets: loki('range', { expr: durationQuantile('tool_result', 0.95, I, ['tool_name']), legend: '{{tool_name}}' }) }),
      timeseries({
        id: P.tokenRate,
        title: 'Token consumption rate (per minute, trailing 5 min)',
        gridPos: { x: 0, y: 24, w: 24, h: 8 },
        unit: 'short',
        stack: true,
        targets: prom('range', { expr: `${sumCount(sel('tokens'), '5m', ['type'])} / 5`, legend: '{{type}}' }),
      }),
      table({
        id: P.stackUp,
        title: 'Scrape targets',
        description: 'up: 1 when Prometheus reached the target at its last scrape. In push mode Claude Code is not scraped at all.',
        gridPos: { x: 0, y: 32, w: 8, h: 8 },
        columns: [{ title: 'Up', unit: 'bool_yes_no', expr: 'up' }],
        hide: ['__name__'],
      }),
      timeseries({
        id: P.headSeries,
        title: 'Prometheus: series in memory, samples appended/s',
        gridPos: { x: 8, y: 32, w: 8, h: 8 },
        unit: 'short',
        targets: prom(
          'range',
          { expr: 'prometheus_tsdb_head_series', legend: 'head series ({{instance}})' },
          { expr: counterRate('prometheus_tsdb_head_samples_appended_total', RATE_INTERVAL), legend: 'samples/s ({{instance}})' },
        ),
      }),
      timeseries({
        id: P.ruleFailures,
        title: 'Prometheus: rule failures, config reload, rejected samples',
        gridPos: { x: 16, y: 32, w: 8, h: 8 },
        unit: 'short',
        targets: prom(
          'range',
          { expr: `sum by (rule_group) ${counterDelta('prometheus_rule_evaluation_failures_total', RATE_INTERVAL)}`, legend: 'rule failures {{rule_group}}' },
          { expr: 'prometheus_config_last_reload_successful', legend: 'config reload ok' },
          { expr: `sum ${counterDelta('prometheus_tsdb_out_of_order_samples_total', RATE_INTERVAL)}`, legend: 'out-of-order samples rejected' },
          { expr: `sum ${counterDelta('prometheus_tsdb_too_old_samples_total', RATE_INTERVAL)}`, legend: 'too-old samples rejected' },
        ),
      }),
      timeseries({
        id: P.otlpRequests,
        title: 'Push path: OTLP requests to Prometheus',
        description: 'Requests to /api/v1/otlp/v1/metrics by status code (empty in scrape mode).',
        gridPos: { x: 0, y: 40, w: 24, h: 7 },
        unit: 'reqps',
        targets: prom('range', { expr: `sum by (code) ${counterRate('prometheus_http_requests_total{handler=~"/api/v1/otlp/.*"}', RATE_INTERVAL)}`, legend: '{{code}}' }),
      }),
    ],
    { variables: scopeVariables() },
  );
}
