/**
 * Every PromQL expression in the provisioned dashboards (and every variable query), with Grafana's
 * template variables substituted, runs without error on a real Prometheus 3.5 holding simulator
 * data, under BOTH metric spellings, and returns data where data exists. The counting panels equal
 * the scenario's known totals: the stats over the whole range, the per-interval bars summed, and a
 * window that starts mid-session against the same window computed from raw samples.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scenarioTotals, type KnownTotals } from '../../scripts/simulator/totals.js';
import { sel, windowCount } from '../../electron/core/grafana/queries.js';
import { applyVariableRegex, parseLabelValues, parseQueryResult, queryResultLines, variableQueriesOf, type DashboardQuery } from '../../electron/core/grafana/extract.js';
import { builtinTimeValues, interpolate, regexValue } from '../../electron/core/grafana/template.js';
import { DASHBOARDS, DASHBOARD_KEYS, PANELS, type DashboardKey } from '../../electron/core/grafana/uids.js';
import { ALL, SPECIFIC, composeRuleFiles, dashboards, promQueries } from '../support/dashboard-queries.js';
import { claudeMetrics, tokenTypes } from '../../electron/core/telemetry/metrics.js';
import {
  EMAIL_2,
  HOST_1,
  HOST_2,
  OPUS_1M,
  PROJECT_1,
  PROJECT_2,
  SESSION_A,
  SESSION_B,
  SESSION_C,
  SESSION_D,
  USER_1,
  labelValues,
  loadFixture,
  queryInstant,
  queryRange,
  total,
  type Fixture,
  type Loaded,
} from '../support/dashboards-fixture.js';

const STEP = 2; // seconds: $__interval of the range queries
const SCRAPE = 1;

let fx: Fixture;
let known: KnownTotals;
let rangeSeconds: number;

before(async () => {
  // The alert and recording rules are loaded too, so prometheus_rule_* self metrics exist.
  fx = await loadFixture({ ruleFiles: composeRuleFiles() });
  known = scenarioTotals(fx.scenario);
  rangeSeconds = Math.ceil((fx.end - fx.start) / 1000) + 5;
});

after(async () => {
  await fx?.stop();
});

function values(vars: Record<string, string>, range = rangeSeconds): Record<string, string> {
  return { ...builtinTimeValues(range, STEP, SCRAPE), ...vars };
}

async function run(l: Loaded, q: DashboardQuery, vars: Record<string, string>, range = rangeSeconds): Promise<{ expr: string; result: Awaited<ReturnType<typeof queryRange>> }> {
  const expr = interpolate(q.expr, values(vars, range));
  const result = q.instant ? await queryInstant(l.prom, expr, fx.end) : await queryRange(l.prom, expr, fx.end - range * 1000, fx.end, STEP);
  return { expr, result };
}

/** Data must exist unless the query needs what this server lacks (OTLP traffic; self-scrape only on `unit`). */
function expectsData(l: Loaded, q: DashboardQuery): boolean {
  if (q.expr.includes('/api/v1/otlp')) return false;
  if (q.expr.includes('prometheus_')) return l.spelling === 'unit';
  return true;
}

function find(key: DashboardKey, panelId: number, refId = 'A'): DashboardQuery {
  const q = promQueries.find((x) => x.dashboardUid === DASHBOARDS[key].uid && x.panelId === panelId && x.refId === refId);
  assert.ok(q, `${key} panel ${panelId} ${refId}`);
  return q;
}

