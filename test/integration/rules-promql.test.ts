/**
 * The Prometheus rules (compose/prometheus/rules/*.yml: the alert rules and the summary recording
 * rules): `promtool check rules` and `promtool check config` (the stack's prometheus.yml, with its
 * rule_files pointed at these files) pass; every rule expression runs without error on a real
 * Prometheus 3.5 holding simulator data under BOTH metric spellings, and what each alert measures
 * returns data where data exists; loaded into Prometheus, every rule evaluates cleanly, the
 * budget alert fires with the cost the scenario spent, and the exporter-down alert catches a dead target.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { scenarioTotals, type KnownTotals } from '../../scripts/simulator/totals.js';
import { PROMTOOL_BIN } from '../support/prometheus.js';
import { tempDir } from '../support/tmp.js';
import { SESSION_D, loadFixture, queryInstant, type Fixture, type Loaded } from '../support/dashboards-fixture.js';
import { windowCount } from '../../electron/core/grafana/queries.js';
import { metricSelector } from '../../electron/core/telemetry/metrics.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES_DIR = join(ROOT, 'compose/prometheus/rules');
const PROMETHEUS_YML = join(ROOT, 'compose/prometheus/prometheus.yml');
const TEST_BUDGET = 0.01;

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
}
interface RuleFile {
  groups: { name: string; interval?: string; rules: Rule[] }[];
}

const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(RULES_DIR, f));
const parsed = new Map(ruleFiles.map((f) => [f, parseYaml(readFileSync(f, 'utf8')) as RuleFile]));
const allRules = [...parsed.values()].flatMap((f) => f.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r }))));
const records = new Map(allRules.filter((r) => r.record).map((r) => [r.record!, r.expr]));

/** Recording-rule names replaced by their expressions, so an expression runs on raw data at any time. */
function inline(expr: string, overrides: Record<string, string> = {}): string {
  let out = expr;
  for (let i = 0; i < 5; i++) {
    for (const [name, e] of records) out = out.replace(new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`, 'g'), `(${overrides[name] ?? e})`);
  }
  return out;
}

/**
 * What an alert measures, to check it returns data where data exists: the left side of a trailing
 * `op number` comparison, or an explicit entry here. `on` says which server has the data:
 * both, `unit` (the only one scraping a Prometheus's own /metrics), or none (with the reason).
 */
const MEASURED: Record<string, { expr: string; on: 'both' | 'unit' | 'none'; why?: string }> = {
  ClaudeCodeDailyCostOverBudget: { expr: 'ccmon:cost_usd:rolling24h', on: 'both' },
  ClaudeCodeExporterWithoutClaudeMetrics: { expr: 'count by (job, instance) ({__name__=~"claude_code_.+", job="claude-code"})', on: 'both' },
  MonitoringTargetDown: { expr: 'up{job!="claude-code"}', on: 'unit' },
  OtlpMetricsPushFailing: { expr: 'prometheus_http_requests_total{handler="/api/v1/otlp/v1/metrics"}', on: 'none', why: "Debian's Prometheus build has no OTLP receiver" },
  PrometheusRejectingOutOfOrderSamples: { expr: 'prometheus_tsdb_head_samples_appended_total', on: 'unit', why: 'the rejected-sample counters appear only once a sample is rejected; the head counter shows the self-scrape works' },
};

function measured(alert: string, expr: string): { expr: string; on: 'both' | 'unit' | 'none' } {
  const known = MEASURED[alert];
  if (known) return known;
  const m = /^([\s\S]+?)\s*(==|!=|>=|<=|>|<)\s*-?[0-9.]+\s*$/.exec(expr.trim());
  assert.ok(m, `alert ${alert}: say in MEASURED what it measures (${expr})`);
  return { expr: m[1]!, on: m[1]!.includes('prometheus_') ? 'unit' : 'both' };
}

function promtool(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(PROMTOOL_BIN, args, { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test("the rolling 24 h cost rule is the dashboards' counting rule, generated (no drift)", () => {
  const rule = allRules.find((r) => r.record === 'ccmon:cost_usd:rolling24h');
  assert.ok(rule);
  const generated = `sum(${windowCount(metricSelector('cost'), '1d', '1m', metricSelector('sessionCount', 'start_type!="fresh"'))})`;
  assert.equal(rule.expr, generated);
});

describe('promtool', () => {
  test('check rules: every rules file', { skip: !existsSync(PROMTOOL_BIN) && `promtool not found at ${PROMTOOL_BIN} (bash scripts/deps/prometheus.sh)` }, () => {
    assert.ok(ruleFiles.some((f) => f.endsWith('alerts.yml')), 'alerts.yml exists');
    const r = promtool('check', 'rules', ...ruleFiles);
    assert.equal(r.code, 0, r.out);
    for (const f of ruleFiles) assert.match(r.out, new RegExp(`Checking ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+SUCCESS`));
  });

  test("check config: the stack's prometheus.yml, with its rule_files resolving to these rules", { skip: !existsSync(PROMTOOL_BIN) || !existsSync(PROMETHEUS_YML) }, () => {
    const asIs = promtool('check', 'config', PROMETHEUS_YML);
    assert.equal(asIs.code, 0, asIs.out);
    const cfg = parseYaml(readFileSync(PROMETHEUS_YML, 'utf8')) as { rule_files?: string[] };
    assert.deepEqual(cfg.rule_files, ['/etc/prometheus/rules/*.yml'], 'prometheus.yml loads the rules directory the compose file mounts');
    const tmp = tempDir('ccmon-promtool-');
    try {
      const file = join(tmp.path, 'prometheus.yml');
      writeFileSync(file, stringifyYaml({ ...cfg, rule_files: [join(RULES_DIR, '*.yml')] }));
      const r = promtool('check', 'config', file);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`), r.out);
    } finally {
      tmp.remove();
    }
  });
});

