/**
 * The Electron host's composition root: lifecycle, single-instance lock, tray, window, IPC,
 * settings store, polling, notifications, autostart. Thin: every decision lives in a pure module.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, session, type Rectangle } from 'electron';
import { appConfigDir } from '../core/config/paths.js';
import type { Settings } from '../core/config/settings-schema.js';
import { createMonitorService, type MonitorService } from '../core/service.js';
import type { StackStatus } from '../core/api/types.js';
import { budgetAlertMessage, evaluateBudgets, startOfMonth } from '../core/budget/thresholds.js';
import { formatUsd } from '../core/format/numbers.js';
import { acceptableDevServer, isTrustedRendererUrl, RENDERER_URL } from './security-policy.js';
import { applySecurityRestrictions, openExternalIfAllowed } from './security.js';
import { handleRendererProtocol, registerRendererScheme } from './renderer-protocol.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { TrayController, type TrayView } from './tray.js';
import { defaultSnippetShell, findMenuItem, type TrayAction, type TrayMenuItem } from './tray-menu.js';
import { trayStateFrom, type CostView, type StackView, type TrayState } from './tray-state.js';
import { WindowController, markQuitting } from './window.js';
import { pollIntervalMs } from '../core/live/poller.js';
import { notify } from './notifications.js';
import { stackOperationFailedNotice, stackTransitionNotice } from './stack-notices.js';
import { openSettingsStore, openStateStore, type SettingsStoreHandle } from './store.js';
import { AUTOSTART_ARG, applyDesktopFilePlan, autostartPlan } from './autostart.js';
import { showWindowAtLaunch, stopStackOnQuit, trayLikelyAvailable, windowMode } from './launch-policy.js';
import { createStackController, type StackControl } from '../core/stack/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The app folder (holds package.json, dist/, resources/ when unpackaged). */
export const appRoot = path.resolve(here, '..', '..', '..');

/** Settings whose change needs a new service (the Prometheus client and friends are built from them). */
const MONTH_COST_MAX_AGE_MS = 5 * 60_000;

/** As in electron-builder.yml (productName, appId). */
export const PRODUCT_NAME = 'Claude Code Monitor';
export const APP_ID = 'dev.claude-code-monitor.app';

/** How often the stack watcher looks at the engine (cheap local Docker API calls). */
const STACK_WATCH_MS = 3000;

const serviceKeys = ['prometheusUrl', 'grafanaUrl', 'lokiUrl', 'exporterUrl', 'telemetryMode', 'prometheusAuth'] as const;

export interface AppHandle {
  service(): MonitorService;
  trayMenu(): TrayMenuItem[] | null;
  trayState(): TrayState;
  runAction(action: TrayAction): Promise<void>;
  clickMenuItem(id: string): Promise<boolean>;
  tick(): Promise<void>;
  windowVisible(): boolean;
  settings(): Settings;
}

function log(message: string): void {
  process.stderr.write(`[ccmon] ${message}\n`);
}

function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : path.join(appRoot, 'resources');
}

