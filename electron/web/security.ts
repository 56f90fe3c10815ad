/** The request checks of web mode, as pure functions (unit-tested). */
export { contentSecurityPolicy, contentTypeFor as contentType, securityHeaders as baseHeaders } from '../core/host/renderer-assets.js';

/** Hostnames that can only mean this machine. A DNS-rebinding page arrives with its own name. */
const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Host header → hostname (without port), lower-cased; null when absent or malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : null;
  }
  const colon = h.indexOf(':');
  const name = colon >= 0 ? h.slice(0, colon) : h;
  return name || null;
}

/** True when the Host header names this machine (DNS-rebinding defence). */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  const name = hostnameOf(hostHeader);
  return name !== null && (loopbackNames.has(name) || name.endsWith('.localhost'));
}

/**
 * True when a state-changing request may come from this page: no Origin (curl, same-origin GETs
 * in some browsers) or an Origin on a loopback name and our port; never a cross-site fetch.
 */
export function isAllowedOrigin(origin: string | undefined, secFetchSite: string | undefined, port: number): boolean {
  if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && isLoopbackHost(u.host) && Number(u.port || 80) === port;
  } catch {
    return false;
  }
}

/** `/api/<method>` → method name (letters only), else null. */
export function apiMethodOf(pathname: string): string | null {
  const m = /^\/api\/([A-Za-z]+)$/.exec(pathname);
  return m ? m[1]! : null;
}
