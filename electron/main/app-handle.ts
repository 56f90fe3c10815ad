/** The running app as tests drive it (the contract tests, and the `_electron` e2e suite through `globalThis.__ccmonE2E`). */
import type { Settings } from '../core/config/settings-schema.js';
import type { MonitorService } from '../core/service.js';
import { findMenuItem, type TrayAction, type TrayMenuItem } from './tray-menu.js';
import type { TrayState } from './tray-state.js';

export interface AppHandle {
  service(): MonitorService;
  trayMenu(): TrayMenuItem[] | null;
  trayState(): TrayState;
  runAction(action: TrayAction): Promise<void>;
  clickMenuItem(id: string): Promise<boolean>;
  /** Refreshes today's summary once and waits for the watches to check it. */
  tick(): Promise<void>;
  windowVisible(): boolean;
  settings(): Settings;
}

/** The handle, with `clickMenuItem` as a person's click: an item found by id, enabled, with an action. */
export function appHandle(parts: Omit<AppHandle, 'clickMenuItem'>): AppHandle {
  return {
    ...parts,
    async clickMenuItem(id) {
      const item = findMenuItem(parts.trayMenu() ?? [], id);
      if (!item?.action || !item.enabled) return false;
      await parts.runAction(item.action);
      return true;
    },
  };
}

export function exposeForE2E(handle: AppHandle, env: NodeJS.ProcessEnv): void {
  if (env.CCMON_E2E === '1') (globalThis as { __ccmonE2E?: AppHandle }).__ccmonE2E = handle;
}
