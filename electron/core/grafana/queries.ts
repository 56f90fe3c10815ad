/**
 * PromQL and LogQL for the dashboards. Pure string builders over Grafana's template variables.
 *
 * Counting follows the summaries' rule (electron/core/summary/promql.ts): per series, the last
 * value in the window minus the value at the window's start, or the last value when the series
 * started inside the window; a negative difference (a counter reset) falls back to the last value.
 * Never `increase()`, which drops a new series' first value. The same usage collected twice
 * (scraped and pushed) counts once: `max without (job, instance)`.
 */
import { claudeMetrics, collectionLabels, type ClaudeMetric } from '../telemetry/metrics.js';

/** Metrics that carry a `model` label (the `$model` variable filters only these). */
const MODEL_METRICS: ReadonlySet<ClaudeMetric> = new Set<ClaudeMetric>(['cost', 'tokens', 'linesOfCode']);

function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matchers that tolerate what Claude Code writes differently in metrics and events (observed, 2.1.197):
 * - user: metrics carry the 64-hex `user.id`, events a 40-character prefix of it. The `$user`
 *   variable holds 40-character prefixes (its regex), matched as prefixes.
 * - model: the cost and token metrics (and api_error events) say `claude-opus-4-8[1m]` where lines of
 *   code and api_request events say `claude-opus-4-8`. The `$model` variable holds names without the
 *   bracketed context suffix, and matches with or without it.
 */
export const USER_MATCHER = 'user_id=~"$user.*"';
export const MODEL_MATCHER = 'model=~"$model(\\\\[.*\\\\])?"';
export const SESSION_MATCHER = 'session_id=~"$session"';
export const TERMINAL_MATCHER = 'terminal_type=~"$terminal"';

/** The dashboard variables as label matchers. */
export function variableMatchers(metric: ClaudeMetric | 'any'): string[] {
  const m = [USER_MATCHER, SESSION_MATCHER, TERMINAL_MATCHER];
  if (metric !== 'any' && MODEL_METRICS.has(metric)) m.push(MODEL_MATCHER);
  return m;
}

/** Both spellings of a metric, filtered by the dashboard variables and any extra matchers. */
export function sel(metric: ClaudeMetric, ...extra: string[]): string {
  const names = claudeMetrics[metric].map(escapeRegex).join('|');
  return `{${[`__name__=~"${names}"`, ...variableMatchers(metric), ...extra].join(', ')}}`;
}

/**
 * Per series, what was counted in the `range` ending at the evaluation time: the last value minus the
 * value at the range's start (>= 0), or the last value when the series started inside the range. No
 * deduplication; exact for a series without a counter reset in the range.
 */
export function seriesCount(selector: string, range: string): string {
  const last = `last_over_time(${selector}[${range}])`;
  return `((${last} - (${selector} offset ${range})) >= 0) or ${last}`;
}

/**
 * The session counter of resumed processes (`claude --resume` / `--continue`): a resumed session
 * restarts its counters from zero under the same labels, in a new process.
 */
export const RESUMED_SESSIONS = sel('sessionCount', 'start_type!="fresh"');

/** Sessions with a resumed process that started inside `w` (its session counter first appears there). */
export function resumedIn(resumedSelector: string, w: string): string {
  return `group by (session_id) (last_over_time(${resumedSelector}[${w}]) unless (${resumedSelector} offset ${w}))`;
}

/**
 * Series whose counter restarted in `w`: its value fell (inside the window, or below the value at
 * its start), or its session was resumed in a new process inside the window (which also catches a
 * restarted counter whose first value already exceeds the old one, as with push mode's 60 s exports).
 * With `current`, a resumed session's series only once the new process has written it: its latest
 * sample is no older than the resumed process's session counter (until then, the latest value in the
 * window is still the old process's).
 */
export function resetSeries(selector: string, w: string, resumedSelector = RESUMED_SESSIONS, current = false): string {
  const fell = `(resets(${selector}[${w}]) > 0) or (min_over_time(${selector}[${w}]) < (${selector} offset ${w}))`;
  let resumed = `(last_over_time(${selector}[${w}]) and on (session_id) ${resumedIn(resumedSelector, w)})`;
  if (current) resumed = `(${resumed} and (timestamp(${selector}) >= on (session_id) group_left () max by (session_id) (timestamp(${resumedSelector}))))`;
  return `${fell} or ${resumed}`;
}

/**
 * Per series, the count in a short window (one bar, one subquery step): `seriesCount`, except that a
 * series that restarted inside the window counts its last value, i.e. what the new process counted
 * since it started (the old process's increments inside that same window are lost).
 */
export function stepCount(selector: string, step: string, resumedSelector = RESUMED_SESSIONS): string {
  const resets = resetSeries(selector, step, resumedSelector, true);
  return `((${seriesCount(selector, step)}) unless (${resets})) or (last_over_time(${selector}[${step}]) and (${resets}))`;
}

