/** A URL field's check, as a person reads it (null: fine). Pure. */
export function checkUrl(v: string): string | null {
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    return 'Enter a full URL, like http://127.0.0.1:9090';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Use an http:// or https:// URL';
  return null;
}
