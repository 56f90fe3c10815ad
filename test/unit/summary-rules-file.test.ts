import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { claudeMetrics, rulesHeartbeat, snapshotRules } from '../../electron/core/telemetry/metrics.js';

interface RuleFile {
  groups: Array<{ interval: string; rules: Array<{ record: string; expr: string }> }>;
}
const file = parse(readFileSync(new URL('../../compose/prometheus/rules/ccmon-recording.yml', import.meta.url), 'utf8')) as RuleFile;
const rules = new Map(file.groups.flatMap((g) => g.rules.map((r) => [r.record, r.expr] as const)));

test('every snapshot the summary reads is recorded, over every spelling of its metric, with a 5m lookback', () => {
  for (const [metric, record] of Object.entries(snapshotRules)) {
    const expr = rules.get(record);
    assert.ok(expr, `${record} is missing from ccmon-recording.yml`);
    for (const name of claudeMetrics[metric as keyof typeof snapshotRules]) assert.ok(expr.includes(name), `${record} does not select ${name}`);
    assert.match(expr, /^last_over_time\(.*\[5m\]\)$/);
  }
  assert.equal(rules.get(rulesHeartbeat), 'vector(1)');
});

test('the snapshots are taken once a minute, as the coverage check assumes', () => {
  assert.deepEqual(file.groups.map((g) => g.interval), ['1m']);
});