export async function startApp(): Promise<AppHandle | null> {
  // Before ready: the name notifications and menus show; the settings folder is the one the CLI reads
  // (paths.ts), not Electron's default; on Windows, notifications need the installer's AppUserModelID.
  app.setName(PRODUCT_NAME);
  app.setPath('userData', appConfigDir());
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerRendererScheme();
  const hidden = process.argv.includes(AUTOSTART_ARG);
  const devServer = acceptableDevServer(process.env.CCMON_RENDERER_URL);
  let trayController: TrayController | null = null;
  let windowController: WindowController | null = null;

  app.on('second-instance', () => {
    // A second launch (the only way back to the app where there's no tray) shows the window.
    void windowController?.show(trayController?.bounds());
  });
  app.on('window-all-closed', () => {
    // With a (visible) tray the app lives on; without one, the window is the app: closing it is quitting.
    if (!trayController || windowController?.mode === 'window') app.quit();
  });

  await app.whenReady();

  const appVersion = app.getVersion();
  const launchAtLoginSupported = true;
  const store: SettingsStoreHandle = openSettingsStore({ dir: appConfigDir(), appVersion, launchAtLoginSupported });
  const appState = openStateStore(appConfigDir());
  for (const notice of store.notices) {
    log(`settings: ${notice.message}`);
    if (notice.kind === 'corrupt-file' || notice.kind === 'invalid-values' || notice.kind === 'unreadable') {
      notify({ title: 'Claude Code Monitor: settings reset', body: notice.message }, () => void showView('settings'));
    }
  }

  // What the tray shows: the stack as last reported, the operation running, today's cost.
  const stackView: StackView = { status: null, operation: null, lastError: null };
  let cost: CostView = { todayUsd: null, staleSince: null };
  let previousState: TrayState | null = null;

  let settings = store.current();
  // The stack manager (dockerode) watches the engine and emits 'stack:status' on every change.
  const composeDir = app.isPackaged ? path.join(process.resourcesPath, 'compose') : undefined;
  let stack: StackControl | undefined;
  let unwatch: () => void = () => undefined;
  const build = (): MonitorService => {
    unwatch();
    try {
      stack = createStackController(settings, { env: process.env, ...(composeDir ? { composeDir } : {}) });
    } catch (err) {
      log(`stack control unavailable: ${(err as Error).message}`);
      stack = undefined;
    }
    const built = createMonitorService({ settings, stack, settingsProvider: store.provider, liveSummary: true });
    if (stack) {
      stack.attach(built.events);
      unwatch = stack.manager.watch(STACK_WATCH_MS);
    }
    return built;
  };
  let service = build();
  let unforward = forwardEvents(service.events, (channel, payload) => windowController?.send(channel, payload));
  let unlisten = service.events.on('stack:status', (status) => setStackStatus(status));

  const trayView = (): TrayView => ({
    state: trayStateFrom(stackView),
    operation: stackView.operation,
    stackControl: !!stack,
    todayUsd: cost.todayUsd,
    defaultShell: defaultSnippetShell(process.platform, process.env.SHELL),
    stopStackOnQuit: settings.stopStackOnQuit,
    platform: process.platform,
    cost,
  });
  const refreshTray = (): void => {
    const view = trayView();
    const notice = stackTransitionNotice(previousState, view.state, stackView.status, stackView.lastError);
    if (notice) notify(notice, () => void showView('dashboard'));
    previousState = view.state;
    trayController?.update(view);
  };
  function setStackStatus(status: StackStatus): void {
    stackView.status = status;
    refreshTray();
  }

  applySecurityRestrictions({ session: session.defaultSession, grafanaUrl: () => settings.grafanaUrl, devServer });
  handleRendererProtocol(session.defaultSession, process.env.CCMON_RENDERER_DIR ?? path.join(appRoot, 'dist', 'renderer'));
  registerIpcHandlers(() => service.api, (url) => isTrustedRendererUrl(url, devServer));

  const runStackOperation = async (operation: 'up' | 'down'): Promise<void> => {
    if (!stack || stackView.operation) return;
    stackView.operation = operation;
    refreshTray();
    try {
      stackView.status = await (operation === 'up' ? service.api.stackUp({}) : service.api.stackDown({}));
      stackView.lastError = null;
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      stackView.lastError = e.message ?? String(err);
      notify(stackOperationFailedNotice(operation, e), () => void showView('dashboard'));
    } finally {
      stackView.operation = null;
      refreshTray();
    }
  };

  async function showView(view: 'dashboard' | 'settings'): Promise<void> {
    await windowController?.show(trayController?.bounds());
    service.events.emit('app:navigate', { view });
  }

  const runAction = async (action: TrayAction): Promise<void> => {
    switch (action.kind) {
      case 'stack-up':
        return runStackOperation('up');
      case 'stack-down':
        return runStackOperation('down');
      case 'open-grafana': {
        try {
          const links = await service.api.getGrafanaLinks({ range: '24h' });
          if (!openExternalIfAllowed(links.overview, settings.grafanaUrl)) log(`refused to open ${links.overview}`);
        } catch (err) {
          log(`open Grafana: ${(err as Error).message}`);
        }
        return;
      }
      case 'copy-env': {
        try {
          const snippet = await service.api.getEnvSnippet({ shell: action.shell, mode: 'push' });
          clipboard.writeText(snippet.text);
          notify({ title: 'Env-var snippet copied', body: `Push mode, for ${action.shell}. ${snippet.where ? `Paste it into ${snippet.where}.` : ''}`.trim() });
        } catch (err) {
          notify({ title: 'Could not copy the env-var snippet', body: (err as Error).message });
        }
        return;
      }
      case 'open-dashboard':
        return showView('dashboard');
      case 'open-settings':
        return showView('settings');
      case 'quit':
        app.quit();
        return;
    }
  };

  const trayLikely = trayLikelyAvailable(process.platform, process.env);
  try {
    trayController = new TrayController(resourcesDir(), trayView(), (action) => void runAction(action), (bounds?: Rectangle) => {
      void windowController?.toggle(bounds);
    });
  } catch (err) {
    log(`no tray: ${(err as Error).message}`);
    trayController = null;
  }
  if (process.platform === 'darwin' && trayController) app.dock?.hide();

  let windowVisible = false;
  const refreshInterval = (): number => pollIntervalMs(windowVisible, settings.refreshIntervalSeconds);
  windowController = new WindowController({
    mode: windowMode(!!trayController, trayLikely),
    preload: path.join(appRoot, 'dist', 'electron', 'preload', 'index.cjs'),
    url: devServer ?? RENDERER_URL,
    devTools: !app.isPackaged || process.env.CCMON_DEVTOOLS === '1',
    icon: path.join(resourcesDir(), 'icons', 'icon.png'),
    onVisibilityChange(visible) {
      const was = windowVisible;
      windowVisible = visible;
      if (visible && !was) service.summaries.kick();
    },
  });

  let monthCost: { usd: number; at: number; month: number } | null = null;
  // The stack's state arrives by 'stack:status' events from the manager's watcher; today's cost from the summary feed.
  const watchSummaries = (built: MonitorService): (() => void) =>
    built.summaries.onOutcome((outcome) => {
      if (outcome.ok) cost = { todayUsd: outcome.summary.costUsd, staleSince: null };
      else if (cost.todayUsd !== null && !cost.staleSince) cost = { ...cost, staleSince: new Date().toISOString() };
      void afterSummary();
    });
  async function tick(): Promise<void> {
    await service.summaries.refresh().catch(() => undefined);
  }
  async function afterSummary(): Promise<void> {
    const now = new Date();
    if (settings.dailyBudgetUsd !== null || settings.monthlyBudgetUsd !== null) {
      // The month's cost is a heavier query and moves slowly: at most every 5 minutes.
      let monthCostUsd: number | null = null;
      if (settings.monthlyBudgetUsd !== null) {
        if (monthCost && now.getTime() - monthCost.at < MONTH_COST_MAX_AGE_MS && monthCost.month === now.getMonth()) monthCostUsd = monthCost.usd;
        else {
          try {
            monthCostUsd = (await service.api.getSummary({ since: startOfMonth(now).toISOString() })).costUsd;
            monthCost = { usd: monthCostUsd, at: now.getTime(), month: now.getMonth() };
          } catch {
            monthCostUsd = null;
          }
        }
      }
      const result = evaluateBudgets({
        now,
        todayCostUsd: cost.staleSince ? null : cost.todayUsd,
        monthCostUsd,
        dailyBudgetUsd: settings.dailyBudgetUsd,
        monthlyBudgetUsd: settings.monthlyBudgetUsd,
        ledger: appState.ledger(),
      });
      appState.setLedger(result.ledger);
      for (const alert of result.alerts) notify(budgetAlertMessage(alert, formatUsd), () => void showView('dashboard'));
    }
    refreshTray();
  }

  const applyAutostart = (enabled: boolean): void => {
    try {
      const plan = autostartPlan({
        platform: process.platform,
        enabled,
        execPath: process.execPath,
        execArgs: app.isPackaged ? [] : [appRoot],
        env: process.env,
        icon: path.join(resourcesDir(), 'icons', 'icon.png'),
      });
      if (plan.kind === 'login-item') app.setLoginItemSettings(plan.settings);
      else applyDesktopFilePlan(plan);
    } catch (err) {
      log(`launch at login: ${(err as Error).message}`);
    }
  };
  applyAutostart(settings.launchAtLogin);

  store.onChange((next) => {
    const previous = settings;
    settings = next;
    if (serviceKeys.some((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]))) {
      unforward();
      unlisten();
      unwatchSummaries();
      service.summaries.stop();
      service = build();
      unwatchSummaries = watchSummaries(service);
      service.summaries.run(refreshInterval);
      unforward = forwardEvents(service.events, (channel, payload) => windowController?.send(channel, payload));
      unlisten = service.events.on('stack:status', (status) => setStackStatus(status));
    }
    if (previous.launchAtLogin !== next.launchAtLogin) applyAutostart(next.launchAtLogin);
    service.events.emit('settings:changed', store.provider.view());
    refreshTray();
    service.summaries.kick();
  });

  let quitHandled = false;
  app.on('before-quit', (event) => {
    markQuitting();
    if (quitHandled) return;
    quitHandled = true;
    service.summaries.stop();
    unwatch();
    // Quitting leaves the stack running unless the user chose otherwise.
    if (stopStackOnQuit(settings.stopStackOnQuit, !!stack, trayStateFrom(stackView))) {
      log('stopping the stack before quitting (settings: stop stack on quit)');
      event.preventDefault();
      const timeout = new Promise((resolve) => setTimeout(resolve, 30_000).unref());
      void Promise.race([service.api.stackDown({}).catch((err: Error) => log(`stop on quit: ${err.message}`)), timeout]).finally(() => app.quit());
    }
  });

  windowController.preload();
  let unwatchSummaries = watchSummaries(service);
  service.summaries.run(refreshInterval);
  if (showWindowAtLaunch({ trayCreated: !!trayController, trayLikely, hidden, platform: process.platform })) void windowController.show(trayController?.bounds());

  const handle: AppHandle = {
    service: () => service,
    trayMenu: () => trayController?.menu() ?? null,
    trayState: () => trayStateFrom(stackView),
    runAction,
    async clickMenuItem(id) {
      const item = findMenuItem(trayController?.menu() ?? [], id);
      if (!item?.action || !item.enabled) return false;
      await runAction(item.action);
      return true;
    },
    tick,
    windowVisible: () => windowVisible,
    settings: () => settings,
  };
  if (process.env.CCMON_E2E === '1') (globalThis as { __ccmonE2E?: AppHandle }).__ccmonE2E = handle;
  return handle;
}
