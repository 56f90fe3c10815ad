/**
 * How the built renderer is served, the same for both hosts that serve it (Electron's `ccmon://`
 * protocol and `ccmon web` over HTTP): one Content Security Policy, one content-type table, one rule
 * for which file a request path maps to, one set of security headers.
 */
import path from 'node:path';

/**
 * Scripts and styles only from the app itself: no eval, no inline script or <style>, no plugins, no
 * frames, no form posts; the page talks only to its own origin (the HTTP API in web mode; the preload's
 * IPC bridge in Electron). React and recharts set styles through the CSSOM, which the policy allows.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response of either host. No Access-Control-* header, ever: other origins get nothing. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers of one renderer file: its type, the CSP on pages, and the security headers. */
export function rendererFileHeaders(file: string): Record<string, string> {
  const type = contentTypeFor(file);
  return { ...securityHeaders, 'Content-Type': type, ...(type.startsWith('text/html') ? { 'Content-Security-Policy': contentSecurityPolicy } : {}) };
}

/**
 * The file inside `root` a request path maps to, or null (traversal, NUL, undecodable). Paths without
 * an extension fall back to index.html (client-side routes).
 */
export function rendererFileFor(pathname: string, root: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded === '/' || decoded === '' || path.posix.extname(decoded) === '') decoded = '/index.html';
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, '.' + path.posix.normalize(decoded));
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  return file;
}
