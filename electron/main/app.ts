/**
 * The Electron host's composition root: creates the pieces and connects them. The service host
 * builds, runs and rebuilds the service; the tray model holds what the tray shows; the tray actions,
 * the window, quitting and the core's watches (budgets) each live in their own module.
 */
import { app, clipboard, safeStorage, session } from 'electron';
import { BudgetWatch } from '../core/budget/budget-watch.js';
import { SummaryWatches } from '../core/budget/summary-watches.js';
import { PlanLimitWatch, type PlanLimitLedger } from '../core/plan/plan-limit-watch.js';
import type { BudgetLedger } from '../core/budget/thresholds.js';
import { appConfigDir } from '../core/config/paths.js';
import { pollIntervalMs } from '../core/live/poller.js';
import { appHandle, exposeForE2E, type AppHandle } from './app-handle.js';
import { appPaths } from './app-identity.js';
import { AUTOSTART_ARG } from './autostart.js';
import { registerIpcHandlers } from './ipc.js';
import { showWindowAtLaunch, stopStackOnQuit, trayLikelyAvailable, windowMode } from './launch-policy.js';
import { claimSingleInstance, followAppEvents, launchAtLogin } from './lifecycle.js';
import { LiveSettings } from './live-settings.js';
import { notify } from './notifications.js';
import { handleQuit } from './quit.js';
import { handleRendererProtocol } from './renderer-protocol.js';
import { acceptableDevServer, isTrustedRendererUrl, RENDERER_URL } from './security-policy.js';
import { applySecurityRestrictions, openExternalIfAllowed } from './security.js';
import { ServiceHost } from './service-host.js';
import { keychainSecretStore } from './keychain-secrets.js';
import { openSettingsStore, openStateStore } from './store.js';
import { trayActions, type AppView } from './tray-actions.js';
import { defaultSnippetShell } from './tray-menu.js';
import { TrayModel } from './tray-model.js';
import { trayServiceBuilder } from './tray-service.js';
import { createTray } from './tray.js';
import { WindowController, markQuitting } from './window.js';

export type { AppHandle } from './app-handle.js';

function log(message: string): void {
  process.stderr.write(`[ccmon] ${message}\n`);
}

