/** The tray icon: image, tooltip, macOS title and menu from state (the pure pieces decide, this applies). */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import { buildTrayMenu, menuAttachment, type TrayAction, type TrayMenuItem, type TrayMenuState } from './tray-menu.js';
import { trayIconPath } from './tray-icon.js';
import { trayTitle, trayTooltip, type CostView, type TrayIcon } from './tray-state.js';
import type { TrayModel } from './tray-model.js';

export interface TrayView extends TrayMenuState {
  cost: CostView;
  icon: TrayIcon;
}

/** Electron's menu template from ours: actions become click handlers. */
export function toElectronMenu(items: TrayMenuItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      ...(item.submenu ? { submenu: toElectronMenu(item.submenu, run) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  });
}

export class TrayController {
  private readonly tray: Tray;
  private lastIcon = '';
  private template: TrayMenuItem[] = [];
  private menuObject: Electron.Menu | null = null;
  private readonly attachment: 'context-menu' | 'popup-on-right-click';

  constructor(
    private readonly resourcesDir: string,
    initial: TrayView,
    private readonly run: (action: TrayAction) => void,
    onClick: (bounds: Rectangle | undefined) => void,
  ) {
    this.tray = new Tray(this.image(initial));
    this.attachment = menuAttachment(initial.platform);
    this.tray.on('click', (_event, bounds) => onClick(bounds));
    if (this.attachment === 'popup-on-right-click') {
      this.tray.on('right-click', () => {
        if (this.menuObject) this.tray.popUpContextMenu(this.menuObject);
      });
    }
    this.update(initial);
  }

  private image(view: TrayView): Electron.NativeImage {
    const file = trayIconPath(this.resourcesDir, view.icon, view.platform);
    this.lastIcon = file;
    const image = nativeImage.createFromPath(file);
    if (view.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  update(view: TrayView): void {
    const file = trayIconPath(this.resourcesDir, view.icon, view.platform);
    if (file !== this.lastIcon) this.tray.setImage(this.image(view));
    this.tray.setToolTip(trayTooltip(view.state, view.cost, view.operation));
    if (view.platform === 'darwin') this.tray.setTitle(trayTitle(view.cost), { fontType: 'monospacedDigit' });
    // Rebuilt whenever the state changes it (not on every refresh: an open Linux menu would flicker).
    const template = buildTrayMenu(view);
    if (this.menuObject && JSON.stringify(template) === JSON.stringify(this.template)) return;
    this.template = template;
    this.menuObject = Menu.buildFromTemplate(toElectronMenu(this.template, this.run));
    if (this.attachment === 'context-menu') this.tray.setContextMenu(this.menuObject);
  }

  /** The last template (the e2e hook clicks items by id through it). */
  menu(): TrayMenuItem[] {
    return this.template;
  }

  bounds(): Rectangle | undefined {
    try {
      return this.tray.getBounds();
    } catch {
      return undefined;
    }
  }

  destroy(): void {
    this.tray.destroy();
  }
}

/** The tray for the model, following its changes; null (logged) where the platform gives none. */
export function createTray(
  resourcesDir: string,
  model: Pick<TrayModel, 'view' | 'onChange'>,
  run: (action: TrayAction) => void,
  onClick: (bounds: Rectangle | undefined) => void,
  log: (message: string) => void,
): TrayController | null {
  try {
    const tray = new TrayController(resourcesDir, model.view(), run, onClick);
    model.onChange((view) => tray.update(view));
    return tray;
  } catch (err) {
    log(`no tray: ${(err as Error).message}`);
    return null;
  }
}
