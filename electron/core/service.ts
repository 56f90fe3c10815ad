/**
 * The one implementation of the API that the Electron, HTTP and CLI hosts carry, with its event bus
 * and today's summary feed. Each method loads what it needs when first called, so a host (a CLI
 * command) pays only for the parts it uses.
 */
import { EventEmitter } from 'node:events';
import type { Settings } from './config/settings-schema.js';
import type { ApiEventName, ApiEvents, MonitorApi } from './api/contract.js';
import { AppError } from './api/error-codes.js';
import { parseWindow } from './api/instants.js';
import { PrometheusClient } from './prometheus/client.js';
import type { LiveSummaryStore } from './summary/live-summary-store.js';
import { toPublicSettings, type SettingsProvider, type SettingsView } from './config/settings-api.js';
import type { StackControl } from './stack/index.js';
import { appConfigDir, cacheDir, settingsFilePath } from './config/paths.js';
import { otlpMetricsEndpoint } from './config/endpoints.js';
import { backendKind, backendWording } from './config/backend.js';
import { identityMatcher, readIdentity } from './projects/identity.js';
import type { Scope } from './api/domain.js';
import { SummaryFeed } from './live/summary-feed.js';
import { Cached } from './live/cached.js';
import type { PlanLimits, PlanLimitsView, Summary, UsageSummary } from './api/types.js';
import { ProjectRecords } from './projects/project-records.js';
import { readProjectRecords } from './projects/read-records.js';
import type { ProjectRecord } from './projects/session-record.js';
import { byMachine, byProject, byUser } from './projects/breakdown.js';
import { fileSecretStore, type SecretStore } from './config/secrets.js';

const noPlanLimits: PlanLimitsView = { fiveHour: null, sevenDay: null };

export interface MonitorServiceOptions {
  settings: Settings;
  /** Absent in hosts that only read telemetry (tests, the status line). */
  stack?: StackControl | undefined;
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
  /** Where the backend's secrets are kept (the keychain in the tray; default the 0600 file). */
  secretStore?: SecretStore | undefined;
  /** Told after a secret was set or cleared (the host builds its service anew: the reads carry it); awaited before the call answers. */
  onSecretsChanged?: (() => void | Promise<void>) | undefined;
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
  /** Today's summary: the hosts that show it live run it as a loop (`summaries.run(interval)`). */
  summaries: SummaryFeed;
  /** Live 'stack:status' events (engine gone or back, services down or ready) and self-recovery after `up`; returns stop(). No-op without stack control. */
  watchStack(intervalMs: number): () => void;
}