/**
 * Per series (deduplicated across job/instance), the count in `range`. Without `step` (per-interval
 * bars): `stepCount`. With `step`: series without a restart are counted exactly (`seriesCount`);
 * series with one as the sum of their per-step counts over the range (a subquery), so a resumed
 * session's earlier process still counts (to within one step at the range's edges).
 * `resumedSelector`: the session counter of resumed processes, filtered like `selector`.
 */
export function windowCount(selector: string, range: string, step?: string, resumedSelector = RESUMED_SESSIONS): string {
  const dedupe = (e: string): string => `max without (${collectionLabels.join(', ')}) (${e})`;
  if (!step) return dedupe(stepCount(selector, range, resumedSelector));
  const resets = resetSeries(selector, range, resumedSelector);
  // `max without ()` drops the metric name, which `last_over_time` keeps: a series must keep one identity across steps.
  const stepped = `sum_over_time(max without () (${stepCount(selector, step, resumedSelector)})[${range}:${step}])`;
  return dedupe(`((${seriesCount(selector, range)}) unless (${resets})) or ((${stepped}) and (${resets}))`);
}

/** `sum by (labels)` of the window counts; `by` empty sums everything. See `windowCount` for `step`. */
export function sumCount(selector: string, range: string, by: readonly string[] = [], step?: string, resumedSelector = RESUMED_SESSIONS): string {
  return `sum${by.length ? ` by (${by.join(', ')})` : ''} (${windowCount(selector, range, step, resumedSelector)})`;
}

/** Grafana's built-in time variables: the dashboard's range, the panel's interval, the rate window. */
export const RANGE = '$__range';
export const INTERVAL = '$__interval';
export const RATE_INTERVAL = '$__rate_interval';

/** `sumCount` over the dashboard's time range, stepped by the panel's interval (stats, tables, pies). */
export function rangeCount(selector: string, by: readonly string[] = []): string {
  return sumCount(selector, RANGE, by, INTERVAL);
}

/** `sumCount` per interval: what each bar counted. */
export function intervalCount(selector: string, by: readonly string[] = []): string {
  return sumCount(selector, INTERVAL, by);
}

/** Distinct sessions with a sample in the range, across the session, cost, token and active-time series. */
export function distinctSessions(range: string, by: readonly string[] = []): string {
  const keep = ['session_id', ...by].join(', ');
  const parts = (['sessionCount', 'cost', 'tokens', 'activeTime'] as const).map(
    (m) => `group by (${keep}) (last_over_time(${sel(m)}[${range}]))`,
  );
  const grouped = `(${parts.join(' or ')})`;
  return by.length ? `count by (${by.join(', ')}) ${grouped}` : `count ${grouped}`;
}

/**
 * Wall-clock duration per session in the range: last sample time minus first sample time of its
 * session counter, sampled every `step` (a subquery).
 */
export function sessionDurations(range: string, step: string): string {
  const ts = `timestamp(${sel('sessionCount')})`;
  return `max by (session_id) (max_over_time(${ts}[${range}:${step}])) - min by (session_id) (min_over_time(${ts}[${range}:${step}]))`;
}

// ---- LogQL: Claude Code's events through Loki's native OTLP endpoint ----
// The resource attribute service.name becomes the index label `service_name`; log attributes become
// structured metadata with dots replaced by underscores (event.name → event_name, session.id → session_id).

export const EVENT_STREAM = '{service_name="claude-code"}';

/** Dashboard variables as LogQL label filters on structured metadata. */
export function logFilters(withModel = false): string {
  const f = [USER_MATCHER, SESSION_MATCHER, TERMINAL_MATCHER];
  if (withModel) f.push(MODEL_MATCHER);
  return f.map((x) => `| ${x}`).join(' ');
}

/** The event stream narrowed to event names (a regex) and the dashboard variables. */
export function events(names: string, withModel = false): string {
  const filter = names.includes('|') || names.includes('*') ? `event_name=~"${names}"` : `event_name="${names}"`;
  return `${EVENT_STREAM} | ${filter} ${logFilters(withModel)}`;
}

/** A quantile of api_request durations (ms) per range, grouped by `by` (empty = one series). */
export function apiLatencyQuantile(q: number, range: string, by: readonly string[] = ['service_name']): string {
  return durationQuantile('api_request', q, range, by, true);
}

/**
 * A quantile of an event's `duration_ms` per range. Always grouped: without `by`, every distinct
 * set of structured metadata (prompt ids, sequence numbers...) would be its own series.
 */
export function durationQuantile(event: string, q: number, range: string, by: readonly string[], withModel = false): string {
  return `quantile_over_time(${q}, ${events(event, withModel)} | unwrap duration_ms | __error__="" [${range}]) by (${by.join(', ')})`;
}

/** Events per range of the given names, summed by `by`. */
export function eventCount(names: string, range: string, by: readonly string[] = [], withModel = false, extra = ''): string {
  return `sum${by.length ? ` by (${by.join(', ')})` : ''} (count_over_time(${events(names, withModel)}${extra ? ` ${extra}` : ''} [${range}]))`;
}
