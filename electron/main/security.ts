/**
 * The security-restrictions module (Podman Desktop's pattern): every web contents is denied
 * navigation, new windows and webviews; every permission is denied (but the clipboard write of our
 * own page); links leave the app only for the configured Grafana origin and a short allow-list.
 */
import { app, shell, type Session } from 'electron';
import { acceptableDevServer, contentSecurityPolicy, isAllowedExternalUrl, permissionAllowed } from './security-policy.js';

export interface SecurityOptions {
  session: Session;
  /** The configured Grafana URL, read at the time of the click (settings may change). */
  grafanaUrl(): string;
  devServer?: string | null;
}

export function openExternalIfAllowed(url: string, grafanaUrl: string): boolean {
  if (!isAllowedExternalUrl(url, grafanaUrl)) return false;
  void shell.openExternal(url);
  return true;
}

export function applySecurityRestrictions(options: SecurityOptions): void {
  const devServer = acceptableDevServer(options.devServer ?? undefined);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      // No page may navigate away from the renderer; allowed links open in the browser instead.
      event.preventDefault();
      openExternalIfAllowed(event.url, options.grafanaUrl());
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url, options.grafanaUrl());
      return { action: 'deny' };
    });
  });
  const session = options.session;
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(permissionAllowed(permission, details?.requestingUrl ?? webContents?.getURL(), devServer));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, devServer));
  session.setDevicePermissionHandler(() => false);
  if (devServer) {
    // The packaged renderer gets its CSP from our protocol handler; a dev server gets it here.
    session.webRequest.onHeadersReceived({ urls: [`${new URL(devServer).origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });
  }
}