export async function startApp(): Promise<AppHandle | null> {
  if (!claimSingleInstance()) return null;
  const hidden = process.argv.includes(AUTOSTART_ARG);
  const devServer = acceptableDevServer(process.env.CCMON_RENDERER_URL);
  const paths = appPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath }, process.env);
  await app.whenReady();
  // From here on everything is set up in one go: no click or event reaches a callback below before the last piece exists.

  const store = openSettingsStore({ dir: appConfigDir(), appVersion: app.getVersion(), launchAtLoginSupported: true });
  const settings = new LiveSettings(store);
  for (const notice of store.notices) {
    log(`settings: ${notice.message}`);
    if (notice.kind === 'corrupt-file' || notice.kind === 'invalid-values' || notice.kind === 'unreadable') {
      notify({ title: 'Claude Code Monitor: settings reset', body: notice.message }, () => void showView('settings'));
    }
  }

  const secretStore = keychainSecretStore(appConfigDir(), safeStorage);
  const host: ServiceHost = new ServiceHost(
    trayServiceBuilder({ settingsProvider: store.provider, env: process.env, composeDir: paths.composeDir, secretStore, onSecretsChanged: () => host.rebuild(settings.current()), log }),
    settings.current(),
  );
  const trayModel = new TrayModel(
    () => ({ stackControl: host.hasStackControl(), stopStackOnQuit: settings.current().stopStackOnQuit, defaultShell: defaultSnippetShell(process.platform, process.env.SHELL), platform: process.platform, planAlertPercent: Math.min(...settings.current().planAlertPercents, 100) }),
    (notice) => notify(notice, showDashboard),
  );

  applySecurityRestrictions({ session: session.defaultSession, grafanaUrl: () => settings.current().grafanaUrl, devServer });
  handleRendererProtocol(session.defaultSession, paths.renderer);
  registerIpcHandlers(() => host.service().api, (url) => isTrustedRendererUrl(url, devServer));

  const runAction = trayActions({
    api: () => host.service().api,
    stackControl: () => host.hasStackControl(),
    tray: trayModel,
    grafanaUrl: () => settings.current().grafanaUrl,
    openExternal: openExternalIfAllowed,
    copy: (text) => clipboard.writeText(text),
    notify,
    showView,
    quit: () => app.quit(),
    log,
  });
  const tray = createTray(paths.resources, trayModel, (action) => void runAction(action), (bounds) => void dashboard.toggle(bounds), log);
  if (process.platform === 'darwin' && tray) app.dock?.hide();
  const trayLikely = trayLikelyAvailable(process.platform, process.env);
  const dashboard = new WindowController({
    mode: windowMode(!!tray, trayLikely),
    preload: paths.preload,
    url: devServer ?? RENDERER_URL,
    devTools: !app.isPackaged || process.env.CCMON_DEVTOOLS === '1',
    icon: paths.icon,
    onVisibilityChange(visible) {
      if (visible) host.service().summaries.kick();
    },
  });
  followAppEvents(dashboard, tray);

  // One store for the app's small state: two instances of the same file would overwrite each other's keys.
  const appState = openStateStore(appConfigDir());
  const budgets = new BudgetWatch({
    budgets: () => settings.current(),
    costSince: async (since) => (await host.service().api.getSummary({ since: since.toISOString() })).costUsd,
    ledger: appState.ledger<BudgetLedger>('budgetLedger'),
  });
  const planLimits = new PlanLimitWatch({
    percents: () => settings.current().planAlertPercents,
    ledger: appState.ledger<PlanLimitLedger>('planLimitLedger'),
  });
  const watches = new SummaryWatches([budgets, planLimits], (announcement) => notify(announcement, showDashboard), (err) => log(`watch: ${(err as Error).message}`));

  launchAtLogin(settings.current().launchAtLogin, paths.icon, log);
  settings.onChange((next, previous) => {
    host.settingsChanged(previous, next);
    if (previous.launchAtLogin !== next.launchAtLogin) launchAtLogin(next.launchAtLogin, paths.icon, log);
    host.service().events.emit('settings:changed', store.provider.view());
    trayModel.refresh();
  });
  handleQuit(app, {
    quitting: markQuitting,
    stop: () => host.stop(),
    stopStackFirst: () => stopStackOnQuit(settings.current().stopStackOnQuit, host.hasStackControl(), trayModel.state()),
    stackDown: () => host.service().api.stackDown({}),
    log,
  });

  dashboard.preload();
  host.start({
    interval: () => pollIntervalMs(dashboard.isVisible(), settings.current().refreshIntervalSeconds),
    send: (channel, payload) => dashboard.send(channel, payload),
    stackStatus: (status) => trayModel.setStackStatus(status),
    outcome: (outcome) => {
      trayModel.summaryOutcome(outcome);
      watches.observe(outcome);
    },
  });
  if (showWindowAtLaunch({ trayCreated: !!tray, trayLikely, hidden, platform: process.platform })) void dashboard.show(tray?.bounds());

  const handle = appHandle({
    service: () => host.service(),
    trayMenu: () => tray?.menu() ?? null,
    trayState: () => trayModel.state(),
    runAction,
    async tick() {
      await host.service().summaries.refresh().catch(() => undefined);
      await watches.idle();
    },
    windowVisible: () => dashboard.isVisible(),
    settings: () => settings.current(),
  });
  exposeForE2E(handle, process.env);
  return handle;

  function showDashboard(): void {
    void showView('dashboard');
  }
  async function showView(view: AppView): Promise<void> {
    await dashboard.show(tray?.bounds());
    host.service().events.emit('app:navigate', { view });
  }
}
