/**
 * PromQL for the dashboards (and, from logql.ts, their LogQL). Pure string builders over Grafana's template variables.
 *
 * Counting follows the summaries' rule (electron/core/summary/promql.ts): per series, the last
 * value in the window minus the value at the window's start, or the last value when the series
 * started inside the window; a negative difference (a counter reset) falls back to the last value.
 * Never `increase()`, which drops a new series' first value. The same usage collected twice
 * (scraped and pushed) counts once: `max without (job, instance)`.
 *
 * Who and where (issues 12 and 13): every count is scoped by `scope()` after it is counted per series,
 * to the person (`$user`), and through ccmon's session records to the project (`$project`); the
 * machine (`$machine`, `host_name`) is a plain label matcher.
 */
import { planMetrics } from '../plan/records.js';
import { unattributed, unknownMachine } from '../projects/breakdown.js';
import { sessionInfoMetric } from '../projects/session-record.js';
import { claudeMetrics, collectionLabels, sessionLabels, type ClaudeMetric } from '../telemetry/metrics.js';
import { escapeRegex, variableMatchers } from './matchers.js';

export { MACHINE_MATCHER, MODEL_MATCHER, SESSION_MATCHER, TERMINAL_MATCHER, variableMatchers } from './matchers.js';
export * from './logql.js';

// ---- Who and where: person, project, machine ----

/** The label `scope()` and `withPerson()` add: who a series' session belongs to. */
export const PERSON_LABEL = 'person';
/** The label `scope()` adds: the session's project, `(unattributed)` for a session ccmon has no record of. */
export const PROJECT_LABEL = 'project';
export { unattributed, unknownMachine };
/** The person of a series with none of the identity labels (as the app's byUser says). */
export const unknownPerson = '(unknown)';

/**
 * Adds `person` (issue 13's user): `user_email`, else `user_account_uuid`, else `user_id` cut to the 40
 * characters Claude Code's events carry (so one value selects a person's metrics and events), else
 * `(unknown)`. Each label_replace overwrites the one before only where its label is set.
 */
export function withPerson(expr: string): string {
  let e = `label_replace(${expr}, "${PERSON_LABEL}", "${unknownPerson}", "", "")`;
  e = `label_replace(${e}, "${PERSON_LABEL}", "$1", "user_id", "(.{1,40}).*")`;
  e = `label_replace(${e}, "${PERSON_LABEL}", "$1", "user_account_uuid", "(.+)")`;
  return `label_replace(${e}, "${PERSON_LABEL}", "$1", "user_email", "(.+)")`;
}

/** The person of a series' labels, as `withPerson` derives it in PromQL (pure; for links and tests). */
export function personOf(labels: Readonly<Record<string, string | undefined>>): string {
  return labels.user_email || labels.user_account_uuid || labels.user_id?.slice(0, 40) || unknownPerson;
}

/**
 * The series of `expr` whose `label` matches the regex `value` (anchored, e.g. a variable's `$user`),
 * for labels an expression computes (a selector's matchers cannot see them): label_replace marks the
 * matches, `and` keeps the marked, the mark is removed again.
 */
export function keepMatching(expr: string, label: string, value: string): string {
  const marked = `label_replace(${expr}, "ccmon_keep", "1", "${label}", "${value}")`;
  return `label_replace(${marked} and on (ccmon_keep) label_replace(vector(1), "ccmon_keep", "1", "", ""), "ccmon_keep", "", "", "")`;
}

/** How far before a window a session's record still counts (as the app reads them, projects/read-records.ts). */
export const RECORD_LOOKBACK = '7d';

/**
 * session_id → project for the sessions counted in a window `w` ending at the evaluation time: each
 * session's record (`ccmon_session_info`, pushed at its start and end, and every ten minutes by the
 * status line) from the window or the week before it, and `(unattributed)` for a session with Claude
 * Code series in the window but no record (the rows of every project always add up to the total).
 * One project per session: a record's branch may change (`max by` folds the series), and a session
 * whose folder changed keeps one of its projects (`topk`), so the join never finds two.
 * Value 1, so `x * on (session_id) group_left (project) map` keeps x.
 */
