/** Deep links into Grafana: pure functions of the Grafana URL and the provisioned uids. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { dashboardUrl, explorePanes, exploreUrl, grafanaTime, panelUrl } from '../../electron/core/grafana/links.js';
import { DASHBOARDS, DASHBOARD_FOLDER, DASHBOARD_KEYS, DATASOURCE_UIDS, PANELS } from '../../electron/core/grafana/uids.js';
import { dashboardFileName } from '../../electron/core/grafana/dashboards/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const G = 'http://127.0.0.1:3001';

interface ProvisionedDashboard {
  uid: string;
  panels: { id: number; title: string; type: string }[];
}

function provisioned(key: (typeof DASHBOARD_KEYS)[number]): ProvisionedDashboard {
  return JSON.parse(readFileSync(`${ROOT}compose/grafana/dashboards/${dashboardFileName(key)}`, 'utf8')) as ProvisionedDashboard;
}

test('dashboard link: fixed uid and slug, time range, variables (several values repeat the parameter)', () => {
  const u = new URL(dashboardUrl(G, 'cost', { from: 'now-7d', to: 'now', vars: { model: ['claude-opus-4-8', 'claude-haiku-4-5'], user: 'abc' }, refresh: '30s' }));
  assert.equal(u.origin, G);
  assert.equal(u.pathname, '/d/ccmon-cost/claude-code-cost-management');
  assert.equal(u.searchParams.get('orgId'), '1');
  assert.equal(u.searchParams.get('from'), 'now-7d');
  assert.equal(u.searchParams.get('to'), 'now');
  assert.deepEqual(u.searchParams.getAll('var-model'), ['claude-opus-4-8', 'claude-haiku-4-5']);
  assert.deepEqual(u.searchParams.getAll('var-user'), ['abc']);
  assert.equal(u.searchParams.get('refresh'), '30s');
  assert.equal(u.searchParams.has('viewPanel'), false);
});

test('dashboard link: default range is the last 24 h; absolute times are epoch milliseconds', () => {
  const d = new URL(dashboardUrl(G, 'overview'));
  assert.equal(d.searchParams.get('from'), 'now-24h');
  assert.equal(d.searchParams.get('to'), 'now');
  const since = new Date('2026-11-27T00:00:00.000Z');
  const a = new URL(dashboardUrl(G, 'overview', { from: since, to: since.getTime() + 3_600_000 }));
  assert.equal(a.searchParams.get('from'), String(since.getTime()));
  assert.equal(a.searchParams.get('to'), String(since.getTime() + 3_600_000));
  assert.throws(() => grafanaTime(new Date('nope')), RangeError);
  assert.throws(() => grafanaTime(Number.NaN), RangeError);
  assert.throws(() => grafanaTime('  '), RangeError);
});

test('links keep a sub-path Grafana is served under and reject non-http URLs', () => {
  assert.equal(new URL(dashboardUrl('https://example.test/grafana/', 'events')).pathname, '/grafana/d/ccmon-events/claude-code-event-logs');
  assert.ok(dashboardUrl('https://example.test/grafana/', 'events').startsWith('https://example.test/grafana/d/ccmon-events/'));
  assert.ok(exploreUrl('http://h:3000/g', { datasource: 'loki', expr: '{a="b"}' }).startsWith('http://h:3000/g/explore?'));
  assert.throws(() => dashboardUrl('file:///etc/passwd', 'cost'), TypeError);
  assert.throws(() => dashboardUrl('not a url', 'cost'));
});

test('panel link: viewPanel=panel-<id> on the right dashboard', () => {
  const u = new URL(panelUrl(G, 'cost', 'burnRate', { from: 'now-6h', vars: { session: 's-1' } }));
  assert.equal(u.pathname, '/d/ccmon-cost/claude-code-cost-management');
  assert.equal(u.searchParams.get('viewPanel'), `panel-${PANELS.cost.burnRate}`);
  assert.equal(u.searchParams.get('from'), 'now-6h');
  assert.deepEqual(u.searchParams.getAll('var-session'), ['s-1']);
  // @ts-expect-error unknown panel keys are a type error, and a runtime error for untyped callers
  assert.throws(() => panelUrl(G, 'cost', 'noSuchPanel'), RangeError);
});

test('every linkable panel exists in its provisioned dashboard, with a unique id and not as a row', () => {
  for (const key of DASHBOARD_KEYS) {
    const d = provisioned(key);
    assert.equal(d.uid, DASHBOARDS[key].uid, `${key}: provisioned uid`);
    const ids = d.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `${key}: panel ids are unique`);
    for (const [name, id] of Object.entries(PANELS[key])) {
      const panel = d.panels.find((p) => p.id === id);
      assert.ok(panel, `${key}.${name} (id ${id}) is a panel of ${d.uid}`);
      assert.notEqual(panel.type, 'row', `${key}.${name} is a real panel`);
      const u = new URL(panelUrl(G, key, name as never));
      assert.equal(u.pathname.split('/')[2], d.uid);
    }
    const linked = new Set(Object.values(PANELS[key]) as number[]);
    for (const p of d.panels) {
      if (p.type !== 'text' && p.type !== 'row') assert.ok(linked.has(p.id), `${key}: panel "${p.title}" (id ${p.id}) has a key in PANELS`);
    }
  }
});

test('Explore link: Grafana >= 10.2 panes format, Prometheus query by the provisioned uid', () => {
  const expr = 'sum by (model) (claude_code_cost_usage_total)';
  const u = new URL(exploreUrl(G, { datasource: 'prometheus', expr, from: 'now-1h', to: 'now' }));
  assert.equal(u.pathname, '/explore');
  assert.equal(u.searchParams.get('schemaVersion'), '1');
  assert.equal(u.searchParams.get('orgId'), '1');
  const panes = JSON.parse(u.searchParams.get('panes')!) as Record<string, { datasource: string; queries: Record<string, unknown>[]; range: { from: string; to: string } }>;
  const [pane, ...rest] = Object.values(panes);
  assert.equal(rest.length, 0, 'one pane');
  assert.equal(pane!.datasource, DATASOURCE_UIDS.prometheus);
  assert.deepEqual(pane!.range, { from: 'now-1h', to: 'now' });
  assert.equal(pane!.queries.length, 1);
  assert.deepEqual(pane!.queries[0], { refId: 'A', datasource: { type: 'prometheus', uid: 'ccmon-prometheus' }, expr, editorMode: 'code', range: true, instant: false });
});

test('Explore link: Loki query (logs by default, instant on request), special characters survive the round trip', () => {
  const expr = '{service_name="claude-code"} | event_name="api_request" | line_format "{{.model}} & {{.cost_usd}} #1 %"';
  const u = new URL(exploreUrl(G, { datasource: 'loki', expr, from: new Date(0), to: 1000 }));
  const panes = JSON.parse(u.searchParams.get('panes')!) as Record<string, { datasource: string; queries: Record<string, unknown>[]; range: unknown }>;
  const pane = Object.values(panes)[0]!;
  assert.equal(pane.datasource, DATASOURCE_UIDS.loki);
  assert.deepEqual(pane.queries[0], { refId: 'A', datasource: { type: 'loki', uid: 'ccmon-loki' }, expr, editorMode: 'code', queryType: 'range' });
  assert.deepEqual(pane.range, { from: '0', to: '1000' });
  const instant = explorePanes({ datasource: 'loki', expr: 'sum(count_over_time({a="b"}[1h]))', queryType: 'instant' });
  assert.equal((Object.values(instant)[0] as { queries: { queryType: string }[] }).queries[0]!.queryType, 'instant');
});

test('uids agree with the provisioning files: datasources (stack engineer) and the dashboards provider', () => {
  const provider = parseYaml(readFileSync(`${ROOT}compose/grafana/provisioning/dashboards/ccmon.yml`, 'utf8')) as {
    providers: { folderUid: string; folder: string; type: string; options: { path: string } }[];
  };
  assert.equal(provider.providers.length, 1);
  assert.equal(provider.providers[0]!.folderUid, DASHBOARD_FOLDER.uid);
  assert.equal(provider.providers[0]!.folder, DASHBOARD_FOLDER.title);
  assert.equal(provider.providers[0]!.type, 'file');

  // The compose file (stack engineer) mounts the dashboards where the provider reads them.
  const compose = parseYaml(readFileSync(`${ROOT}compose/docker-compose.yml`, 'utf8')) as { services: { grafana: { volumes: string[] } } };
  const mount = compose.services.grafana.volumes.find((v) => v.startsWith('./grafana/dashboards:'));
  assert.ok(mount, 'compose mounts compose/grafana/dashboards');
  assert.equal(mount.split(':')[1], provider.providers[0]!.options.path);
  assert.ok(compose.services.grafana.volumes.some((v) => v.startsWith('./grafana/provisioning:/etc/grafana/provisioning')));

  const ds = parseYaml(readFileSync(`${ROOT}compose/grafana/provisioning/datasources/datasources.yml`, 'utf8')) as { datasources: { uid: string; type: string }[] };
  for (const [kind, uid] of Object.entries(DATASOURCE_UIDS)) {
    const found = ds.datasources.find((d) => d.uid === uid);
    assert.ok(found, `datasource uid ${uid} is provisioned`);
    assert.equal(found.type, kind);
  }
});

test('the app links (getGrafanaLinks) land on the provisioned dashboards for the chart range', async () => {
  const { appGrafanaLinks } = await import('../../electron/core/grafana/app-links.js');
  const l = appGrafanaLinks(G, '7d');
  assert.equal(new URL(l.overview).pathname, '/d/ccmon-overview/claude-code-overview');
  assert.equal(new URL(l.cost).pathname, '/d/ccmon-cost/claude-code-cost-management');
  assert.equal(new URL(l.logs).pathname, '/d/ccmon-events/claude-code-event-logs');
  assert.equal(new URL(l.tokens).searchParams.get('viewPanel'), `panel-${PANELS.overview.tokensOverTime}`);
  assert.equal(new URL(l.planLimits).pathname, '/d/ccmon-overview/claude-code-overview');
  assert.equal(new URL(l.planLimits).searchParams.get('viewPanel'), `panel-${PANELS.overview.planUtilization}`, "the plan windows' utilization over time");
  for (const u of Object.values(l as Record<keyof typeof l, string>)) assert.equal(new URL(u).searchParams.get('from'), 'now-7d');
});

test('variable values from metric labels are normalised to what the dashboards offer (40-char user ids, models without [1m])', async () => {
  const { dashboardVariableValue } = await import('../../electron/core/grafana/links.js');
  const { applyVariableRegex } = await import('../../electron/core/grafana/extract.js');
  const { VARIABLE_REGEX } = await import('../../electron/core/grafana/dashboards/variables.js');
  const { personOf } = await import('../../electron/core/grafana/queries.js');
  const user = '54cc0d7fa2f022cf97a3b9d50608f4f2f68179b6082c6cb3e0a66038429cc587';
  for (const [name, raw] of [
    ['model', 'claude-opus-4-8[1m]'],
    ['model', 'claude-haiku-4-5'],
  ] as const) {
    assert.deepEqual([dashboardVariableValue(name, raw)], applyVariableRegex([raw], VARIABLE_REGEX[name]), `${name} ${raw}`);
  }
  // $user is the person (query_result over the person label): a user id as the dashboards derive it, an email or account as it is.
  assert.equal(dashboardVariableValue('user', user), personOf({ user_id: user }));
  assert.equal(dashboardVariableValue('user', 'ana@example.com'), personOf({ user_id: user, user_email: 'ana@example.com' }));
  assert.equal(dashboardVariableValue('user', 'f3a1c2d4-0000-4b5e-9c8d-1234567890ab'), personOf({ user_id: user, user_account_uuid: 'f3a1c2d4-0000-4b5e-9c8d-1234567890ab' }));
  const u = new URL(dashboardUrl(G, 'cost', { vars: { user, model: ['claude-opus-4-8[1m]', 'claude-opus-4-8'], session: 's-1' } }));
  assert.deepEqual(u.searchParams.getAll('var-user'), [user.slice(0, 40)]);
  assert.deepEqual(u.searchParams.getAll('var-model'), ['claude-opus-4-8'], 'both spellings of one model collapse to one value');
  assert.deepEqual(u.searchParams.getAll('var-session'), ['s-1']);
});

test("panel in Explore: the panel's query with the dashboard variables substituted, Grafana's built-ins left to Explore", async () => {
  const { panelExploreUrl } = await import('../../electron/core/grafana/panel-explore.js');
  const u = new URL(panelExploreUrl(G, 'cost', 'costByModel', { from: 'now-7d', vars: { user: '54cc0d7fa2f022cf97a3b9d50608f4f2f68179b6082c6cb3e0a66038429cc587', model: 'claude-opus-4-8[1m]' } }));
  const pane = Object.values(JSON.parse(u.searchParams.get('panes')!) as Record<string, { datasource: string; queries: { expr: string; instant?: boolean }[]; range: { from: string } }>)[0]!;
  assert.equal(pane.datasource, DATASOURCE_UIDS.prometheus);
  assert.equal(pane.range.from, 'now-7d');
  const expr = pane.queries[0]!.expr;
  assert.equal(pane.queries[0]!.instant, true, 'a pie chart query is instant');
  assert.ok(expr.includes('$__range') && expr.includes('$__interval'), 'built-ins stay for Explore');
  assert.ok(!/\$(user|model|session|terminal|machine|project|budget)\b/.test(expr), 'dashboard variables substituted');
  assert.ok(expr.includes('"ccmon_keep", "1", "person", "54cc0d7fa2f022cf97a3b9d50608f4f2f68179b6")'), 'the person: the user id as the dashboards derive it');
  assert.ok(expr.includes('"ccmon_keep", "1", "project", ".*")') && expr.includes('host_name=~".*"'), 'no project or machine chosen: All');
  assert.ok(expr.includes('model=~"claude-opus-4-8(\\\\[.*\\\\])?"'));
  assert.ok(expr.includes('session_id=~".*"'));
  const logs = new URL(panelExploreUrl(G, 'events', 'errors'));
  const lp = Object.values(JSON.parse(logs.searchParams.get('panes')!) as Record<string, { datasource: string; queries: { expr: string; queryType: string }[] }>)[0]!;
  assert.equal(lp.datasource, DATASOURCE_UIDS.loki);
  assert.equal(lp.queries[0]!.queryType, 'range');
  assert.ok(lp.queries[0]!.expr.startsWith('{service_name="claude-code"}'));
  // @ts-expect-error unknown panel
  assert.throws(() => panelExploreUrl(G, 'cost', 'nope'), RangeError);
});
