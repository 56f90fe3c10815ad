/**
 * The dashboard window: a popover next to the tray (hides on blur), or a normal window where there is
 * no tray. Created hidden, shown on `ready-to-show`; position from the pure window-position module.
 */
import { BrowserWindow, nativeTheme, screen, type Rectangle } from 'electron';
import { popoverPosition } from './window-position.js';
import { POPOVER_SIZE, windowOptions } from './window-options.js';
import { bridgeArgument } from './bridge-manifest.js';

export interface WindowControllerOptions {
  mode: 'popover' | 'window';
  preload: string;
  url: string;
  devTools: boolean;
  icon?: string | undefined;
  onVisibilityChange(visible: boolean): void;
}

export class WindowController {
  private win: BrowserWindow | null = null;
  private ready: Promise<void> | null = null;
  private lastHiddenAt = 0;
  private shown = false;

  constructor(private readonly options: WindowControllerOptions) {}

  get mode(): 'popover' | 'window' {
    return this.options.mode;
  }

  private ensure(): BrowserWindow {
    if (this.win && !this.win.isDestroyed()) return this.win;
    const win = new BrowserWindow(
      windowOptions({
        preload: this.options.preload,
        additionalArguments: [bridgeArgument()],
        mode: this.options.mode,
        platform: process.platform,
        devTools: this.options.devTools,
        darkBackground: nativeTheme.shouldUseDarkColors,
        icon: this.options.icon,
      }),
    );
    this.win = win;
    this.ready = new Promise((resolve) => win.once('ready-to-show', () => resolve()));
    win.on('show', () => this.visibility(true));
    win.on('hide', () => {
      this.lastHiddenAt = Date.now();
      this.visibility(false);
    });
    win.on('closed', () => {
      this.win = null;
      this.visibility(false);
    });
    if (this.options.mode === 'popover') {
      win.on('blur', () => {
        if (!win.webContents.isDevToolsOpened()) win.hide();
      });
      // Closing a popover hides it; the app lives in the tray.
      win.on('close', (event) => {
        if (!quitting) {
          event.preventDefault();
          win.hide();
        }
      });
    }
    void win.loadURL(this.options.url);
    return win;
  }

  /** Tells the listener when the window becomes visible or stops being so (not on every repeated 'show'). */
  private visibility(visible: boolean): void {
    if (visible === this.shown) return;
    this.shown = visible;
    this.options.onVisibilityChange(visible);
  }

  /** Creates the window (hidden) so the first show is instant. */
  preload(): void {
    this.ensure();
  }

  isVisible(): boolean {
    return !!this.win && !this.win.isDestroyed() && this.win.isVisible();
  }

  async show(trayBounds?: Rectangle): Promise<void> {
    const win = this.ensure();
    if (this.options.mode === 'popover') this.place(win, trayBounds);
    await this.ready;
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  hide(): void {
    if (this.win && !this.win.isDestroyed()) this.win.hide();
  }

  /** Tray click: show, or hide when it is showing (a click right after blur-hide counts as hide). */
  async toggle(trayBounds?: Rectangle): Promise<void> {
    if (this.isVisible()) return this.hide();
    if (Date.now() - this.lastHiddenAt < 250) return;
    await this.show(trayBounds);
  }

  send(channel: string, payload: unknown): void {
    if (this.win && !this.win.isDestroyed()) this.win.webContents.send(channel, payload);
  }

  private place(win: BrowserWindow, trayBounds?: Rectangle): void {
    const cursor = safe(() => screen.getCursorScreenPoint());
    const anchorPoint = trayBounds && trayBounds.width > 0 ? { x: trayBounds.x, y: trayBounds.y } : (cursor ?? { x: 0, y: 0 });
    const display = screen.getDisplayNearestPoint(anchorPoint);
    const pos = popoverPosition({
      trayBounds,
      windowSize: POPOVER_SIZE,
      workArea: display.workArea,
      displayBounds: display.bounds,
      cursor,
      platform: process.platform,
    });
    win.setBounds({ x: pos.x, y: pos.y, width: POPOVER_SIZE.width, height: POPOVER_SIZE.height });
  }

  destroy(): void {
    quitting = true;
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
  }
}

let quitting = false;
/** Called on `before-quit` so popovers really close. */
export function markQuitting(): void {
  quitting = true;
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
