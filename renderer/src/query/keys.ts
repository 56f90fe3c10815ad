/** The query cache's keys: the API method's name, then its arguments' values (so a range is part of its key). */
import type { ChartRange, Shell, TelemetryMode } from '../../../electron/core/api/domain.js';
import type { ApiMethod } from '../../../electron/core/api/methods.js';

/** `getUsageSeries({range: '7d'})` → `['getUsageSeries', '7d']`: one rule, so an answer fetched elsewhere finds its query. */
export const queryKeyOf = (method: ApiMethod, args: Record<string, unknown> = {}): readonly unknown[] => [method, ...Object.values(args)];

export const keys = {
  summary: queryKeyOf('getSummary'),
  usageSeries: (range: ChartRange) => queryKeyOf('getUsageSeries', { range }),
  probe: queryKeyOf('probeExporter'),
  lostSessions: queryKeyOf('checkLostSessions'),
  stack: queryKeyOf('getStackStatus'),
  appInfo: queryKeyOf('getAppInfo'),
  settings: queryKeyOf('getSettings'),
  grafanaLinksAll: queryKeyOf('getGrafanaLinks'),
  grafanaLinks: (range: ChartRange) => queryKeyOf('getGrafanaLinks', { range }),
  envSnippetAll: queryKeyOf('getEnvSnippet'),
  envSnippet: (shell: Shell, mode: TelemetryMode) => queryKeyOf('getEnvSnippet', { shell, mode }),
};

/** Mutations keyed so their state outlives the panel that started them (the Stack tab can be left mid-start). */
export const mutationKeys = {
  stack: ['stackAction'] as const,
};
