import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactAlternation, groupedTotalExpr, resetSeriesExpr } from '../../electron/core/summary/promql.js';
import { metricSelector } from '../../electron/core/telemetry/metrics.js';

const w = { since: new Date('2026-11-28T00:00:00Z'), until: new Date('2026-11-28T01:00:00Z') };
const S = (w.since.getTime() / 1000).toFixed(3).replace('.', '\\.');
const U = (w.until.getTime() / 1000).toFixed(3).replace('.', '\\.');

test('both metric spellings are selected', () => {
  assert.equal(metricSelector('cost'), '{__name__=~"claude_code_cost_usage_total|claude_code_cost_usage_USD_total"}');
  assert.equal(metricSelector('tokens', 'type="input"'), '{__name__=~"claude_code_token_usage_total|claude_code_token_usage_tokens_total",type="input"}');
});

test('the window total pins both ends of the window with @, reads the costly side once, never uses increase()', () => {
  const expr = groupedTotalExpr('m', w, []);
  assert.equal(expr.split('last_over_time(m[3600000ms]').length - 1, 1);
  assert.match(expr, new RegExp(`last_over_time\\(m\\[3600000ms\\] @ ${U}\\)`));
  assert.match(expr, new RegExp(`\\(m @ ${S}\\)`));
  assert.doesNotMatch(expr, /increase|rate\(/);
});

test('reset detection looks back far enough to include the baseline sample', () => {
  assert.match(resetSeriesExpr('m', w), new RegExp(`resets\\(m\\[3900000ms\\] @ ${U}\\) > 0`));
});

test('grouped totals deduplicate collection labels before summing, baselines negated under their own label', () => {
  assert.match(groupedTotalExpr('m', w, ['model']), /label_replace\(-\(max without \(job, instance\) \(/);
  assert.match(groupedTotalExpr('m', w, ['model']), /^sum by \(model\) \(max without \(job, instance\) \(/);
});

test('exactAlternation escapes regex metacharacters and quotes for a PromQL string', () => {
  assert.equal(exactAlternation(['a.b', 'c"d']), 'a\\\\.b|c\\"d');
});