export function sessionProjects(w: string): string {
  const info = `${sessionInfoMetric}{project!=""}`;
  const recorded = `topk by (session_id) (1, max by (session_id, ${PROJECT_LABEL}) (last_over_time(${info}[${w}]) or last_over_time(${info}[${RECORD_LOOKBACK}] offset ${w})))`;
  const sessions = `group by (session_id) (last_over_time({__name__=~"${claudeMetrics.sessionCount.map(escapeRegex).join('|')}"}[${w}]))`;
  return `${recorded} or on (session_id) label_replace(${sessions}, "${PROJECT_LABEL}", "${unattributed}", "", "")`;
}

/**
 * Per-series counts (anything with Claude Code's session labels, counted over `w`) narrowed to the
 * `$user` person and the `$project` projects, with `person` and `project` labels added. All (`.*`)
 * keeps every series, those of sessions without a record under `(unattributed)`.
 */
export function scope(expr: string, w: string): string {
  const people = keepMatching(withPerson(expr), PERSON_LABEL, '$user');
  return `${people} * on (session_id) group_left (${PROJECT_LABEL}) ${keepMatching(sessionProjects(w), PROJECT_LABEL, '$project')}`;
}

/** Labels a session's series all carry (who and where), kept where a query folds series into sessions. */
const SESSION_KEYS: readonly string[] = sessionLabels;
/** Labels `scope()` computes: grouped by after it, never before. */
const SCOPED_LABELS: ReadonlySet<string> = new Set([PERSON_LABEL, PROJECT_LABEL]);

function uniq(labels: readonly string[]): string[] {
  return [...new Set(labels)];
}

/** One series (value 1) per session with a sample of `metrics` in the window `w`, within the dashboard's scope; `by` labels kept. */
export function scopedSessions(w: string, by: readonly string[] = [], metrics: readonly ClaudeMetric[] = ['sessionCount']): string {
  return scopedSessionsOf(metrics.map((m) => sel(m)), w, by);
}

