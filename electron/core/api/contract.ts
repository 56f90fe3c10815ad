import { z } from 'zod';
import type { LostSessionsVerdict } from '../exporter/lost-sessions.js';
import type { DoctorReport, PlanLimits, ProbeResult, SessionView, PullProgress, PurgeResult, StackStatus, Summary, UsageSeries } from './types.js';
import { settingsPatchSchema, type SettingsView } from '../config/settings-api.js';
import type { AppInfo, BackendView, GrafanaLinks } from './types.js';
import type { ClaudeEnvPlan, EnvSnippet } from '../env/types.js';
import { chartRanges, scopes, shells, telemetryModes } from './domain.js';
import { parseWindow } from './instants.js';
import type { ApiEventName, ApiMethod } from './methods.js';

export { apiEventNames, apiMethods, eventChannel, isApiMethod, methodChannel, type ApiEventName, type ApiMethod } from './methods.js';

const none = z.object({}).strict();

/** What Apply installs: the telemetry variables for a mode, and (unless turned off) the status line. */
const installChoice = z.object({ mode: z.enum(telemetryModes), statusLine: z.boolean().optional(), hooks: z.boolean().optional() }).strict();

/** A summary window as a person types it (instants.ts): each instant ISO 8601, since before until. */
const summaryWindow = z
  .object({ since: z.string().optional(), until: z.string().optional(), scope: z.enum(scopes).optional() })
  .strict()
  .superRefine((w, ctx) => {
    const parsed = parseWindow(w.since, w.until);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [parsed.field], message: parsed.message });
  });

/**
 * The one API every host carries (IPC in Electron, HTTP in web mode, the CLI).
 * Each method takes a single JSON argument validated by `apiArgSchemas` in the one dispatch
 * (dispatch.ts), so the core can trust its inputs and the renderer never knows which host it talks to.
 */
export const apiArgSchemas = {
  getSummary: summaryWindow,
  getLimits: z.object({ scope: z.enum(scopes).optional() }).strict(),
  getSessions: summaryWindow,
  getUsageSeries: z.object({ range: z.enum(chartRanges), scope: z.enum(scopes).optional() }).strict(),
  probeExporter: none,
  checkLostSessions: none,
  getStackStatus: none,
  stackUp: none,
  stackDown: none,
  /** Deletes the stack's data for good: the caller must say so. */
  stackPurge: z.object({ confirm: z.literal(true) }).strict(),
  runDoctor: none,
  getSettings: none,
  updateSettings: z.object({ patch: settingsPatchSchema }).strict(),
  getEnvSnippet: z.object({ shell: z.enum(shells), mode: z.enum(telemetryModes) }).strict(),
  previewApplyEnv: installChoice,
  applyEnv: installChoice,
  revertEnv: z.object({ dryRun: z.boolean().optional() }).strict(),
  getAppInfo: none,
  getGrafanaLinks: z.object({ range: z.enum(chartRanges) }).strict(),
  getBackend: none,
  /** A backend secret, set or (null) cleared: one line, no spaces or control characters (secret-input.ts). */
  setBackendSecret: z
    .object({
      name: z.enum(['bearerToken', 'basicPassword']),
      value: z.string().min(1).max(8192).regex(/^[\x21-\x7e\u00a0-\uffff]+$/, 'one line without spaces or control characters').nullable(),
    })
    .strict(),
} as const satisfies Record<ApiMethod, z.ZodType>;

export type ApiArgs<M extends ApiMethod> = z.infer<(typeof apiArgSchemas)[M]>;

export interface ApiResults {
  getSummary: Summary;
  getLimits: PlanLimits;
  getSessions: SessionView[];
  getUsageSeries: UsageSeries;
  probeExporter: ProbeResult;
  checkLostSessions: LostSessionsVerdict;
  getStackStatus: StackStatus;
  stackUp: StackStatus;
  stackDown: StackStatus;
  stackPurge: PurgeResult;
  runDoctor: DoctorReport;
  getSettings: SettingsView;
  updateSettings: SettingsView;
  getEnvSnippet: EnvSnippet;
  previewApplyEnv: ClaudeEnvPlan;
  applyEnv: ClaudeEnvPlan;
  revertEnv: ClaudeEnvPlan;
  getAppInfo: AppInfo;
  getGrafanaLinks: GrafanaLinks;
  getBackend: BackendView;
  setBackendSecret: BackendView;
}

export type MonitorApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

/** Events the core pushes to every host (IPC `webContents.send`, SSE in web mode). */
export interface ApiEvents {
  'stack:status': StackStatus;
  'stack:pull-progress': PullProgress;
  'summary:update': Summary;
  /** Settings changed (from the panel, or another host). */
  'settings:changed': SettingsView;
  /** The tray asks the window to show a view ("Settings", "Open dashboard"). */
  'app:navigate': { view: 'dashboard' | 'settings' };
}
// Compile-time: the events listed in methods.ts are exactly these.
const _eventsCovered: Record<ApiEventName, true> = { 'stack:status': true, 'stack:pull-progress': true, 'summary:update': true, 'settings:changed': true, 'app:navigate': true } satisfies Record<keyof ApiEvents, true>;
void _eventsCovered;

/** Errors crossing a host boundary travel as `{error, result}` and are rebuilt on the other side. */
export type { ApiEnvelope } from './envelope.js';

/**
 * What the renderer sees, whichever host carries it: `window.ccmon` from the preload in Electron,
 * an HTTP + SSE client in web mode. Methods reject with real `Error`s rebuilt from the envelope.
 */
export type RendererBridge = MonitorApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export { ApiError, openEnvelope, toEnvelope } from './envelope.js';
