/**
 * The provisioned dashboards as Grafana reads them (compose/grafana/dashboards/*.json), their PromQL
 * queries, the variable values the query tests use, and the stack's rule files. Shared by the
 * dashboards-*.test.ts files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dashboardFileName } from '../../electron/core/grafana/dashboards/index.js';
import { queriesOf, type DashboardQuery } from '../../electron/core/grafana/extract.js';
import { regexValue } from '../../electron/core/grafana/template.js';
import { DASHBOARD_KEYS, type DashboardKey } from '../../electron/core/grafana/uids.js';
import { SESSION_A, SESSION_C, USER_1 } from './dashboards-fixture.js';

const DASHBOARD_DIR = fileURLToPath(new URL('../../compose/grafana/dashboards/', import.meta.url));
const RULES_DIR = fileURLToPath(new URL('../../compose/prometheus/rules/', import.meta.url));

export type DashboardJson = { uid: string; panels: unknown[]; templating: { list: unknown[] } };

export const dashboards = Object.fromEntries(DASHBOARD_KEYS.map((k) => [k, JSON.parse(readFileSync(`${DASHBOARD_DIR}${dashboardFileName(k)}`, 'utf8')) as DashboardJson])) as Record<DashboardKey, DashboardJson>;

/** Every Prometheus target of every panel of every dashboard. */
export const promQueries: DashboardQuery[] = DASHBOARD_KEYS.flatMap((k) => queriesOf(dashboards[k] as never)).filter((q) => q.datasource === 'prometheus');

/** Every variable on All. */
export const ALL = { user: '.*', session: '.*', terminal: '.*', model: '.*', machine: '.*', project: '.*', budget: '10' };

/** Specific values as Grafana offers them: a 40-character user prefix, several sessions, the model without its [1m] suffix. */
export const SPECIFIC = { ...ALL, user: regexValue([USER_1.slice(0, 40)]), session: regexValue([SESSION_A, SESSION_C]), terminal: '.*', model: regexValue(['claude-opus-4-8']), budget: '2.5' };

/** The stack's alert and recording rules (so prometheus_rule_* self metrics and the snapshots exist). */
export function composeRuleFiles(): string[] {
  return existsSync(RULES_DIR) ? readdirSync(RULES_DIR).filter((f) => f.endsWith('.yml')).map((f) => `${RULES_DIR}${f}`) : [];
}
