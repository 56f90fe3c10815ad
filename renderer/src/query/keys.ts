/** The query cache's keys: the API method's name, then its arguments' values (so a range is part of its key). */
import type { ChartRange, Scope, Shell, TelemetryMode } from '../../../electron/core/api/domain.js';
import type { ApiMethod } from '../../../electron/core/api/methods.js';

/** `getUsageSeries({range: '7d'})` → `['getUsageSeries', '7d']`: one rule, so an answer fetched elsewhere finds its query. */
export const queryKeyOf = (method: ApiMethod, args: Record<string, unknown> = {}): readonly unknown[] => [method, ...Object.values(args)];

/** The scope argument: `{scope}` on a shared backend, nothing locally (so the keys match the boot script's and the pushes'). */
export type ScopeArgs = { scope?: Scope };

export const keys = {
  /** Today's summary, as the hosts push it (no scope). */
  summary: queryKeyOf('getSummary'),
  scopedSummary: (scope: ScopeArgs) => queryKeyOf('getSummary', scope),
  summarySince: (since: string, scope: ScopeArgs) => queryKeyOf('getSummary', { since, ...scope }),
  limits: (scope: ScopeArgs) => queryKeyOf('getLimits', scope),
  sessions: (scope: ScopeArgs) => queryKeyOf('getSessions', scope),
  usageSeries: (range: ChartRange, scope: ScopeArgs = {}) => queryKeyOf('getUsageSeries', { range, ...scope }),
  probe: queryKeyOf('probeExporter'),
  lostSessions: queryKeyOf('checkLostSessions'),
  stack: queryKeyOf('getStackStatus'),
  appInfo: queryKeyOf('getAppInfo'),
  settings: queryKeyOf('getSettings'),
  backend: queryKeyOf('getBackend'),
  grafanaLinksAll: queryKeyOf('getGrafanaLinks'),
  grafanaLinks: (range: ChartRange) => queryKeyOf('getGrafanaLinks', { range }),
  envSnippetAll: queryKeyOf('getEnvSnippet'),
  envSnippet: (shell: Shell, mode: TelemetryMode) => queryKeyOf('getEnvSnippet', { shell, mode }),
};

/** Mutations keyed so their state outlives the panel that started them (the Stack tab can be left mid-start). */
export const mutationKeys = {
  stack: ['stackAction'] as const,
};
