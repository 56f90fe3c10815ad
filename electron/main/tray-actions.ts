/**
 * What the tray menu's actions do, with every dependency passed in (the app gives Electron's
 * clipboard, shell and notifications; tests give fakes). Stack operations run one at a time: the
 * tray shows the operation while it runs, and a failure is said once, with its hint.
 */
import type { MonitorApi } from '../core/api/contract.js';
import { stackOperationFailedNotice, type Notice } from './stack-notices.js';
import type { SnippetShell, TrayAction } from './tray-menu.js';
import type { TrayModel } from './tray-model.js';

export type AppView = 'dashboard' | 'settings';

export interface TrayActionDeps {
  api(): MonitorApi;
  stackControl(): boolean;
  /** The busy state and the tray's view of the operation. */
  tray: Pick<TrayModel, 'busy' | 'beginOperation' | 'endOperation'>;
  grafanaUrl(): string;
  /** Opens `url` in the browser when its origin is `allowedOrigin`'s; says whether it did. */
  openExternal(url: string, allowedOrigin: string): boolean;
  /** Electron's clipboard.writeText is asynchronous (a failure must reach the user, not vanish). */
  copy(text: string): Promise<void>;
  notify(notice: Notice, onClick?: () => void): void;
  showView(view: AppView): Promise<void>;
  quit(): void;
  log(message: string): void;
}

export function trayActions(deps: TrayActionDeps): (action: TrayAction) => Promise<void> {
  const showDashboard = (): void => void deps.showView('dashboard');

  const stackOperation = async (operation: 'up' | 'down'): Promise<void> => {
    if (!deps.stackControl() || deps.tray.busy()) return;
    deps.tray.beginOperation(operation);
    try {
      const status = await (operation === 'up' ? deps.api().stackUp({}) : deps.api().stackDown({}));
      deps.tray.endOperation({ ok: true, status });
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      deps.notify(stackOperationFailedNotice(operation, e), showDashboard);
      deps.tray.endOperation({ ok: false, message: e.message ?? String(err) });
    }
  };

  const openGrafana = async (): Promise<void> => {
    try {
      const links = await deps.api().getGrafanaLinks({ range: '24h' });
      if (!deps.openExternal(links.overview, deps.grafanaUrl())) deps.log(`refused to open ${links.overview}`);
    } catch (err) {
      deps.log(`open Grafana: ${(err as Error).message}`);
    }
  };

  const copyEnv = async (shell: SnippetShell): Promise<void> => {
    try {
      const snippet = await deps.api().getEnvSnippet({ shell, mode: 'push' });
      await deps.copy(snippet.text);
      deps.notify({ title: 'Env-var snippet copied', body: `Push mode, for ${shell}. ${snippet.where ? `Paste it into ${snippet.where}.` : ''}`.trim() });
    } catch (err) {
      deps.notify({ title: 'Could not copy the env-var snippet', body: (err as Error).message });
    }
  };

  return async (action) => {
    switch (action.kind) {
      case 'stack-up':
        return stackOperation('up');
      case 'stack-down':
        return stackOperation('down');
      case 'open-grafana':
        return openGrafana();
      case 'copy-env':
        return copyEnv(action.shell);
      case 'open-dashboard':
        return deps.showView('dashboard');
      case 'open-settings':
        return deps.showView('settings');
      case 'quit':
        return deps.quit();
    }
  };
}
