/** The dashboards' template variables: the four every dashboard has, and the daily budget. */
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import { claudeMetrics, type ClaudeMetric } from '../../telemetry/metrics.js';
import { TERMINAL_MATCHER, USER_MATCHER } from '../queries.js';
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

/** The variable queries (label_values), exported for the tests that run them. */
export const VARIABLE_QUERIES = {
  user: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}"}, user_id)`,
  model: `label_values({__name__=~"${names('cost', 'tokens')}", ${USER_MATCHER}}, model)`,
  session: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${USER_MATCHER}, ${TERMINAL_MATCHER}}, session_id)`,
  terminal: `label_values({__name__=~"${names('sessionCount', 'cost', 'tokens')}", ${USER_MATCHER}}, terminal_type)`,
} as const;

/**
 * Grafana's variable regex (the first capture group becomes the value): user ids cut to the 40
 * characters events carry, model names without the `[1m]` context suffix (see queries.ts).
 */
export const VARIABLE_REGEX = { user: '/^(.{1,40})/', model: '/^([^\\[]+)/', session: '', terminal: '' } as const;

export function standardVariables(): dash.QueryVariableBuilder[] {
  return [
    queryVariable('user', 'User', VARIABLE_QUERIES.user, VARIABLE_REGEX.user),
    queryVariable('terminal', 'Terminal', VARIABLE_QUERIES.terminal),
    queryVariable('model', 'Model', VARIABLE_QUERIES.model, VARIABLE_REGEX.model),
    queryVariable('session', 'Session', VARIABLE_QUERIES.session),
  ];
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
