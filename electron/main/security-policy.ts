/**
 * Security decisions as pure functions (the Electron adapter in security.ts applies them):
 * which frame may call the API, which URLs may leave the app for the browser, the CSP, and which
 * file a renderer request maps to.
 */
import { rendererFileFor as rendererPath, rendererFileHeaders } from '../core/host/renderer-assets.js';

/** The renderer is served from this privileged custom scheme (not file://, so CSP headers apply). */
export const RENDERER_SCHEME = 'ccmon';
export const RENDERER_HOST = 'renderer';
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

export { contentSecurityPolicy } from '../core/host/renderer-assets.js';

/** True when a frame URL is our renderer (IPC sender check). `devServer` allows a loopback Vite dev server. */
export function isTrustedRendererUrl(frameUrl: string | null | undefined, devServer?: string | null): boolean {
  if (!frameUrl) return false;
  let u: URL;
  try {
    u = new URL(frameUrl);
  } catch {
    return false;
  }
  if (u.protocol === `${RENDERER_SCHEME}:` && u.host === RENDERER_HOST && !u.username && !u.password) return true;
  if (devServer) {
    try {
      const d = new URL(devServer);
      return isLoopbackHttp(d) && u.protocol === d.protocol && u.host === d.host;
    } catch {
      return false;
    }
  }
  return false;
}

/** A short allow-list of documentation origins the app links to, besides the configured Grafana. */
export const externalAllowList = [
  'https://docs.claude.com',
  'https://docs.anthropic.com',
  'https://code.claude.com',
  'https://prometheus.io',
  'https://grafana.com',
  'https://docs.docker.com',
  'https://github.com',
] as const;

/** `shell.openExternal` gate: the configured Grafana's origin, or an allow-listed https origin. */
export function isAllowedExternalUrl(url: string, grafanaUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  try {
    if (u.origin === new URL(grafanaUrl).origin) return true;
  } catch {
    // A bad configured URL allows nothing extra.
  }
  return (externalAllowList as readonly string[]).includes(u.origin);
}

function isLoopbackHttp(u: URL): boolean {
  return (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** True when a dev-server URL (CCMON_RENDERER_URL) is acceptable: loopback http(s) only. */
export function acceptableDevServer(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return isLoopbackHttp(u) ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Maps a `ccmon://renderer/...` request to a file inside `root`, or null (wrong scheme or host, traversal). */
export function rendererFileFor(requestUrl: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${RENDERER_SCHEME}:` || u.host !== RENDERER_HOST) return null;
  return rendererPath(u.pathname, root);
}

/** Headers on every renderer response (Electron serves every page fresh from disk). */
export function rendererResponseHeaders(file: string): Record<string, string> {
  return { ...rendererFileHeaders(file), 'Cache-Control': 'no-cache' };
}

/**
 * Permissions are denied, with one exception: our own page may write to the clipboard (the setup
 * panel's Copy button). Nothing else (camera, notifications from the page, geolocation...) is granted.
 */
export function permissionAllowed(permission: string, requestingUrl: string | null | undefined, devServer?: string | null): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedRendererUrl(requestingUrl, devServer);
}
