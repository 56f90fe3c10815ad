/**
 * A recording double of the `electron` module, for loading the built main bundle in plain Node.
 * It implements just enough of each API for the host to run, and records every call in `record`
 * so the contract test can check the wiring. It is NOT Electron: nothing here says the real
 * APIs behave like this, only that the host called them as recorded.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

export interface Call {
  api: string;
  args: unknown[];
}

type Handler = (...args: unknown[]) => unknown;

export const record = {
  calls: [] as Call[],
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  handlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, Handler>(),
  notifications: [] as Array<{ title: string; body: string }>,
  menus: [] as unknown[][],
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  webContents: [] as WebContents[],
};

function log(api: string, ...args: unknown[]): void {
  record.calls.push({ api, args });
}

export function callsOf(api: string): Call[] {
  return record.calls.filter((c) => c.api === api);
}

class AppDouble extends EventEmitter {
  private paths = new Map<string, string>();
  isPackaged = false;
  singleInstance = true;
  dock = { hide: () => log('app.dock.hide') };
  requestSingleInstanceLock(): boolean {
    log('app.requestSingleInstanceLock');
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    log('app.whenReady');
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  getVersion(): string {
    return '0.1.0';
  }
  name = 'claude-code-monitor';
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    log('app.setName', name);
    this.name = name;
  }
  setAppUserModelId(id: string): void {
    log('app.setAppUserModelId', id);
  }
  setPath(name: string, value: string): void {
    log('app.setPath', name, value);
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/electron-double-${name}`;
  }
  getAppPath(): string {
    return process.cwd();
  }
  setLoginItemSettings(settings: unknown): void {
    log('app.setLoginItemSettings', settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: false };
  }
  quit(): void {
    log('app.quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (event.defaultPrevented) log('app.before-quit prevented');
    else {
      log('app.will-quit');
      this.emit('will-quit', event);
    }
  }
  exit(code?: number): void {
    log('app.exit', code);
  }
}

export const app = new AppDouble();

export class WebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  url = '';
  sent: Array<[string, unknown]> = [];
  constructor() {
    super();
    record.webContents.push(this);
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: Handler): void {
    log('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  getURL(): string {
    return this.url;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  private visible = false;
  private destroyed = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(readonly options: Record<string, unknown>) {
    super();
    log('new BrowserWindow', options);
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    log('BrowserWindow.loadURL', url);
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    log('BrowserWindow.show');
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    log('BrowserWindow.hide');
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    log('BrowserWindow.setBounds', bounds);
    this.bounds = bounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  image: NativeImage;
  tooltip = '';
  title = '';
  menu: { template: unknown[] } | null = null;
  constructor(image: NativeImage) {
    super();
    log('new Tray', image.path);
    this.image = image;
    record.trays.push(this);
  }
  setImage(image: NativeImage): void {
    log('Tray.setImage', image.path);
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: { template: unknown[] }): void {
    log('Tray.setContextMenu');
    this.menu = menu;
  }
  /** What Linux reports by default: nothing useful. Tests set real bounds for macOS/Windows. */
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  popUpContextMenu(menu: { template: unknown[] }): void {
    log('Tray.popUpContextMenu', menu.template.length);
  }
  destroy(): void {}
}

export class NativeImage {
  template = false;
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
  setTemplateImage(v: boolean): void {
    this.template = v;
  }
}

export const nativeImage = {
  createFromPath(p: string): NativeImage {
    return new NativeImage(p);
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    record.menus.push(template);
    return { template };
  },
};

export const ipcMain = {
  handle(channel: string, fn: Handler): void {
    log('ipcMain.handle', channel);
    if (record.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    record.handlers.delete(channel);
  },
  on(channel: string): void {
    log('ipcMain.on', channel);
  },
};

const sessionDouble = {
  setPermissionRequestHandler(fn: Handler): void {
    log('session.setPermissionRequestHandler');
    record.permissionRequestHandler = fn;
  },
  setPermissionCheckHandler(fn: Handler): void {
    log('session.setPermissionCheckHandler');
    record.permissionCheckHandler = fn;
  },
  setDevicePermissionHandler(): void {
    log('session.setDevicePermissionHandler');
  },
  protocol: {
    handle(scheme: string, fn: Handler): void {
      log('session.protocol.handle', scheme);
      record.protocolHandlers.set(scheme, fn);
    },
  },
  webRequest: {
    onHeadersReceived(): void {
      log('session.webRequest.onHeadersReceived');
    },
  },
};

export const session = { defaultSession: sessionDouble };

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown): void {
    log('protocol.registerSchemesAsPrivileged', schemes);
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    log('shell.openExternal', url);
    return Promise.resolve();
  },
  openPath(): Promise<string> {
    return Promise.resolve('');
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    log('clipboard.writeText', text);
    clipboard.text = text;
  },
};

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    log('Notification.show', this.options);
    record.notifications.push(this.options);
  }
}

/** The display the double reports (a top panel by default; tests may change it, e.g. a bottom taskbar). */
export const display = { workArea: { x: 0, y: 27, width: 1920, height: 1053 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };

export const screen = {
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
  getDisplayNearestPoint: () => display,
  getPrimaryDisplay: () => display,
};

export const nativeTheme = { shouldUseDarkColors: false };

/** A Linux without a secret service (safeStorage's fixed key): the app falls back to the 0600 file. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (plain: string): Buffer => Buffer.from(plain),
  decryptString: (encrypted: Buffer): string => encrypted.toString(),
};

/** Renderer-side APIs, for the preload. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    log('contextBridge.exposeInMainWorld', key);
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = new (class extends EventEmitter {
  /** Routes to the main-side handler as the real IPC would, with a sender frame at `frameUrl`. */
  frameUrl = 'ccmon://renderer/index.html';
  async invoke(channel: string, arg: unknown): Promise<unknown> {
    const handler = record.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame: { url: this.frameUrl } }, structuredClone(arg)));
  }
})();

const electron = { app, BrowserWindow, Tray, Menu, nativeImage, ipcMain, session, protocol, shell, clipboard, Notification, screen, nativeTheme, safeStorage, contextBridge, ipcRenderer };
export default electron;
