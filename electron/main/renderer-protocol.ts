/**
 * Serves the built renderer from `ccmon://renderer/` (a privileged standard scheme) instead of file://:
 * the page gets a real origin for the IPC sender check, CSP and security headers on every response,
 * and nothing outside the renderer folder is reachable.
 */
import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { RENDERER_SCHEME, rendererFileFor, rendererResponseHeaders } from './security-policy.js';

/** Must run before `app.whenReady()`. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function handleRendererProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererRoot);
    if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    try {
      const body = await fs.readFile(file);
      return new Response(body, { status: 200, headers: rendererResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
  });
}
