/**
 * Grafana-style template interpolation for the dashboards' queries: `$name`, `${name}` and
 * `[[name]]`. Used to run a panel's query outside Grafana (tests against a real Prometheus, an
 * Explore link of a panel's query). Unknown variables throw, so nothing reaches a datasource
 * half-substituted; `$1` (a regex group in label_replace) is left as it is, as Grafana leaves it.
 */

export type TemplateValues = Readonly<Record<string, string>>;

const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)\]\]|\$(\w+)/g;

/** `$1`, `${1}`: a group of label_replace's regex, which Grafana leaves alone too (no variable has that name). */
const isGroupReference = (name: string): boolean => /^\d+$/.test(name);

export function interpolate(expr: string, values: TemplateValues): string {
  return expr.replace(VARIABLE, (whole, a: string | undefined, b: string | undefined, c: string | undefined) => {
    const name = a ?? b ?? c ?? '';
    if (isGroupReference(name)) return whole;
    const v = values[name];
    if (v === undefined) throw new Error(`Unknown template variable ${whole} in: ${expr}`);
    return v;
  });
}

/** Template variable names an expression uses (built-ins such as `__range` included). */
export function variablesIn(expr: string): string[] {
  const out = new Set<string>();
  for (const m of expr.matchAll(VARIABLE)) out.add(m[1] ?? m[2] ?? m[3] ?? '');
  return [...out].filter((n) => !isGroupReference(n));
}

/** How Grafana formats selected values for a regex matcher (`=~"$var"`): escaped, joined as `(a|b)`. */
export function regexValue(values: readonly string[]): string {
  const escaped = values.map((v) => v.replace(/[\\^$*+?.()|{}[\]]/g, '\\\\$&'));
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

/** Grafana's built-in time variables for a range, an interval and the datasource's scrape interval (seconds). */
export function builtinTimeValues(rangeSeconds: number, intervalSeconds: number, scrapeSeconds = 15): Record<string, string> {
  const rate = Math.max(intervalSeconds + scrapeSeconds, 4 * scrapeSeconds);
  return {
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(rangeSeconds * 1000),
    __interval: `${intervalSeconds}s`,
    __interval_ms: String(intervalSeconds * 1000),
    __rate_interval: `${rate}s`,
  };
}
