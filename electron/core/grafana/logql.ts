/** LogQL for the dashboards' event panels. Pure string builders over Grafana's template variables. */
import { MACHINE_MATCHER, MODEL_MATCHER, SESSION_MATCHER, TERMINAL_MATCHER } from './matchers.js';

// The resource attribute service.name becomes the index label `service_name`; log attributes become
// structured metadata with dots replaced by underscores (event.name → event_name, session.id → session_id).

export const EVENT_STREAM = '{service_name="claude-code"}';

/**
 * `$user` on events: the person as `withPerson` derives it, by the first of its labels that is set; a
 * user id as a prefix (events carry the 40 characters the person value holds; a full id matches too).
 */
export const LOG_PERSON_FILTER = '(user_email=~"$user" or (user_email="" and user_account_uuid=~"$user") or (user_email="" and user_account_uuid="" and user_id=~"$user.*"))';

/** Dashboard variables as LogQL label filters on structured metadata (not `$project`: LogQL cannot join ccmon's records). */
export function logFilters(withModel = false): string {
  const f = [LOG_PERSON_FILTER, SESSION_MATCHER, TERMINAL_MATCHER, MACHINE_MATCHER];
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
