/**
 * Fixed Grafana uids, shared by the provisioning files (compose/grafana/provisioning/**), the
 * dashboards (compose/grafana/dashboards/*.json) and the deep links (links.ts). Changing one
 * here means changing the provisioned files too; tests check that they agree.
 */

/** Datasource uids. The datasource provisioning (compose/grafana/provisioning/datasources/) must use these. */
export const DATASOURCE_UIDS = {
  prometheus: 'ccmon-prometheus',
  loki: 'ccmon-loki',
} as const;

export type DatasourceKind = keyof typeof DATASOURCE_UIDS;

/** Grafana plugin type of each datasource. */
export const DATASOURCE_TYPES: Record<DatasourceKind, string> = {
  prometheus: 'prometheus',
  loki: 'loki',
};

export interface DatasourceRef {
  type: string;
  uid: string;
}

export function datasourceRef(kind: DatasourceKind): DatasourceRef {
  return { type: DATASOURCE_TYPES[kind], uid: DATASOURCE_UIDS[kind] };
}

/** The five dashboards (the seed's five sections): uid, URL slug and title. */
export const DASHBOARDS = {
  overview: { uid: 'ccmon-overview', slug: 'claude-code-overview', title: 'Claude Code · Overview' },
  usage: { uid: 'ccmon-usage', slug: 'claude-code-usage-analysis', title: 'Claude Code · Usage analysis' },
  performance: { uid: 'ccmon-performance', slug: 'claude-code-performance', title: 'Claude Code · Performance' },
  cost: { uid: 'ccmon-cost', slug: 'claude-code-cost-management', title: 'Claude Code · Cost management' },
  events: { uid: 'ccmon-events', slug: 'claude-code-event-logs', title: 'Claude Code · Event logs' },
} as const;

export type DashboardKey = keyof typeof DASHBOARDS;
export const DASHBOARD_KEYS = Object.keys(DASHBOARDS) as DashboardKey[];

/** Folder the dashboards provider puts them in (its uid is fixed too). */
export const DASHBOARD_FOLDER = { uid: 'ccmon', title: 'Claude Code Monitor' } as const;

/**
 * Panel ids the app links to (viewPanel). Ids are unique per dashboard and never reused: a link
 * saved in someone's notes keeps landing on the same panel.
 */
export const PANELS = {
  overview: {
    cost: 1,
    sessions: 2,
    linesAdded: 3,
    linesRemoved: 4,
    activeTimeUser: 5,
    activeTimeCli: 6,
    commits: 7,
    pullRequests: 8,
    tokens: 9,
    costOverTime: 10,
    tokensOverTime: 11,
    linesOverTime: 12,
    // 13: the text panel (no link)
    planUtilization: 14,
  },
  usage: {
    editDecisionsByTool: 1,
    toolExecutionsByTool: 2,
    sessionDurations: 3,
    activeTimePerSession: 4,
    activityByHour: 5,
    sessionsByHour: 6,
    perUser: 7,
    byTerminal: 8,
  },
  performance: {
    apiLatency: 1,
    apiLatencyByModel: 2,
    apiErrorRate: 3,
    apiErrorsByStatus: 4,
    toolSuccessRate: 5,
    toolDuration: 6,
    tokenRate: 7,
    stackUp: 8,
    headSeries: 9,
    ruleFailures: 10,
    otlpRequests: 11,
  },
  cost: {
    costByModel: 1,
    costBySession: 2,
    budget: 3,
    burnRate: 4,
    costOverTime: 5,
    costByQuerySource: 6,
    tokensBySession: 7,
    costPerLine: 8,
    cacheHitRatio: 9,
    costToday: 10,
    costByProject: 11,
    planUtilization: 12,
    costByPerson: 13,
    costByMachine: 14,
  },
  events: {
    sessionStarts: 1,
    eventsByName: 2,
    sessionsInEvents: 3,
    userPrompts: 4,
    errors: 5,
    toolExecutions: 6,
    apiRequests: 7,
    allEvents: 8,
    sessionStartLogs: 9,
  },
} as const satisfies Record<DashboardKey, Record<string, number>>;

/** Template variables every dashboard declares (URL `var-<name>`). */
export const VARIABLES = ['user', 'model', 'session', 'terminal'] as const;
/** And who and where, on every dashboard too: `project` narrows the PromQL panels only (LogQL cannot join ccmon's records). */
export const SCOPE_VARIABLES = ['machine', 'project'] as const;
export type VariableName = (typeof VARIABLES)[number] | (typeof SCOPE_VARIABLES)[number] | 'budget';
