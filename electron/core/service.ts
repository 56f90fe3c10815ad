import { EventEmitter } from 'node:events';
import type { Settings } from './config/settings-schema.js';
import type { ApiEventName, ApiEvents, MonitorApi } from './api/contract.js';
import { PrometheusClient } from './prometheus/client.js';
import { computeSummary } from './summary/summary.js';
import { LiveSummary } from './summary/live-summary.js';
import type { LiveSummaryStore } from './summary/live-summary-store.js';
import { computeUsageSeries } from './summary/usage-series.js';
import { probeExporter } from './exporter/probe.js';
import { checkLostSessions } from './exporter/lost-sessions.js';
import type { DoctorReport, StackStatus } from './api/types.js';
import { toPublicSettings, type SettingsProvider } from './config/settings-api.js';
import { settingsFilePath } from './config/paths.js';
import { applyClaudeEnv, claudeEnvFiles, envSnippet, envVars, revertClaudeEnv } from './env/index.js';
import { appGrafanaLinks } from './grafana/app-links.js';

/** The stack operations the service delegates to (implemented with dockerode in ./stack). */
export interface StackController {
  status(): Promise<StackStatus>;
  up(): Promise<StackStatus>;
  down(): Promise<StackStatus>;
  doctor(): Promise<DoctorReport>;
  /** Lets the controller emit 'stack:status' and 'stack:pull-progress' on the service's bus. */
  attach?(events: ApiEventBus): void;
}

export interface MonitorServiceOptions {
  settings: Settings;
  /** Absent in hosts that only read telemetry (tests, the status line). */
  stack?: StackController | undefined;
  /** Backs getSettings/updateSettings (electron-store in the tray app); read-only view of `settings` when absent. */
  settingsProvider?: SettingsProvider | undefined;
  /** Where CLAUDE_CONFIG_DIR, CCMON_CONFIG_DIR and HOME are read (default process.env). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Read our recording rules where they cover a window (default true; CCMON_SUMMARY_RULES=off in the CLI). */
  useSummaryRules?: boolean | undefined;
  /**
   * Carry today's summary forward between refreshes instead of recomputing it (hosts that refresh it:
   * the tray, `ccmon web`). One-shot hosts (the CLI) compute it in full.
   */
  liveSummary?: boolean | undefined;
  /** Carry today's summary across processes through this store (`ccmon summary`); implies `liveSummary`. */
  summaryStore?: LiveSummaryStore | undefined;
}

/** Typed event emitter for `ApiEvents`. */
export class ApiEventBus {
  private readonly emitter = new EventEmitter();
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    this.emitter.emit(name, payload);
  }
  on<E extends ApiEventName>(name: E, listener: (payload: ApiEvents[E]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

export interface MonitorService {
  api: MonitorApi;
  events: ApiEventBus;
}

/** The one implementation of the API that the Electron, HTTP and CLI hosts carry. */
export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const { settings } = options;
  const stack: StackController = options.stack ?? noStackControl;
  const prometheus = new PrometheusClient({ url: settings.prometheusUrl, auth: settings.prometheusAuth });
  const events = new ApiEventBus();
  stack.attach?.(events);
  const settingsProvider = options.settingsProvider ?? readOnlySettings(settings);
  const env = options.env ?? process.env;
  const live = options.liveSummary || options.summaryStore ? new LiveSummary(prometheus, { useRules: options.useSummaryRules, store: options.summaryStore }) : undefined;
  const api: MonitorApi = {
    getSummary: async ({ since, until }) => {
      if (!since && !until) {
        const summary = live ? await live.summary() : await computeSummary(prometheus, { useRules: options.useSummaryRules });
        events.emit('summary:update', summary);
        return summary;
      }
      return computeSummary(prometheus, { since: since ? new Date(since) : undefined, until: until ? new Date(until) : undefined, useRules: options.useSummaryRules });
    },
    getUsageSeries: ({ range }) => computeUsageSeries(prometheus, range),
    probeExporter: () => probeExporter(settings.exporterUrl),
    checkLostSessions: async () => checkLostSessions(await probeExporter(settings.exporterUrl), { mode: settings.telemetryMode }),
    getStackStatus: () => stack.status(),
    stackUp: async () => {
      const status = await stack.up();
      events.emit('stack:status', status);
      return status;
    },
    stackDown: async () => {
      const status = await stack.down();
      events.emit('stack:status', status);
      return status;
    },
    runDoctor: () => stack.doctor(),
    getSettings: async () => settingsProvider.view(),
    updateSettings: async ({ patch }) => {
      const view = await settingsProvider.update(patch);
      events.emit('settings:changed', view);
      return view;
    },
    getEnvSnippet: async ({ shell, mode }) => envSnippet(shell, mode, settings),
    previewApplyEnv: ({ mode }) => applyClaudeEnv(claudeEnvFiles(env), envVars(mode, settings), { dryRun: true }),
    applyEnv: ({ mode }) => applyClaudeEnv(claudeEnvFiles(env), envVars(mode, settings)),
    revertEnv: ({ dryRun }) => revertClaudeEnv(claudeEnvFiles(env), [envVars('push', settings), envVars('scrape', settings)], { dryRun: dryRun ?? false }),
    getAppInfo: async () => ({
      prometheusUrl: settings.prometheusUrl,
      grafanaUrl: settings.grafanaUrl,
      lokiUrl: settings.lokiUrl,
      exporterUrl: settings.exporterUrl,
      telemetryMode: settings.telemetryMode,
      refreshIntervalSeconds: settings.refreshIntervalSeconds,
      claudeSettingsFile: claudeEnvFiles(env).settingsFile,
    }),
    getGrafanaLinks: async ({ range }) => appGrafanaLinks(settings.grafanaUrl, range),
  };
  return { api, events };
}

const noStack = (): Promise<never> => Promise.reject(new Error('This host was started without stack control.'));
const noStackControl: StackController = { status: noStack, up: noStack, down: noStack, doctor: noStack };

/** A host without a settings store shows what it runs with and refuses changes, saying why. */
function readOnlySettings(settings: Settings): SettingsProvider {
  const view = () => ({ settings: toPublicSettings(settings), file: settingsFilePath(), notices: [], writable: false, launchAtLoginSupported: false });
  return {
    view,
    update: () => Promise.reject(Object.assign(new Error('Settings cannot be changed from this host; edit them in the tray app or in ' + settingsFilePath() + '.'), { code: 'settings-read-only' })),
  };
}