let fx: Fixture;
let known: KnownTotals;
let tmp: { path: string; remove(): void };

before(async () => {
  // The rules as shipped, except a budget the scenario exceeds, so the budget alert must fire.
  tmp = tempDir('ccmon-rules-');
  for (const f of ruleFiles) {
    const dest = join(tmp.path, f.split('/').pop()!);
    if (f.endsWith('alerts.yml')) {
      const text = readFileSync(f, 'utf8');
      const patched = text.replace(/(record: ccmon:budget_daily_usd\s+expr:\s*)vector\([0-9.]+\)/, `$1vector(${TEST_BUDGET})`);
      assert.notEqual(patched, text, 'the budget rule is `expr: vector(N)`');
      writeFileSync(dest, patched);
    } else copyFileSync(f, dest);
  }
  fx = await loadFixture({ ruleFiles: readdirSync(tmp.path).map((f) => join(tmp.path, f)) });
  known = scenarioTotals(fx.scenario);
});

after(async () => {
  await fx?.stop();
  tmp?.remove();
});

/**
 * Cost of the resumed session (both processes). With 1-minute steps, a restarted series loses what it
 * counted after the last whole minute before the evaluation: on real timescales at most a minute of
 * one session's usage; in this scenario, which lives within a minute, possibly all of it.
 */
function resumedSessionCost(): number {
  return fx.scenario.sessions.filter((x) => x.sessionId === SESSION_D).flatMap((x) => x.steps).reduce((a, st) => a + (st.costUsd ?? 0), 0);
}

/** A time when every simulated session was alive (session B's middle). */
function midRun(l: Loaded): number {
  const b = l.report.runs.find((r) => r.index === 1)!;
  return b.startedAt + (b.endedAt - b.startedAt) / 2;
}

interface ApiRule {
  name: string;
  health: string;
  lastError?: string;
  type: string;
}

async function rulesApi(l: Loaded): Promise<{ name: string; file: string; rules: ApiRule[] }[]> {
  const res = await fetch(`${l.prom.url}/api/v1/rules`);
  return ((await res.json()) as { data: { groups: { name: string; file: string; rules: ApiRule[] }[] } }).data.groups;
}

async function alertsApi(l: Loaded): Promise<{ labels: Record<string, string>; state: string; value: string }[]> {
  const res = await fetch(`${l.prom.url}/api/v1/alerts`);
  return ((await res.json()) as { data: { alerts: { labels: Record<string, string>; state: string; value: string }[] } }).data.alerts;
}

