/**
 * The rule for a base URL the app appends API paths to, as a plain function: the settings schema
 * applies it through zod, the status line's hot path (which must not load zod) applies it directly.
 */
export function baseUrlProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (u.username || u.password) return 'must not carry a user name or password: put credentials in the auth settings';
  if (/[?#]/.test(value)) return 'must not have a query (?…) or fragment (#…): give the base URL only';
  return null;
}

export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;
