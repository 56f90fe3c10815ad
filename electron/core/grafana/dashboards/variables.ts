/** The dashboards' template variables: the four every dashboard has, the machine and project, and the daily budget. */
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import { claudeMetrics, type ClaudeMetric } from '../../telemetry/metrics.js';
import { sessionInfoMetric } from '../../projects/session-record.js';
import { MACHINE_MATCHER, PERSON_LABEL, scopedSessionsOf, TERMINAL_MATCHER, withPerson } from '../queries.js';
import { datasourceRef } from '../uids.js';

function names(...metrics: ClaudeMetric[]): string {
  return metrics.flatMap((m) => claudeMetrics[m]).join('|');
}

/**
 * A multi-value Prometheus variable listing `label_values(selector, label)` (any selector: a
 * metric's label, an info metric's label), All meaning `.*`; `regex` rewrites the values.
 */
export function queryVariable(name: string, label: string, definition: string, regex = ''): dash.QueryVariableBuilder {
  return (
    new dash.QueryVariableBuilder(name)
      .label(label)
      .datasource(datasourceRef('prometheus'))
      .definition(definition)
      // The string form: Grafana parses `label_values(selector, label)` itself (an object form would need
      // its separate metric/label fields).
      .query(definition)
      .refresh(dash.VariableRefresh.OnTimeRangeChanged)
      .includeAll(true)
      .multi(true)
      .allValue('.*')
      .current({ selected: true, text: ['All'], value: ['$__all'] })
      .options([])
      .regex(regex)
      .sort(dash.VariableSort.AlphabeticalAsc)
      .hide(dash.VariableHide.DontHide)
  );
}

/**
 * The variable queries, exported for the tests that run them: `label_values(selector, label)`, or
 * `query_result(expr)` where the values are computed (the person) or narrowed by what no selector can
 * say (the person, the project), with a regex that takes the value out of each result line.
 *
 * `$user` is the person of issue 13: `user_email`, else `user_account_uuid`, else `user_id` (its first 40
 * characters, which is what Claude Code's events carry; see `withPerson`). It is one variable, not three,
 * so the dropdown lists people, a link's `var-user` names one, and every panel narrows the same way; the
 * values come from Claude Code's series over the dashboard's range (`$__range`).
 */
export const VARIABLE_QUERIES = {
  user: `query_result(count by (${PERSON_LABEL}) (${withPerson(`group by (user_email, user_account_uuid, user_id) (last_over_time({__name__=~"${names('sessionCount', 'cost', 'tokens')}"}[$__range]))`)}))`,
  machine: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}"}, host_name)`,
  project: `label_values({__name__=~"${sessionInfoMetric}"}, project)`,
  model: `label_values({__name__=~"${names('cost', 'tokens')}", ${MACHINE_MATCHER}}, model)`,
  // The sessions of the chosen people, projects, machines and terminals (never its own `$session`).
  session: `query_result(${scopedSessionsOf([`{__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${TERMINAL_MATCHER}, ${MACHINE_MATCHER}}`], '$__range')})`,
  terminal: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${MACHINE_MATCHER}}, terminal_type)`,
} as const;

/**
 * Grafana's variable regex (the first capture group becomes the value): a label's value out of a
 * query_result line (`{person="..."} 2 1700000000000`), model names without the `[1m]` context suffix
 * (see queries.ts).
 */
export const VARIABLE_REGEX = { user: `/${PERSON_LABEL}="([^"]*)"/`, machine: '', project: '', model: '/^([^\\[]+)/', session: '/session_id="([^"]*)"/', terminal: '' } as const;

/** The four every dashboard has (the people, sessions and models Claude Code's series name). */
export function standardVariables(): dash.QueryVariableBuilder[] {
  return [
    queryVariable('user', 'User', VARIABLE_QUERIES.user, VARIABLE_REGEX.user),
    queryVariable('terminal', 'Terminal', VARIABLE_QUERIES.terminal),
    queryVariable('model', 'Model', VARIABLE_QUERIES.model, VARIABLE_REGEX.model),
    queryVariable('session', 'Session', VARIABLE_QUERIES.session, VARIABLE_REGEX.session),
  ];
}

/**
 * The machine (`host_name`) and the project (ccmon's session records), on every dashboard. The project
 * narrows the PromQL panels only: LogQL cannot join the records, so the event panels show every project.
 */
export function scopeVariables(): dash.QueryVariableBuilder[] {
  return [queryVariable('machine', 'Machine', VARIABLE_QUERIES.machine), queryVariable('project', 'Project', VARIABLE_QUERIES.project)];
}

/** `$budget`, the daily budget in USD the cost dashboard draws against. */
export function budgetVariable(): dash.TextBoxVariableBuilder {
  return new dash.TextBoxVariableBuilder('budget')
    .label('Daily budget (USD)')
    .defaultValue('10')
    .current({ selected: false, text: '10', value: '10' })
    .options([{ selected: true, text: '10', value: '10' }])
    .hide(dash.VariableHide.DontHide);
}