export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const { settings } = options;
  const stack = options.stack;
  const env = options.env ?? process.env;
  const prometheus = new PrometheusClient({ url: settings.prometheusUrl, auth: settings.prometheusAuth, wording: backendWording(settings, settings.prometheusAuth ?? {}, env) });
  const events = new ApiEventBus();
  stack?.attach(events);
  const useRules = options.useSummaryRules;
  const needStack = (): StackControl => {
    if (!stack) throw new AppError('stack-unavailable', 'This host was started without stack control.', 'Use the tray app or `ccmon stack`.');
    return stack;
  };
  const settingsProvider = options.settingsProvider ?? readOnlySettings(settings);
  const secretStore = options.secretStore ?? fileSecretStore(appConfigDir(env));
  const envFiles = async () => (await import('./env/index.js')).claudeEnvFiles(env);
  const pushTarget = async () => (await import('./env/push-target.js')).pushTarget(settings, env);
  const installContext = async () => ({ files: await envFiles(), configDir: appConfigDir(env), settings, target: await pushTarget() });

  // Who "me" is, and what a scope selects: on the local stack everything is "me"; on a shared backend
  // "me" is this machine's Claude Code identity (the plan limits are always "me": they are one account's).
  const kind = backendKind(settings, env);
  const identity = kind === 'remote' ? readIdentity(env, settings.backend.identity) : null;
  const defaultScope: Scope = identity ? 'me' : 'all';
  const scopeOf = (scope: Scope | undefined): string => ((scope ?? defaultScope) === 'me' && identity ? identityMatcher(identity) : '');
  const mine = identity ? identityMatcher(identity) : '';
  const usageToday = options.liveSummary || options.summaryStore ? liveToday(prometheus, useRules, options.summaryStore, scopeOf(undefined)) : oneShotToday(prometheus, useRules, scopeOf(undefined));
  // The plan limits move slowly and cost more queries than a carried-forward summary: at most once a minute.
  const planLimits = new Cached(async () => (await import('./plan/read-limits.js')).readPlanLimits(prometheus, new Date(), mine), 60_000);
  // The window polls its limits at the refresh interval: several windows (or web tabs) share one read.
  const limitsByScope = new Map<string, Cached<PlanLimits>>();
  const limitsIn = (matcher: string): Promise<PlanLimits> => {
    let cached = limitsByScope.get(matcher);
    if (!cached) limitsByScope.set(matcher, (cached = new Cached(async () => (await import('./plan/read-limits.js')).readLimits(prometheus, new Date(), mine, matcher), 5_000)));
    return cached.get();
  };
  const todayRecords = new ProjectRecords(prometheus);
  const publicSummary = async (usage: UsageSummary, records: (u: UsageSummary) => Promise<ReadonlyMap<string, ProjectRecord>>): Promise<Summary> => {
    const [limits, projects] = await Promise.all([planLimits.get().catch(() => noPlanLimits), records(usage).catch(() => new Map<string, ProjectRecord>())]);
    return viewOf(usage, projects, limits);
  };
  // Today's per-session figures, as the last refresh counted them (the sessions list reads them).
  let lastToday: UsageSummary | undefined;
  const recordsOf = (u: UsageSummary) => todayRecords.for(u.bySession, new Date(u.window.since), new Date(u.window.until));
  const summaries = new SummaryFeed(
    async () => {
      const usage = await usageToday();
      lastToday = usage;
      return publicSummary(usage, recordsOf);
    },
    (summary) => events.emit('summary:update', summary),
  );
  const customWindow = async (since: string | undefined, until: string | undefined, scope: Scope | undefined): Promise<UsageSummary> => {
    const window = parseWindow(since, until);
    if (!window.ok) throw new AppError('invalid-arguments', `${window.field}: ${window.message}`);
    const { computeSummary } = await import('./summary/summary.js');
    return computeSummary(prometheus, { since: window.since, until: window.until, useRules, scope: scopeOf(scope) });
  };
  /** The feed serves today in the default scope; anything else is computed when asked. */
  const isFeed = (since: string | undefined, until: string | undefined, scope: Scope | undefined): boolean => since === undefined && until === undefined && (scope ?? defaultScope) === defaultScope;

  const withStatus = async <T,>(run: Promise<T>, pick: (r: T) => ApiEvents['stack:status']): Promise<T> => {
    const result = await run;
    events.emit('stack:status', pick(result));
    return result;
  };

  const api: MonitorApi = {
    getSummary: async ({ since, until, scope }) => {
      if (isFeed(since, until, scope)) return summaries.get();
      return publicSummary(await customWindow(since, until, scope), (u) => readProjectRecords(prometheus, new Date(u.window.since), new Date(u.window.until)));
    },
    getSessions: async ({ since, until, scope }) => {
      const today = isFeed(since, until, scope);
      if (today) await summaries.get();
      const usage = today && lastToday ? lastToday : await customWindow(since, until, scope);
      const [{ sessionTimes, sessionViews }, records, exporter] = await Promise.all([
        import('./projects/sessions.js'),
        today ? recordsOf(usage) : readProjectRecords(prometheus, new Date(usage.window.since), new Date(usage.window.until)),
        settings.telemetryMode === 'scrape' ? import('./exporter/probe.js').then(({ probeExporter }) => probeExporter(settings.exporterUrl)) : undefined,
      ]);
      const times = await sessionTimes(prometheus, new Date(usage.window.since), new Date(usage.window.until), scopeOf(scope));
      const { dashboardUrl } = await import('./grafana/links.js');
      const link = (session: string, from: number, to: number): string => dashboardUrl(settings.grafanaUrl, 'cost', { from, to, vars: { session } });
      return sessionViews(usage, records, times, new Set(exporter?.sessions.map((s) => s.sessionId)), link);
    },
    getLimits: ({ scope }) => limitsIn(scopeOf(scope)),
    getUsageSeries: async ({ range, scope }) => (await import('./summary/usage-series.js')).computeUsageSeries(prometheus, range, new Date(), scopeOf(scope)),
    probeExporter: async () => (await import('./exporter/probe.js')).probeExporter(settings.exporterUrl),
    checkLostSessions: async () => {
      const [{ probeExporter }, { checkLostSessions }] = await Promise.all([import('./exporter/probe.js'), import('./exporter/lost-sessions.js')]);
      return checkLostSessions(await probeExporter(settings.exporterUrl), { mode: settings.telemetryMode });
    },
    getStackStatus: () => needStack().status(),
    stackUp: () => withStatus(needStack().up(), (s) => s),
    stackDown: () => withStatus(needStack().down(), (s) => s),
    stackPurge: () => withStatus(needStack().purge(), (r) => r.status),
    runDoctor: async () => {
      if (kind === 'local') return needStack().doctor();
      const { runRemoteDoctor } = await import('./doctor/remote.js');
      return runRemoteDoctor({ settings, env, secrets: secretStore, secretsFile: fileSecretStore(appConfigDir(env)).file, cacheDir: cacheDir(env) });
    },
    getSettings: async () => settingsProvider.view(),
    updateSettings: async ({ patch }) => {
      const view = await settingsProvider.update(patch);
      events.emit('settings:changed', view);
      return view;
    },
    getEnvSnippet: async ({ shell, mode }) => (await import('./env/index.js')).envSnippet(shell, mode, settings, await pushTarget()),
    previewApplyEnv: async (choice) => (await import('./env/install.js')).applyInstall(choice, await installContext(), { dryRun: true }),
    applyEnv: async (choice) => (await import('./env/install.js')).applyInstall(choice, await installContext()),
    revertEnv: async ({ dryRun }) => (await import('./env/install.js')).revertInstall(await installContext(), { dryRun: dryRun ?? false }),
    getAppInfo: async () => ({
      prometheusUrl: settings.prometheusUrl,
      grafanaUrl: settings.grafanaUrl,
      lokiUrl: settings.lokiUrl,
      exporterUrl: settings.exporterUrl,
      telemetryMode: settings.telemetryMode,
      refreshIntervalSeconds: settings.refreshIntervalSeconds,
      claudeSettingsFile: (await envFiles()).settingsFile,
      backend: {
        kind,
        label: kind === 'local' ? 'Local stack' : settings.backend.name || new URL(settings.prometheusUrl).host,
        otlpMetricsUrl: otlpMetricsEndpoint(settings),
        identity: identity?.value ?? null,
        defaultScope,
      },
    }),
    getBackend: async () => (await import('./config/backend-view.js')).backendView(settings, secretStore, env),
    setBackendSecret: async ({ name, value }) => {
      await secretStore.write(name, value);
      await options.onSecretsChanged?.();
      return (await import('./config/backend-view.js')).backendView(settings, secretStore, env);
    },
    getGrafanaLinks: async ({ range }) => (await import('./grafana/app-links.js')).appGrafanaLinks(settings.grafanaUrl, range),
  };
  return { api, events, summaries, watchStack: (intervalMs) => stack?.watch(intervalMs) ?? (() => undefined) };
}