for (const spelling of ['plain', 'unit'] as const) {
  describe(`rules on Prometheus 3.5, ${spelling} metric names`, () => {
    const L = (): Loaded => fx[spelling];

    test(`all ${allRules.length} rule expressions run (raw, and with recording rules inlined) at the end and in the middle of the run`, async () => {
      for (const r of allRules) {
        for (const at of [fx.end, midRun(L())]) {
          for (const expr of [r.expr, inline(r.expr)]) {
            await queryInstant(L().prom, expr, at).catch((err: Error) => {
              throw new Error(`${r.group}/${r.record ?? r.alert}: ${err.message}\n${expr}`);
            });
          }
        }
      }
    });

    test('recording rules return data where data exists', async () => {
      for (const r of allRules.filter((x) => x.record)) {
        // At the end: every counter exists by then (the pull request comes late), within the 5 m lookback.
        const got = await queryInstant(L().prom, inline(r.expr), fx.end);
        assert.ok(got.length > 0, `${r.record}: ${r.expr}`);
      }
    });

    test('what each alert measures returns data where data exists', async () => {
      for (const r of allRules.filter((x) => x.alert)) {
        const m = measured(r.alert!, r.expr);
        const got = await queryInstant(L().prom, inline(m.expr), midRun(L()));
        const want = m.on === 'both' || m.on === spelling;
        if (want) assert.ok(got.length > 0, `${r.alert}: ${m.expr} has data`);
      }
    });

    test("rolling 24 h cost: exact at a fine step; as shipped (1 m steps) short by at most the resumed session's last minute", async () => {
      // Series without a restart are exact at any step; a restarted one is summed step by step, and the
      // steps (aligned to whole minutes) end before the evaluation time. This scenario lives for seconds.
      const fine = inline('ccmon:cost_usd:rolling24h').replaceAll(':1m]', ':2s]').replaceAll('[1m]', '[2s]').replaceAll('offset 1m)', 'offset 2s)');
      assert.notEqual(fine, inline('ccmon:cost_usd:rolling24h'));
      const exact = await queryInstant(L().prom, fine, fx.end);
      assert.equal(exact.length, 1);
      assert.ok(Math.abs(Number(exact[0]!.value![1]) - known.costUsd) < 1e-9, `${exact[0]!.value![1]} vs ${known.costUsd}`);
      const shipped = Number((await queryInstant(L().prom, inline('ccmon:cost_usd:rolling24h'), fx.end))[0]!.value![1]);
      assert.ok(shipped <= known.costUsd + 1e-9 && shipped >= known.costUsd - resumedSessionCost() - 1e-9, `${shipped} within [${known.costUsd - resumedSessionCost()}, ${known.costUsd}]`);
    });

    test('the budget alert fires above the budget, not below', async () => {
      const alert = allRules.find((r) => r.alert === 'ClaudeCodeDailyCostOverBudget')!;
      assert.ok(known.costUsd - resumedSessionCost() > TEST_BUDGET && known.costUsd < 10);
      assert.equal((await queryInstant(L().prom, inline(alert.expr, { 'ccmon:budget_daily_usd': 'vector(10)' }), fx.end)).length, 0, 'under a $10 budget: quiet');
      const firing = await queryInstant(L().prom, inline(alert.expr, { 'ccmon:budget_daily_usd': `vector(${TEST_BUDGET})` }), fx.end);
      assert.equal(firing.length, 1, 'over the budget: one alert');
      assert.ok(Number(firing[0]!.value![1]) > TEST_BUDGET);
    });

    test('loaded into Prometheus: every group and rule evaluates without error; the rule engine fires the budget alert', async () => {
      const groups = await rulesApi(L());
      const want = [...parsed.values()].flatMap((f) => f.groups.map((g) => g.name)).sort();
      assert.deepEqual(groups.map((g) => g.name).sort(), want);
      for (const g of groups) {
        for (const r of g.rules) {
          assert.notEqual(r.health, 'err', `${g.name}/${r.name}: ${r.lastError}`);
          // Groups with their own (1m) interval may not have run yet in a test this short.
          const own = [...parsed.values()].flatMap((f) => f.groups).find((x) => x.name === g.name)?.interval;
          if (!own) assert.equal(r.health, 'ok', `${g.name}/${r.name} evaluated`);
        }
      }
      const alerts = await alertsApi(L());
      const budget = alerts.find((a) => a.labels.alertname === 'ClaudeCodeDailyCostOverBudget');
      assert.ok(budget, `budget alert active (alerts: ${alerts.map((a) => a.labels.alertname).join(', ')})`);
      assert.equal(budget.state, 'firing');
      assert.ok(Number(budget.value) <= known.costUsd + 1e-6 && Number(budget.value) >= known.costUsd - resumedSessionCost() - 1e-6, `alert value ${budget.value} vs ${known.costUsd}`);
      if (spelling === 'unit') {
        const down = alerts.filter((a) => a.labels.alertname === 'ClaudeCodeExporterDown');
        assert.ok(down.length >= 1, 'the dead exporter target raised ClaudeCodeExporterDown');
        assert.ok(down.every((a) => a.state === 'pending' || a.state === 'firing'));
      }
    });
  });
}