/** `scopedSessions` over the given selectors (Claude Code series with their session labels). */
export function scopedSessionsOf(selectors: readonly string[], w: string, by: readonly string[] = []): string {
  const keep = uniq([...SESSION_KEYS, ...by.filter((b) => !SCOPED_LABELS.has(b))]).join(', ');
  const parts = selectors.map((x) => `group by (${keep}) (last_over_time(${x}[${w}]))`);
  const grouped = parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
  return `group by (${uniq(['session_id', ...by]).join(', ')}) (${scope(grouped, w)})`;
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
 * With `current` (one step of a count), a resumed session's series only once the new process has
 * written it: its latest sample is no older than the resumed process's session counter (until then, the
 * latest value in the window is still the old process's); and also a series whose value at the step's
 * start is older than the resumed process's session counter then (`oldBaseline`).
 */
export function resetSeries(selector: string, w: string, resumedSelector = RESUMED_SESSIONS, current = false): string {
  const fell = `(resets(${selector}[${w}]) > 0) or (min_over_time(${selector}[${w}]) < (${selector} offset ${w}))`;
  const resumed = `(last_over_time(${selector}[${w}]) and on (session_id) ${resumedIn(resumedSelector, w)})`;
  if (!current) return `${fell} or ${resumed}`;
  const written = `(timestamp(${selector}) >= on (session_id) group_left () max by (session_id) (timestamp(${resumedSelector})))`;
  return `${fell} or (${resumed} and ${written}) or ${oldBaseline(selector, w, resumedSelector)}`;
}

/**
 * Series whose value at the start of `w` was written by an older process than the resumed one already
 * running then: a series the resumed process writes only later (lines of code after its first edit),
 * restarted from zero. Prometheus's scrapes mark the old value stale when the old process goes, so the
 * difference is not taken; pushed data has no staleness markers (Prometheus's OTLP receiver and
 * VictoriaMetrics alike), and the old value would be subtracted from the new process's count. One
 * process writes all its series at once (one scrape, one export), so a series of the running process
 * has the timestamp of its session counter.
 */
function oldBaseline(selector: string, w: string, resumedSelector: string): string {
  const before = (x: string): string => `timestamp(${x} offset ${w})`;
  return `(last_over_time(${selector}[${w}]) and (${before(selector)} < on (session_id) group_left () max by (session_id) (${before(resumedSelector)})))`;
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

/**
 * `sum by (labels)` of the window counts, within the dashboard's scope (`scope`: `$user`, `$project`);
 * `by` empty sums everything, and may name `person` and `project`. See `windowCount` for `step`.
 */
export function sumCount(selector: string, range: string, by: readonly string[] = [], step?: string, resumedSelector = RESUMED_SESSIONS): string {
  return `sum${by.length ? ` by (${by.join(', ')})` : ''} (${scope(windowCount(selector, range, step, resumedSelector), range)})`;
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

/** Distinct sessions with a sample in the range, across the session, cost, token and active-time series (within the scope). */
export function distinctSessions(range: string, by: readonly string[] = []): string {
  const grouped = scopedSessions(range, by, ['sessionCount', 'cost', 'tokens', 'activeTime']);
  return by.length ? `count by (${by.join(', ')}) (${grouped})` : `count (${grouped})`;
}

/**
 * Wall-clock duration per session in the range: last sample time minus first sample time of its
 * session counter, sampled every `step` (a subquery); sessions within the scope. Prometheus and
 * VictoriaMetrics agree on the same samples; scraped data (staleness markers end a series at the first
 * step after its last scrape) and pushed data (none: the last sample is seen exactly) differ by up to a
 * step, which PromQL 3.5 cannot avoid (no function gives a series' first or last sample time).
 */
export function sessionDurations(range: string, step: string): string {
  const ts = `timestamp(${sel('sessionCount')})`;
  return `(max by (session_id) (max_over_time(${ts}[${range}:${step}])) - min by (session_id) (min_over_time(${ts}[${range}:${step}]))) and on (session_id) ${scopedSessions(range)}`;
}

// ---- Plain counters (Prometheus's own metrics on the performance dashboard) ----
// `increase()` and `rate()` differ by engine: Prometheus extrapolates to the window's edges and needs two
// samples inside it; VictoriaMetrics (MetricsQL) does not extrapolate and also takes the sample before the
// window. Measured on the same samples: a rate of 36.0/s against 53.5/s, and 0 where Prometheus has no point.
// The difference of two raw samples is the same on both.

/** What a counter counted between its sample `w` ago and its latest; none across a reset (a restart). */
export function counterDelta(selector: string, w: string): string {
  return `((${selector} - ${selector} offset ${w}) >= 0)`;
}

/** Per second between those two samples (their own timestamps, so no extrapolation on either engine). */
export function counterRate(selector: string, w: string): string {
  return `(${counterDelta(selector, w)} / (timestamp(${selector}) - timestamp(${selector} offset ${w})))`;
}

/** `machine`: `host_name`, `(unknown)` for series without one (as the app's byMachine says). */
export function withMachine(expr: string): string {
  return `label_replace(${expr}, "host_name", "${unknownMachine}", "host_name", "")`;
}

// ---- Plan limits (ccmon's own records, electron/core/plan/records.ts) ----

export type PlanWindow = 'five_hour' | 'seven_day';
/** How far back a window's newest report is looked for: a report older than the window has reset since. */
export const PLAN_LOOKBACK: Record<PlanWindow, string> = { five_hour: '5h', seven_day: '7d' };

/**
 * A plan window's utilization (0-100) at each evaluation time, per person: the figure of the newest
 * report (`observed_at`) among the sessions within the dashboard's scope, never a sum or a maximum of
 * the sessions' figures (they report the same account-wide figure, and an older session's figure from
 * before a reset may be higher); 0 once that report's window has reset (`resets_at` passed), as the
 * app's `ccmon limits` says. A report counts through its session's Claude Code series (whose labels
 * say whose it is and where it ran), so `$user`, `$machine`, `$project`, `$session` and `$terminal` apply.
 */
export function planUtilization(window: PlanWindow): string {
  const lb = PLAN_LOOKBACK[window];
  const last = (name: string): string => `last_over_time(${name}{window="${window}"}[${lb}])`;
  const sessions = `topk by (session_id) (1, ${scopedSessions(lb, [PERSON_LABEL])})`;
  const reports = `(${last(planMetrics.observedAt)} * on (session_id) group_left (${PERSON_LABEL}) ${sessions})`;
  const newest = `(${reports} == on (${PERSON_LABEL}) group_left () max by (${PERSON_LABEL}) (${reports}))`;
  const live = `(${last(planMetrics.usedPercent)} * (${last(planMetrics.resetsAt)} > bool time()))`;
  return `max by (${PERSON_LABEL}) ((${newest} > bool 0) * ignoring (${PERSON_LABEL}) group_left () ${live})`;
}
