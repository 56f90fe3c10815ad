/** The query cache's keys: the API method's name, then its arguments (so a range is part of its key). */
import type { ChartRange, Shell, TelemetryMode } from '../../../electron/core/api/domain.js';

export const keys = {
  summary: ['getSummary'] as const,
  usageSeries: (range: ChartRange) => ['getUsageSeries', range] as const,
  probe: ['probeExporter'] as const,
  lostSessions: ['checkLostSessions'] as const,
  stack: ['getStackStatus'] as const,
  appInfo: ['getAppInfo'] as const,
  settings: ['getSettings'] as const,
  grafanaLinksAll: ['getGrafanaLinks'] as const,
  grafanaLinks: (range: ChartRange) => ['getGrafanaLinks', range] as const,
  envSnippetAll: ['getEnvSnippet'] as const,
  envSnippet: (shell: Shell, mode: TelemetryMode) => ['getEnvSnippet', shell, mode] as const,
};

/** Mutations keyed so their state outlives the panel that started them (the Stack tab can be left mid-start). */
export const mutationKeys = {
  stack: ['stackAction'] as const,
};
