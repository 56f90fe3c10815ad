/** The request checks of web mode, as pure functions (unit-tested). */

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

/** The page's Content Security Policy: our own scripts and styles only, API calls to ourselves. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every answer. No Access-Control-* header, ever: other origins get nothing. */
export const baseHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function contentType(file: string): string {
  const dot = file.lastIndexOf('.');
  return mime[dot >= 0 ? file.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}

/** `/api/<method>` → method name (letters only), else null. */
export function apiMethodOf(pathname: string): string | null {
  const m = /^\/api\/([A-Za-z]+)$/.exec(pathname);
  return m ? m[1]! : null;
}
