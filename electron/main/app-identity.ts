/** What the app is called and where its files are (unpackaged: the checkout; packaged: the resources folder). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** As in electron-builder.yml (productName, appId). */
export const PRODUCT_NAME = 'Claude Code Monitor';
export const APP_ID = 'dev.claude-code-monitor.app';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The app folder (holds package.json, dist/, resources/ when unpackaged). */
export const appRoot = path.resolve(here, '..', '..', '..');

export interface AppPaths {
  resources: string;
  icon: string;
  preload: string;
  renderer: string;
  /** The packaged app's compose folder; unpackaged runs find the checkout's. */
  composeDir: string | undefined;
}

export function appPaths(runtime: { isPackaged: boolean; resourcesPath: string }, env: NodeJS.ProcessEnv): AppPaths {
  const resources = runtime.isPackaged ? runtime.resourcesPath : path.join(appRoot, 'resources');
  return {
    resources,
    icon: path.join(resources, 'icons', 'icon.png'),
    preload: path.join(appRoot, 'dist', 'electron', 'preload', 'index.cjs'),
    renderer: env.CCMON_RENDERER_DIR ?? path.join(appRoot, 'dist', 'renderer'),
    composeDir: runtime.isPackaged ? path.join(runtime.resourcesPath, 'compose') : undefined,
  };
}