/** Today's summary carried forward between refreshes (and across processes with a store). */
function liveToday(prometheus: PrometheusClient, useRules: boolean | undefined, store: LiveSummaryStore | undefined, scope: string) {
  let live: Promise<import('./summary/live-summary.js').LiveSummary> | undefined;
  return async () => {
    live ??= import('./summary/live-summary.js').then(({ LiveSummary }) => new LiveSummary(prometheus, { useRules, store, scope }));
    return (await live).summary();
  };
}

/** Today's summary computed in full each time (one-shot hosts). */
function oneShotToday(prometheus: PrometheusClient, useRules: boolean | undefined, scope: string) {
  return async () => (await import('./summary/summary.js')).computeSummary(prometheus, { useRules, scope });
}

/** A host without a settings store shows what it runs with and refuses changes, saying why. */
function readOnlySettings(settings: Settings): SettingsProvider {
  const view = (): SettingsView => ({ settings: toPublicSettings(settings), file: settingsFilePath(), notices: [], writable: false, launchAtLoginSupported: false });
  return {
    view,
    update: () => Promise.reject(new AppError('settings-read-only', `Settings cannot be changed from this host; edit them in the tray app or in ${settingsFilePath()}.`)),
  };
}

/** The summary a person reads: the totals, and the same sessions by project, by person and by machine. */
function viewOf(usage: UsageSummary, projects: ReadonlyMap<string, ProjectRecord>, planLimits: PlanLimitsView): Summary {
  const { bySession, ...totals } = usage;
  return { ...totals, byProject: byProject(bySession, projects), byUser: byUser(bySession), byMachine: byMachine(bySession), planLimits };
}
