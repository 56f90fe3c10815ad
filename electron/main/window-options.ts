/**
 * The BrowserWindow options (pure data; the Electron adapter passes them as they are).
 * Hardened like Podman Desktop/Rancher Desktop: context isolation, sandbox, no Node in the page,
 * no webview, web security on, shown only on `ready-to-show`.
 */

export const POPOVER_SIZE = { width: 380, height: 560 } as const;
export const WINDOW_MIN_SIZE = { width: 360, height: 480 } as const;

/** The subset of Electron's `BrowserWindowConstructorOptions` we set (kept structurally compatible). */
export interface HardenedWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  title: string;
  frame: boolean;
  resizable: boolean;
  movable: boolean;
  minimizable: boolean;
  maximizable: boolean;
  fullscreenable: boolean;
  skipTaskbar: boolean;
  alwaysOnTop: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  icon?: string;
  webPreferences: {
    preload: string;
    /** The API manifest for the preload (bridge-manifest.ts). */
    additionalArguments: string[];
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: false;
    devTools: boolean;
    backgroundThrottling: boolean;
  };
}

export interface WindowOptionsInput {
  preload: string;
  /** Handed to the preload through argv (the API manifest). */
  additionalArguments?: string[];
  /** popover: frameless, next to the tray, hides on blur. window: a normal window (no tray, e.g. stock GNOME). */
  mode: 'popover' | 'window';
  platform: NodeJS.Platform;
  devTools: boolean;
  darkBackground: boolean;
  icon?: string | undefined;
}

export function windowOptions(input: WindowOptionsInput): HardenedWindowOptions {
  const popover = input.mode === 'popover';
  return {
    width: POPOVER_SIZE.width,
    height: POPOVER_SIZE.height,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false,
    title: 'Claude Code Monitor',
    frame: !popover,
    resizable: !popover,
    movable: !popover,
    minimizable: !popover,
    maximizable: !popover,
    fullscreenable: false,
    skipTaskbar: popover,
    alwaysOnTop: popover,
    autoHideMenuBar: true,
    backgroundColor: input.darkBackground ? '#111318' : '#ffffff',
    ...(input.icon && input.platform !== 'darwin' ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      additionalArguments: input.additionalArguments ?? [],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
      // Hidden windows are throttled by Chromium; the renderer also pauses its polling when hidden.
      backgroundThrottling: true,
    },
  };
}
