/**
 * Claude Code's counters as they appear in Prometheus, under both spellings (TELEMETRY.md):
 * the :9464 exporter writes `claude_code_cost_usage_total`, Prometheus's OTLP receiver writes
 * `claude_code_cost_usage_USD_total`. Every query selects both.
 */
export const claudeMetrics = {
  sessionCount: ['claude_code_session_count_total'],
  cost: ['claude_code_cost_usage_total', 'claude_code_cost_usage_USD_total'],
  tokens: ['claude_code_token_usage_total', 'claude_code_token_usage_tokens_total'],
  activeTime: ['claude_code_active_time_total', 'claude_code_active_time_seconds_total'],
  linesOfCode: ['claude_code_lines_of_code_count_total'],
  commits: ['claude_code_commit_count_total'],
  pullRequests: ['claude_code_pull_request_count_total'],
  codeEditDecisions: ['claude_code_code_edit_tool_decision_total'],
} as const satisfies Record<string, readonly string[]>;

export type ClaudeMetric = keyof typeof claudeMetrics;

/**
 * Once-a-minute snapshots of each counter series, recorded by compose/prometheus/rules/ccmon-recording.yml
 * (`last_over_time(<metric>[5m])`). Kept in step with that file by a test.
 */
export const snapshotRules = {
  sessionCount: 'ccmon:claude_code_session_count:last5m',
  cost: 'ccmon:claude_code_cost_usage:last5m',
  tokens: 'ccmon:claude_code_token_usage:last5m',
  activeTime: 'ccmon:claude_code_active_time:last5m',
  linesOfCode: 'ccmon:claude_code_lines_of_code_count:last5m',
  commits: 'ccmon:claude_code_commit_count:last5m',
  pullRequests: 'ccmon:claude_code_pull_request_count:last5m',
} as const satisfies Partial<Record<ClaudeMetric, string>>;
export type SnapshotMetric = keyof typeof snapshotRules;

/** Recorded once a minute while the snapshot rules run: which windows they cover. */
export const rulesHeartbeat = 'ccmon:rules:heartbeat';

/** Labels that say where a sample was collected, not what it measures: the same usage can arrive twice. */
export const collectionLabels = ['job', 'instance'] as const;

/** A PromQL series selector matching every spelling of a metric, e.g. `{__name__=~"a|b"}`. */
export function metricSelector(metric: ClaudeMetric, extraMatchers = ''): string {
  return metricsSelector([metric], extraMatchers);
}

/** One selector for every spelling of several metrics. */
export function metricsSelector(metrics: readonly ClaudeMetric[], extraMatchers = ''): string {
  const names = metrics.flatMap((m) => claudeMetrics[m]).map(escapeRegex).join('|');
  return `{__name__=~"${names}"${extraMatchers ? `,${extraMatchers}` : ''}}`;
}

/** Label matchers joined for a selector, the empty ones left out: `a="1"`, `` → `a="1"`. */
export const matchers = (...parts: ReadonlyArray<string | undefined>): string => parts.filter((p) => p).join(',');

/** The selector of a metric's snapshot series (recording rule). */
export function snapshotSelector(metric: SnapshotMetric, extraMatchers = ''): string {
  return `{__name__="${snapshotRules[metric]}"${extraMatchers ? `,${extraMatchers}` : ''}}`;
}

/** Which metric a raw series belongs to, from its name. */
export function metricOfName(name: string): ClaudeMetric | undefined {
  return (Object.keys(claudeMetrics) as ClaudeMetric[]).find((m) => (claudeMetrics[m] as readonly string[]).includes(name));
}

function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Token `type` label values, in the order the UI shows them. */
export const tokenTypes = ['input', 'output', 'cacheRead', 'cacheCreation'] as const;
export type TokenType = (typeof tokenTypes)[number];

/**
 * The labels of a Claude Code series that say whose session it is and where it ran: constant within a
 * session, so grouping by them splits a total into sessions (and, from them, people and machines).
 * `host_name` is OTEL_RESOURCE_ATTRIBUTES' `host.name` as the OTLP receivers name it.
 */
export const sessionLabels = ['session_id', 'user_email', 'user_account_uuid', 'user_id', 'host_name'] as const;
export type SessionLabel = (typeof sessionLabels)[number];
