/**
 * Every LogQL expression in the dashboards parses with Grafana's own LogQL grammar
 * (@grafana/lezer-logql) with no error nodes, once Grafana's template variables are substituted
 * (with All and with specific values). Loki's OTLP ingestion names: service.name is the index label
 * `service_name`; log attributes are structured metadata with dots as underscores (event_name, session_id).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parser } from '@grafana/lezer-logql';
import { DASHBOARD_BUILDERS } from '../../electron/core/grafana/dashboards/index.js';
import { queriesOf } from '../../electron/core/grafana/extract.js';
import { builtinTimeValues, interpolate, regexValue } from '../../electron/core/grafana/template.js';
import { DASHBOARD_KEYS } from '../../electron/core/grafana/uids.js';

const ALL = { user: '.*', session: '.*', terminal: '.*', model: '.*', machine: '.*', project: '.*', budget: '10' };
const SPECIFIC = {
  user: regexValue(['5f1c3b7a9e2d4c6b8a0f1e3d5c7b9a2e4f6d8c0b', 'ana@example.com']),
  machine: regexValue(['laptop-ana']),
  project: regexValue(['alpha', '(unattributed)']),
  session: regexValue(['955d6d9c-9fac-4f5b-a7fa-ea2fb23e3160', '0b7f5c1e-1111-4f5b-a7fa-ea2fb23e3160']),
  terminal: regexValue(['xterm']),
  model: regexValue(['claude-opus-4-8']),
  budget: '25.5',
};

function errors(expr: string): { from: number; text: string }[] {
  const out: { from: number; text: string }[] = [];
  parser.parse(expr).iterate({
    enter: (n) => {
      if (n.type.isError) out.push({ from: n.from, text: expr.slice(Math.max(0, n.from - 20), n.to + 20) });
    },
  });
  return out;
}

const lokiQueries = DASHBOARD_KEYS.flatMap((k) => queriesOf(DASHBOARD_BUILDERS[k]() as never)).filter((q) => q.datasource === 'loki');

test('the parser reports errors for broken LogQL (the check can fail)', () => {
  assert.ok(errors('sum(count_over_time({a="b"} [1m])').length > 0);
  assert.ok(errors('{a="b"} | unwrap').length > 0);
  assert.equal(errors('{a="b"} | x="y"').length, 0);
});

test('the dashboards have Loki panels for latency, errors, tool results and event logs', () => {
  const all = lokiQueries.map((q) => q.expr).join('\n');
  for (const needle of ['event_name="api_request"', 'unwrap duration_ms', 'event_name="api_error"', 'event_name="tool_result"', 'success="true"', 'event_name="user_prompt"']) {
    assert.ok(all.includes(needle), `some Loki query uses ${needle}`);
  }
  assert.ok(lokiQueries.length >= 15, `${lokiQueries.length} Loki queries`);
});

for (const [label, vars] of [
  ['All', ALL],
  ['specific values', SPECIFIC],
] as const) {
  test(`every LogQL expression parses without error nodes (variables: ${label})`, () => {
    for (const q of lokiQueries) {
      const expr = interpolate(q.expr, { ...builtinTimeValues(3600, 60, 5), ...vars });
      const errs = errors(expr);
      assert.deepEqual(errs, [], `${q.dashboardUid} panel ${q.panelId} "${q.panelTitle}" ${q.refId}: ${expr}`);
      const top = parser.parse(expr).topNode;
      assert.equal(top.name, 'LogQL');
      assert.ok(expr.includes('{service_name="claude-code"}'), 'selects the claude-code stream by its index label');
    }
  });
}

test('metric queries that unwrap are grouped (structured metadata would split every event into its own series)', () => {
  for (const q of lokiQueries.filter((x) => x.expr.includes('unwrap'))) {
    assert.match(q.expr, /\) by \([a-z_, ]+\)/, `${q.panelTitle}: ${q.expr}`);
  }
  for (const q of lokiQueries.filter((x) => x.expr.includes('count_over_time'))) {
    assert.match(q.expr, /^\(?sum( by \([a-z_, ]+\))? \(count_over_time/, `${q.panelTitle}: count_over_time wrapped in sum: ${q.expr}`);
  }
});
