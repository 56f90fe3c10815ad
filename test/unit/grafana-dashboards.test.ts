/**
 * The provisioned dashboards, statically: the committed JSON is what the builders produce, and it
 * has what Grafana 12 needs (schema, unique ids, a sane grid, datasources by the provisioned uids,
 * declared variables); every PromQL expression selects both metric spellings and counts without
 * increase()/rate() on Claude Code's counters.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_BUILDERS, dashboardFileName, dashboardJson } from '../../electron/core/grafana/dashboards/index.js';
import { SCHEMA_VERSION } from '../../electron/core/grafana/dashboards/dashboard.js';
import { panelsOf, queriesOf, variableQueriesOf } from '../../electron/core/grafana/extract.js';
import { variablesIn } from '../../electron/core/grafana/template.js';
import { DASHBOARDS, DASHBOARD_KEYS, DATASOURCE_UIDS, SCOPE_VARIABLES, VARIABLES } from '../../electron/core/grafana/uids.js';
import { claudeMetrics } from '../../electron/core/telemetry/metrics.js';

const DIR = fileURLToPath(new URL('../../compose/grafana/dashboards/', import.meta.url));

interface Json {
  [k: string]: unknown;
}

function load(file: string): Json {
  return JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as Json;
}

const BUILTINS = new Set(['__range', '__range_s', '__range_ms', '__interval', '__interval_ms', '__rate_interval']);
const PANEL_TYPES = new Set(['stat', 'timeseries', 'bargauge', 'piechart', 'table', 'logs', 'text', 'row', 'barchart', 'gauge']);
const KNOWN_DS = new Set<string>([...Object.values(DATASOURCE_UIDS), '-- Mixed --', '-- Grafana --']);

test('the committed dashboards are exactly what the builders produce (regenerate: npx tsx electron/core/grafana/dashboards/write-json.ts)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(files, DASHBOARD_KEYS.map(dashboardFileName).sort(), 'one file per dashboard, nothing else');
  for (const key of DASHBOARD_KEYS) assert.equal(readFileSync(`${DIR}${dashboardFileName(key)}`, 'utf8'), dashboardJson(key), `${key} is up to date`);
});

for (const key of DASHBOARD_KEYS) {
  test(`${key}: valid Grafana 12 dashboard JSON`, () => {
    const d = load(dashboardFileName(key));
    assert.equal(d.uid, DASHBOARDS[key].uid);
    assert.match(String(d.uid), /^[a-zA-Z0-9_-]{1,40}$/, 'uid: at most 40 of [a-zA-Z0-9_-]');
    assert.equal(d.title, DASHBOARDS[key].title);
    assert.equal(d.schemaVersion, SCHEMA_VERSION);
    assert.ok(SCHEMA_VERSION >= 39 && SCHEMA_VERSION <= 41, 'schemaVersion of Grafana 11/12');
    assert.equal(d.id, undefined, 'no numeric id: provisioning assigns it');
    assert.equal(typeof d.version, 'number');
    assert.equal(typeof d.editable, 'boolean');
    assert.ok(Array.isArray(d.tags));
    assert.deepEqual(Object.keys(d.time as Json).sort(), ['from', 'to']);
    assert.ok(Array.isArray((d.templating as Json).list));
    assert.ok(Array.isArray((d.annotations as Json).list));

    const panels = panelsOf(d) as unknown as Json[];
    assert.ok(panels.length >= 6, 'a real dashboard');
    const ids = panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'unique panel ids');
    const cells = new Set<string>();
    for (const p of panels) {
      const where = `${key} panel ${String(p.id)} "${String(p.title)}"`;
      assert.ok(Number.isInteger(p.id) && (p.id as number) > 0, `${where}: integer id`);
      assert.ok(PANEL_TYPES.has(String(p.type)), `${where}: known panel type ${String(p.type)}`);
      const g = p.gridPos as { x: number; y: number; w: number; h: number };
      assert.ok([g.x, g.y, g.w, g.h].every(Number.isInteger) && g.x >= 0 && g.y >= 0 && g.w > 0 && g.h > 0 && g.x + g.w <= 24, `${where}: gridPos within 24 columns`);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          assert.ok(!cells.has(`${x},${y}`), `${where}: does not overlap another panel at ${x},${y}`);
          cells.add(`${x},${y}`);
        }
      }
      if (p.type === 'text' || p.type === 'row') continue;
      assert.ok(typeof p.title === 'string' && p.title.length > 0, `${where}: has a title`);
      const ds = p.datasource as { uid: string; type: string };
      assert.ok(KNOWN_DS.has(ds.uid), `${where}: datasource ${ds.uid} is provisioned`);
      const targets = p.targets as Json[];
      assert.ok(targets.length > 0, `${where}: has queries`);
      assert.equal(new Set(targets.map((t) => t.refId)).size, targets.length, `${where}: unique refIds`);
      for (const t of targets) {
        const tds = t.datasource as { uid: string; type: string };
        assert.ok(Object.values(DATASOURCE_UIDS).includes(tds.uid as never), `${where} ${String(t.refId)}: target datasource by provisioned uid`);
        assert.equal(tds.type, tds.uid === DATASOURCE_UIDS.prometheus ? 'prometheus' : 'loki');
        assert.ok(typeof t.expr === 'string' && t.expr.length > 0);
        if (tds.type === 'loki') assert.ok(t.queryType === 'range' || t.queryType === 'instant', `${where}: Loki queryType`);
        if (tds.type === 'prometheus') assert.equal(t.instant === true, t.range === false, `${where}: Prometheus instant xor range`);
      }
      if (p.type !== 'logs') assert.ok((p.fieldConfig as Json | undefined)?.defaults, `${where}: fieldConfig.defaults`);
    }
  });

  test(`${key}: variables are declared, used and query Prometheus by its uid`, () => {
    const d = load(dashboardFileName(key));
    const vars = ((d.templating as Json).list as Json[]).map((v) => v);
    const names = vars.map((v) => String(v.name));
    assert.equal(new Set(names).size, names.length);
    for (const v of VARIABLES) assert.ok(names.includes(v), `declares $${v}`);
    for (const v of SCOPE_VARIABLES) assert.ok(names.includes(v), `declares $${v}`);
    for (const v of vars) {
      if (v.type !== 'query') continue;
      assert.equal((v.datasource as Json).uid, DATASOURCE_UIDS.prometheus);
      assert.equal(v.includeAll, true);
      assert.equal(v.allValue, '.*', 'All means the regex .*, so absent labels still match');
      assert.equal(v.multi, true);
    }
    for (const q of variableQueriesOf(d)) {
      // query_result where the values are computed (the person) or narrowed by a join (the sessions of a project).
      if (q.name === 'user' || q.name === 'session') assert.match(q.definition, /^query_result\(.*\{__name__=~"[^"]+"[^}]*\}\[\$__range\].*\)$/s);
      else assert.match(q.definition, /^label_values\(\{__name__=~"[^"]+"[^)]*\}, \w+\)$/);
    }
    const used = new Set<string>();
    for (const q of queriesOf(d)) {
      for (const name of variablesIn(q.expr)) {
        used.add(name);
        assert.ok(BUILTINS.has(name) || names.includes(name), `${key} panel ${q.panelId}: $${name} is declared`);
      }
    }
    for (const q of variableQueriesOf(d)) for (const name of variablesIn(q.definition)) used.add(name);
    for (const n of names) assert.ok(used.has(n), `${key}: variable $${n} is used`);
  });
}

test('every PromQL expression selects both metric spellings, never a bare name, and never increase()/rate() on Claude Code counters', () => {
  const allNames = Object.values(claudeMetrics).flat() as string[];
  let checked = 0;
  for (const key of DASHBOARD_KEYS) {
    const d = DASHBOARD_BUILDERS[key]();
    const exprs = [
      ...queriesOf(d as never).filter((q) => q.datasource === 'prometheus').map((q) => q.expr),
      ...variableQueriesOf(d as never).map((q) => q.definition),
    ];
    for (const expr of exprs) {
      for (const m of expr.matchAll(/__name__=~"([^"]+)"/g)) {
        const inRegex = new Set(m[1]!.split('|'));
        for (const names of Object.values(claudeMetrics)) {
          if (names.some((n) => inRegex.has(n))) for (const n of names) assert.ok(inRegex.has(n), `${key}: ${n} is selected along with its other spelling in ${expr}`);
        }
        checked++;
      }
      const outside = expr.replace(/__name__=~"[^"]+"/g, '');
      for (const n of allNames) assert.ok(!outside.includes(n), `${key}: ${n} appears outside a __name__ regex in ${expr}`);
      assert.doesNotMatch(expr, /\b(increase|rate|irate|delta|idelta)\s*\(\s*\{__name__=~"claude_code/, `${key}: counts with the window rule, not increase/rate: ${expr}`);
    }
  }
  assert.ok(checked > 50, `checked ${checked} selectors`);
});

test('variables match what Claude Code writes differently in metrics and events (40-char user ids in events, [1m] model suffixes)', async () => {
  const { LOG_PERSON_FILTER, MODEL_MATCHER, personOf, withPerson } = await import('../../electron/core/grafana/queries.js');
  const { VARIABLE_REGEX } = await import('../../electron/core/grafana/dashboards/variables.js');
  const { applyVariableRegex, queryResultLines } = await import('../../electron/core/grafana/extract.js');
  const { dashboardVariableValue } = await import('../../electron/core/grafana/links.js');
  const { userOf } = await import('../../electron/core/projects/breakdown.js');
  const { interpolate, regexValue } = await import('../../electron/core/grafana/template.js');
  // A PromQL / LogQL matcher `label=~"..."` as an anchored JS regex (the string literal unescaped).
  const matcher = (m: string, vars: Record<string, string>): RegExp => new RegExp(`^(?:${/=~"(.*)"$/.exec(interpolate(m, vars))![1]!.replace(/\\\\/g, '\\')})$`);
  const metricUser = '238832dadee7b1c91f032560f6d8d844d4cf10c14aea3db8588e7a40c32e1aba';
  const eventUser = metricUser.slice(0, 40); // as observed from Claude Code 2.1.197
  // The person of a series: user_email, else user_account_uuid, else user_id (issue 13, the app's byUser), the id cut as events carry it.
  assert.equal(personOf({ user_id: metricUser }), eventUser);
  assert.equal(personOf({ user_id: metricUser, user_account_uuid: 'acc-1' }), 'acc-1');
  assert.equal(personOf({ user_id: metricUser, user_account_uuid: 'acc-1', user_email: 'a@b.c' }), 'a@b.c');
  const cases: Record<string, string>[] = [{ user_id: 'u' }, { user_id: 'u', user_account_uuid: 'acc' }, { user_id: 'u', user_account_uuid: 'acc', user_email: 'e@x' }, {}];
  for (const labels of cases) assert.equal(personOf(labels), userOf({ labels }));
  // withPerson does that with label_replace: each later one overwrites where its label is set (anchored regexes, $1 the first group).
  const steps = [...withPerson('x').matchAll(/"person", "([^"]*)", "(\w*)", "([^"]*)"\)/g)].map((m) => ({ to: m[1]!, from: m[2]!, re: new RegExp(`^(?:${m[3]})$`) }));
  assert.equal(steps.length, 4);
  const derive = (labels: Record<string, string>): string => steps.reduce((p, st) => ((h) => (h ? st.to.replace('$1', h[1] ?? '') : p))(st.re.exec(labels[st.from] ?? '')), '');
  const withIds: Record<string, string>[] = [{ user_id: metricUser }, { user_id: metricUser, user_account_uuid: 'acc-1' }, { user_id: metricUser, user_account_uuid: 'acc-1', user_email: 'a@b.c' }, {}];
  for (const labels of withIds) assert.equal(derive(labels), personOf(labels), JSON.stringify(labels));
  // The variable offers the person out of the query_result line; a link from a metric label offers the same.
  const [offered] = applyVariableRegex(queryResultLines([{ metric: { person: personOf({ user_id: metricUser }) }, value: [1, '1'] }]), VARIABLE_REGEX.user);
  assert.equal(offered, eventUser);
  assert.equal(dashboardVariableValue('user', metricUser), offered);
  assert.equal(dashboardVariableValue('user', 'someone.with.a.long.address@an-example-company.test'), 'someone.with.a.long.address@an-example-company.test', 'an email is not cut');
  // Events: the same person by the first of its labels that is set.
  const user = regexValue([offered]);
  const log = interpolate(LOG_PERSON_FILTER, { user });
  assert.ok(log.includes(`user_id=~"${user}.*"`) && log.includes(`user_email=""`), log);
  for (const id of [metricUser, eventUser]) assert.match(id, matcher('user_id=~"$user.*"', { user }));
  assert.doesNotMatch('9' + eventUser.slice(1), matcher('user_id=~"$user.*"', { user }));
  assert.deepEqual(applyVariableRegex(['claude-opus-4-8[1m]', 'claude-opus-4-8', 'claude-haiku-4-5'], VARIABLE_REGEX.model), ['claude-opus-4-8', 'claude-haiku-4-5']);
  const opus = matcher(MODEL_MATCHER, { model: regexValue(['claude-opus-4-8']) });
  for (const m of ['claude-opus-4-8', 'claude-opus-4-8[1m]']) assert.match(m, opus);
  assert.doesNotMatch('claude-opus-4-8-mini', opus);
  for (const m of ['claude-opus-4-8[1m]', 'anything']) assert.match(m, matcher(MODEL_MATCHER, { model: '.*' }));
});

test("variable queries use the string form Grafana's Prometheus variable migration parses", () => {
  // Grafana's own pattern (public/app/plugins/datasource/prometheus/migrations/variableMigration.ts).
  const labelValues = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/;
  const queryResult = /^query_result\((.+)\)\s*$/s;
  for (const key of DASHBOARD_KEYS) {
    for (const v of (load(dashboardFileName(key)).templating as { list: Json[] }).list) {
      if (v.type !== 'query') continue;
      assert.equal(typeof v.query, 'string', `${key} $${String(v.name)}`);
      assert.equal(v.query, v.definition);
      const m = labelValues.exec(String(v.query));
      const r = queryResult.exec(String(v.query));
      assert.ok(m?.[1]?.startsWith('{__name__=~') || r?.[1]?.includes('{__name__=~'), `${key} $${String(v.name)}: selector and label, or an expression, parse`);
      if (r) assert.ok(typeof v.regex === 'string' && /^\/.*\(.*\).*\/$/.test(v.regex), `${key} $${String(v.name)}: a regex takes the value out of each query_result line`);
    }
  }
});