for (const spelling of ['plain', 'unit'] as const) {
  describe(`dashboards on Prometheus 3.5, ${spelling} metric names`, () => {
    const L = (): Loaded => fx[spelling];

    test('the server holds this spelling only', async () => {
      const names = (await labelValues(L().prom, '__name__', '{__name__=~"claude_code_.+"}', fx.start, fx.end)).sort();
      const want = spelling === 'plain' ? ['claude_code_cost_usage_total', 'claude_code_token_usage_total'] : ['claude_code_cost_usage_USD_total', 'claude_code_token_usage_tokens_total'];
      for (const n of want) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
      const other = spelling === 'plain' ? 'claude_code_cost_usage_USD_total' : 'claude_code_cost_usage_total';
      assert.ok(!names.includes(other));
    });

    test(`all ${promQueries.length} dashboard PromQL queries run (variables = All) and return data where data exists`, async () => {
      const empty: string[] = [];
      for (const q of promQueries) {
        const { expr, result } = await run(L(), q, ALL).catch((err: Error) => {
          throw new Error(`${q.dashboardUid} panel ${q.panelId} "${q.panelTitle}" ${q.refId}: ${err.message}\n${q.expr}`);
        });
        if (expectsData(L(), q) && result.length === 0) empty.push(`${q.dashboardUid} #${q.panelId} "${q.panelTitle}" ${q.refId}: ${expr}`);
      }
      assert.deepEqual(empty, [], 'queries without data');
    });

    test('all dashboard queries run with specific variable values (regex-escaped, several sessions, a model with brackets)', async () => {
      const specific = SPECIFIC;
      for (const q of promQueries) await run(L(), q, specific);
      const cost = total((await run(L(), find('overview', PANELS.overview.cost), specific)).result);
      const opusA = known.byModel.find((m) => m.model === OPUS_1M)!.costUsd; // only session A uses it
      assert.ok(Math.abs(cost - opusA) < 1e-9, `cost of ${OPUS_1M} in sessions A|C: ${cost} vs ${opusA}`);
      const sessions = total((await run(L(), find('overview', PANELS.overview.sessions), specific)).result);
      assert.equal(sessions, 2, 'sessions A and C (user 1)');
    });

    test('overview stats equal the known totals over the whole range', async () => {
      const stat = async (id: number): Promise<number> => total((await run(L(), find('overview', id), ALL)).result);
      const P = PANELS.overview;
      const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, b), `${what}: ${a} vs ${b}`);
      close(await stat(P.cost), known.costUsd, 'cost');
      close(await stat(P.tokens), tokenTypes.reduce((a, k) => a + known.tokens[k], 0), 'tokens');
      assert.equal(await stat(P.sessions), known.sessions);
      assert.equal(await stat(P.linesAdded), known.linesOfCode.added);
      assert.equal(await stat(P.linesRemoved), known.linesOfCode.removed);
      assert.equal(await stat(P.commits), known.commits);
      assert.equal(await stat(P.pullRequests), known.pullRequests);
      close(await stat(P.activeTimeUser), known.activeTimeSeconds.user, 'active time user');
      close(await stat(P.activeTimeCli), known.activeTimeSeconds.cli, 'active time cli');
    });

    test('per-interval bars add up to the totals (cost by model, tokens by type)', async () => {
      const costBars = (await run(L(), find('overview', PANELS.overview.costOverTime), ALL)).result;
      for (const m of known.byModel) {
        const s = costBars.find((r) => r.metric.model === m.model);
        assert.ok(s, `a cost series for ${m.model}`);
        assert.ok(Math.abs(total([s]) - m.costUsd) < 1e-9, `${m.model}: bars sum ${total([s])} vs ${m.costUsd}`);
      }
      const tokenBars = (await run(L(), find('overview', PANELS.overview.tokensOverTime), ALL)).result;
      for (const [type, n] of Object.entries(known.tokens)) assert.equal(total(tokenBars.filter((r) => r.metric.type === type)), n, `${type} tokens`);
    });

    test('cost by model, by session and per user equal the known totals', async () => {
      const byModel = (await run(L(), find('cost', PANELS.cost.costByModel), ALL)).result;
      assert.deepEqual(byModel.map((r) => r.metric.model).sort(), known.byModel.map((m) => m.model).sort());
      for (const m of known.byModel) assert.ok(Math.abs(total(byModel.filter((r) => r.metric.model === m.model)) - m.costUsd) < 1e-9);
      const bySession = (await run(L(), find('cost', PANELS.cost.costBySession), ALL)).result;
      assert.deepEqual(bySession.map((r) => r.metric.session_id).sort(), [SESSION_A, SESSION_B, SESSION_C, SESSION_D].sort());
      const d = fx.scenario.sessions.filter((x) => x.sessionId === SESSION_D);
      const dCost = d.flatMap((x) => x.steps).reduce((a, st) => a + (st.costUsd ?? 0), 0);
      assert.ok(Math.abs(total(bySession.filter((r) => r.metric.session_id === SESSION_D)) - dCost) < 1e-9, 'the resumed session counts both processes');
      assert.ok(Math.abs(total(bySession) - known.costUsd) < 1e-9);
      const perUser = (await run(L(), find('usage', PANELS.usage.perUser, 'C'), ALL)).result; // sessions per user (the person: user 2 by the email)
      assert.deepEqual(Object.fromEntries(perUser.map((r) => [r.metric.person, Number(r.value![1])])), { [USER_1.slice(0, 40)]: 2, [EMAIL_2]: 2 });
    });

    test('a resumed session (a restarted counter) counts both processes, where the plain window rule would drop the first', async () => {
      const costSel = `{__name__=~"${claudeMetrics.cost.join('|')}", session_id="${SESSION_D}"}`;
      // Whether the restart shows as a fall depends on whether Prometheus scraped the new process before
      // its second step; either way the resumed process's session counter (start_type=resume) marks it.
      const dCost = fx.scenario.sessions.filter((x) => x.sessionId === SESSION_D).flatMap((x) => x.steps).reduce((a, st) => a + (st.costUsd ?? 0), 0);
      const plain = total(await queryInstant(L().prom, `sum(max without (job, instance) (((last_over_time(${costSel}[${rangeSeconds}s]) - (${costSel} offset ${rangeSeconds}s)) >= 0) or last_over_time(${costSel}[${rangeSeconds}s])))`, fx.end));
      assert.ok(plain < dCost - 1e-6, `the plain rule undercounts: ${plain} < ${dCost}`);
      const panel = find('cost', PANELS.cost.costBySession);
      const got = total((await run(L(), panel, { ...ALL, session: regexValue([SESSION_D]) })).result);
      assert.ok(Math.abs(got - dCost) < 1e-9, `dashboard ${got} vs both processes ${dCost}`);
    });

    test('a window starting mid-session counts exactly what the raw samples say', async () => {
      const windowS = Math.round((fx.end - (fx[spelling].report.startedAt + 3500)) / 1000); // starts after session A's first step
      const q = find('overview', PANELS.overview.cost);
      const got = total((await run(L(), q, ALL, windowS)).result);
      const from = fx.end - windowS * 1000;
      const raw = await queryInstant(L().prom, `{__name__=~"${claudeMetrics.cost.join('|')}"}[${rangeSeconds}s]`, fx.end);
      // The truth from raw samples and the simulator's process records: each increment inside the
      // window; across a process restart (or a fall), the new process's value.
      const starts = fx[spelling].report.runs.map((r) => ({ sessionId: r.sessionId, at: r.startedAt }));
      let want = 0;
      for (const s of raw) {
        const pts = (s.values ?? []).map(([t, v]) => [t * 1000, Number(v)] as const);
        let prev = pts.filter(([t]) => t <= from && t > from - 300_000).at(-1);
        for (const [t, v] of pts.filter(([t]) => t > from && t <= fx.end)) {
          const restarted = prev !== undefined && starts.some((r) => r.sessionId === s.metric.session_id && r.at > prev![0] && r.at <= t);
          want += prev !== undefined && !restarted && v >= prev[1] ? v - prev[1] : v;
          prev = [t, v];
        }
      }
      assert.ok(want > 0 && want < known.costUsd, `the window (${windowS}s) excludes some cost: ${want} of ${known.costUsd}`);
      assert.ok(Math.abs(got - want) < 1e-9, `window cost ${got} vs raw ${want}`);
    });

    test('session durations are the wall-clock life of each session', async () => {
      const r = (await run(L(), find('usage', PANELS.usage.sessionDurations, 'A'), ALL)).result;
      const dur = Object.fromEntries(r.map((s) => [s.metric.session_id ?? '', Number(s.value![1])] as const));
      const runs = fx[spelling].report.runs;
      for (const id of new Set(runs.map((x) => x.sessionId))) {
        const mine = runs.filter((x) => x.sessionId === id); // a resumed session: first start to last end
        const life = (Math.max(...mine.map((x) => x.endedAt)) - Math.min(...mine.map((x) => x.startedAt))) / 1000;
        assert.ok(Math.abs(dur[id]! - life) <= STEP + 2 * SCRAPE, `${id}: ${dur[id]} s vs lived ${life} s`);
      }
    });

    test('variable queries (label_values, query_result) list the users, terminals, models, sessions, machines and projects', async () => {
      const want: Record<string, string[]> = {
        user: [USER_1.slice(0, 40), EMAIL_2], // the person: user 2's sessions carry a login's email
        terminal: ['non-interactive', 'vscode', 'xterm'],
        model: [...new Set(known.byModel.map((m) => m.model.replace(/\[.*\]$/, '')))],
        session: [SESSION_A, SESSION_B, SESSION_C, SESSION_D],
        machine: [HOST_1, HOST_2],
        project: [PROJECT_1, PROJECT_2],
      };
      const offered = async (definition: string, regex: string, vars: Record<string, string>): Promise<string[]> => {
        const d = interpolate(definition, values(vars));
        const parsed = parseLabelValues(d);
        if (parsed) return applyVariableRegex(await labelValues(L().prom, parsed.label, parsed.selector, fx.start, fx.end), regex);
        const expr = parseQueryResult(d);
        assert.ok(expr, `label_values or query_result: ${definition}`);
        return applyVariableRegex(queryResultLines(await queryInstant(L().prom, expr, fx.end)), regex);
      };
      const vars = variableQueriesOf(dashboards.overview as never);
      for (const v of vars) assert.deepEqual((await offered(v.definition, v.regex, ALL)).sort(), want[v.name]!.sort(), `$${v.name}`);
      // Chained: the sessions of a person, of a project (C has no record: not a project's), of a machine.
      const session = vars.find((v) => v.name === 'session')!;
      assert.deepEqual((await offered(session.definition, session.regex, { ...ALL, user: regexValue([EMAIL_2]) })).sort(), [SESSION_B, SESSION_D].sort());
      assert.deepEqual((await offered(session.definition, session.regex, { ...ALL, project: regexValue([PROJECT_1]) })).sort(), [SESSION_A, SESSION_D].sort());
      assert.deepEqual((await offered(session.definition, session.regex, { ...ALL, machine: regexValue([HOST_1]) })).sort(), [SESSION_A, SESSION_C].sort());
      for (const k of DASHBOARD_KEYS) assert.deepEqual(variableQueriesOf(dashboards[k] as never), vars, `${k} has the same variables`);
    });

    test('cost by project, person and machine: each group to the cent, the groups adding up to the total, and $project / $user / $machine select them', async () => {
      const costOf = (ids: string[]): number => fx.scenario.sessions.filter((x) => ids.includes(x.sessionId)).flatMap((x) => x.steps).reduce((a, st) => a + (st.costUsd ?? 0), 0);
      const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
      const groups = (r: Awaited<ReturnType<typeof queryRange>>, label: string): Record<string, number> => Object.fromEntries(r.map((x) => [x.metric[label] ?? '', Number(x.value![1])]));
      const check = (got: Record<string, number>, want: Record<string, number>, what: string, sum = known.costUsd, exact = Object.keys(want)): void => {
        assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), what);
        for (const k of exact) close(got[k]!, want[k]!, `${what} ${k}`);
        close(Object.values(got).reduce((a, b) => a + b, 0), sum, `${what}: the rows add up to the total`);
      };
      const byProject = { [PROJECT_1]: costOf([SESSION_A, SESSION_D]), [PROJECT_2]: costOf([SESSION_B]), '(unattributed)': costOf([SESSION_C]) };
      // The three columns are rolling windows ending now (24 h, 7 days, 30 days, stepped by 1 m, 10 m, 30 m):
      // all of the scenario, where session D's restart falls inside one step (its first process is then
      // lost, "to within one step"). So: the rows add up to the same rule unscoped, the other sessions exact.
      for (const [ref, w, step] of [
        ['A', '1d', '1m'],
        ['B', '7d', '10m'],
        ['C', '30d', '30m'],
      ] as const) {
        const sameRule = total(await queryInstant(L().prom, interpolate(`sum (${windowCount(sel('cost'), w, step)})`, values(ALL)), fx.end));
        check(groups((await run(L(), find('cost', PANELS.cost.costByProject, ref), ALL)).result, 'project'), byProject, `cost by project ${ref}`, sameRule, [PROJECT_2, '(unattributed)']);
      }
      check(groups((await run(L(), find('cost', PANELS.cost.costByPerson), ALL)).result, 'person'), { [USER_1.slice(0, 40)]: costOf([SESSION_A, SESSION_C]), [EMAIL_2]: costOf([SESSION_B, SESSION_D]) }, 'cost by person');
      check(groups((await run(L(), find('cost', PANELS.cost.costByMachine), ALL)).result, 'host_name'), { [HOST_1]: costOf([SESSION_A, SESSION_C]), [HOST_2]: costOf([SESSION_B]), '(unknown)': costOf([SESSION_D]) }, 'cost by machine');
      const sessionsBy = groups((await run(L(), find('cost', PANELS.cost.costByPerson, 'C'), ALL)).result, 'person');
      assert.deepEqual(sessionsBy, { [USER_1.slice(0, 40)]: 2, [EMAIL_2]: 2 }, 'sessions per person');

      const cost = find('overview', PANELS.overview.cost);
      const sessions = find('overview', PANELS.overview.sessions);
      const at = async (q: DashboardQuery, vars: Partial<typeof ALL>): Promise<number> => total((await run(L(), q, { ...ALL, ...vars })).result);
      for (const [vars, ids] of [
        [{ project: regexValue([PROJECT_1]) }, [SESSION_A, SESSION_D]],
        [{ project: regexValue([PROJECT_2, '(unattributed)']) }, [SESSION_B, SESSION_C]], // typed in: Grafana keeps a custom value
        [{ project: regexValue(['(unattributed)']) }, [SESSION_C]],
        [{ user: regexValue([EMAIL_2]) }, [SESSION_B, SESSION_D]],
        [{ user: regexValue([EMAIL_2]), project: regexValue([PROJECT_1]) }, [SESSION_D]],
        [{ machine: regexValue([HOST_1]) }, [SESSION_A, SESSION_C]],
        [{ machine: regexValue([HOST_2]), user: regexValue([USER_1.slice(0, 40)]) }, []],
      ] as const) {
        close(await at(cost, vars), costOf([...ids]), `cost with ${JSON.stringify(vars)}`);
        assert.equal(await at(sessions, vars), ids.length, `sessions with ${JSON.stringify(vars)}`);
      }
      // Every counting query runs with a project, a person and a machine chosen (Loki's are parsed elsewhere).
      const chosen = { ...ALL, project: regexValue([PROJECT_1]), user: regexValue([EMAIL_2]), machine: regexValue([HOST_2]) };
      for (const q of promQueries) await run(L(), q, chosen);
    });

    test("plan limits: each window's newest report per person (not the highest), 0 once the window has reset", async () => {
      const plan = L().plan;
      const q5 = find('overview', PANELS.overview.planUtilization, 'A');
      const q7 = find('overview', PANELS.overview.planUtilization, 'B');
      const byPerson = async (q: DashboardQuery, at: number, vars = ALL): Promise<Record<string, number>> => {
        const r = await queryInstant(L().prom, interpolate(q.expr, values(vars)), at);
        return Object.fromEntries(r.map((x) => [x.metric.person ?? '', Number(x.value![1])]));
      };
      assert.deepEqual(await byPerson(q5, fx.end), plan.atEnd.five_hour, 'five-hour: C (newest, after the reset) for user 1, B for user 2');
      assert.deepEqual(await byPerson(q7, fx.end), plan.atEnd.seven_day, 'seven-day: C for user 1, no report from user 2');
      const u1 = USER_1.slice(0, 40);
      assert.equal((await byPerson(q5, plan.beforeReset))[u1], 90, "before the reset: A's newest figure");
      assert.equal((await byPerson(q5, plan.afterReset))[u1], 0, 'after the reset, before a newer report: 0');
      // The trap: the highest figure of the window's sessions is A's, from before the reset.
      const naive = await queryInstant(L().prom, 'max by (window) (last_over_time(ccmon_plan_used_percent{window="five_hour", user_id!=""}[5h]))', fx.end);
      assert.equal(Number(naive[0]!.value![1]), 90);
      // The panel follows the dashboard's scope: a person, a machine, a project.
      assert.deepEqual(await byPerson(q5, fx.end, { ...ALL, user: regexValue([EMAIL_2]) }), { [EMAIL_2]: 55 });
      assert.deepEqual(await byPerson(q5, fx.end, { ...ALL, machine: regexValue([HOST_1]) }), { [u1]: 10 });
      assert.deepEqual(await byPerson(q5, fx.end, { ...ALL, project: regexValue([PROJECT_1]) }), { [u1]: 0 }, "project alpha: only A's reports (C has no record), whose window has reset");
      // The range query: the same figures over time, ending with the newest.
      const series = (await run(L(), q5, ALL)).result;
      const last = Object.fromEntries(series.map((x) => [x.metric.person ?? '', Number(x.values!.at(-1)![1])]));
      assert.deepEqual(last, plan.atEnd.five_hour);
      const cost = find('cost', PANELS.cost.planUtilization, 'A');
      assert.equal(cost.expr, q5.expr, 'the same panel on the cost dashboard');
    });
  });
}
