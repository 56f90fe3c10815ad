/**
 * The names of the API's methods and events, as plain lists (no dependencies): the HTTP bridge, the
 * preload's manifest and the hosts are built from them. contract.ts holds each method's argument
 * schema and result type and is checked, at compile time, to cover exactly these names.
 */
export const apiMethods = [
  'getSummary',
  'getLimits',
  'getSessions',
  'getUsageSeries',
  'probeExporter',
  'checkLostSessions',
  'getStackStatus',
  'stackUp',
  'stackDown',
  'stackPurge',
  'runDoctor',
  'getSettings',
  'updateSettings',
  'getEnvSnippet',
  'previewApplyEnv',
  'applyEnv',
  'revertEnv',
  'getAppInfo',
  'getGrafanaLinks',
  'getBackend',
  'setBackendSecret',
] as const;
export type ApiMethod = (typeof apiMethods)[number];

export const apiEventNames = ['stack:status', 'stack:pull-progress', 'summary:update', 'settings:changed', 'app:navigate'] as const;
export type ApiEventName = (typeof apiEventNames)[number];

export const isApiMethod = (name: unknown): name is ApiMethod => typeof name === 'string' && (apiMethods as readonly string[]).includes(name);

/** IPC channel of a method (`ipcMain.handle`) and of an event (`webContents.send`). One naming rule for main and preload. */
export const methodChannel = (method: ApiMethod): string => `ccmon:${method}`;
export const eventChannel = (event: ApiEventName): string => `ccmon:event:${event}`;
