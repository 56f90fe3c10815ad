import type { LostSessionsVerdict } from '../exporter/lost-sessions.js';
import { z } from 'zod';
import type { DoctorReport, ProbeResult, PullProgress, StackStatus, Summary, UsageSeries } from './types.js';
import { settingsPatchSchema, type SettingsView } from '../config/settings-api.js';
import type { AppInfo, GrafanaLinks } from './types.js';
import type { ClaudeEnvPlan, EnvSnippet } from '../env/types.js';

/**
 * The one API every host carries (IPC in Electron, HTTP in web mode, the CLI).
 * Each method takes a single JSON argument validated by `apiArgSchemas` at the host boundary,
 * so the core can trust its inputs and the renderer never knows which host it talks to.
 */
export const apiArgSchemas = {
  getSummary: z.object({ since: z.iso.datetime({ offset: true }).optional(), until: z.iso.datetime({ offset: true }).optional() }).strict(),
  getUsageSeries: z.object({ range: z.enum(['24h', '7d', '30d']) }).strict(),
  probeExporter: z.object({}).strict(),
  checkLostSessions: z.object({}).strict(),
  getStackStatus: z.object({}).strict(),
  stackUp: z.object({}).strict(),
  stackDown: z.object({}).strict(),
  runDoctor: z.object({}).strict(),
  // Settings (issue 5): the tray app's settings file, shared with the CLI and web mode.
  getSettings: z.object({}).strict(),
  updateSettings: z.object({ patch: settingsPatchSchema }).strict(),
  // Setup (issue 4): env snippets and Claude Code's settings.json.
  getEnvSnippet: z.object({ shell: z.enum(['bash', 'zsh', 'fish', 'powershell', 'cmd', 'json']), mode: z.enum(['push', 'scrape']) }).strict(),
  previewApplyEnv: z.object({ mode: z.enum(['push', 'scrape']) }).strict(),
  applyEnv: z.object({ mode: z.enum(['push', 'scrape']) }).strict(),
  revertEnv: z.object({ dryRun: z.boolean().optional() }).strict(),
  // Where things are (issue 4): URLs the renderer shows and opens.
  getAppInfo: z.object({}).strict(),
  getGrafanaLinks: z.object({ range: z.enum(['24h', '7d', '30d']) }).strict(),
} as const;

export type ApiMethod = keyof typeof apiArgSchemas;
export type ApiArgs<M extends ApiMethod> = z.infer<(typeof apiArgSchemas)[M]>;

export interface ApiResults {
  getSummary: Summary;
  getUsageSeries: UsageSeries;
  probeExporter: ProbeResult;
  checkLostSessions: LostSessionsVerdict;
  getStackStatus: StackStatus;
  stackUp: StackStatus;
  stackDown: StackStatus;
  runDoctor: DoctorReport;
  getSettings: SettingsView;
  updateSettings: SettingsView;
  getEnvSnippet: EnvSnippet;
  previewApplyEnv: ClaudeEnvPlan;
  applyEnv: ClaudeEnvPlan;
  revertEnv: ClaudeEnvPlan;
  getAppInfo: AppInfo;
  getGrafanaLinks: GrafanaLinks;
}

export type MonitorApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

/** Events the core pushes to every host (IPC `webContents.send`, SSE in web mode). */
export interface ApiEvents {
  'stack:status': StackStatus;
  'stack:pull-progress': PullProgress;
  'summary:update': Summary;
  /** Settings changed (from the panel, or another host); issue 5. */
  'settings:changed': SettingsView;
  /** The tray asks the window to show a view ("Settings", "Open dashboard"); issue 5. */
  'app:navigate': { view: 'dashboard' | 'settings' };
}
export type ApiEventName = keyof ApiEvents;
export const apiEventNames = ['stack:status', 'stack:pull-progress', 'summary:update', 'settings:changed', 'app:navigate'] as const satisfies readonly ApiEventName[];

export const apiMethods = Object.keys(apiArgSchemas) as ApiMethod[];

/** Errors crossing a host boundary travel as `{error, result}` and are rebuilt on the other side. */
export type { ApiEnvelope } from './envelope.js';

/** IPC channel of a method (`ipcMain.handle`) and of an event (`webContents.send`). One naming rule for main and preload. */
export const methodChannel = (method: ApiMethod): string => `ccmon:${method}`;
export const eventChannel = (event: ApiEventName): string => `ccmon:event:${event}`;

/**
 * What the renderer sees, whichever host carries it: `window.ccmon` from the preload in Electron,
 * an HTTP + SSE client in web mode. Methods reject with real `Error`s rebuilt from the envelope.
 */
export type RendererBridge = MonitorApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export { ApiError, openEnvelope, toEnvelope } from './envelope.js';
