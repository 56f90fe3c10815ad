/** A failure talking to Prometheus, with what failed and what the user can do about it. */
export class PrometheusError extends Error {
  readonly kind: 'unreachable' | 'timeout' | 'http' | 'query' | 'response';
  readonly hint: string | undefined;
  constructor(kind: PrometheusError['kind'], message: string, hint?: string) {
    super(message);
    this.name = 'PrometheusError';
    this.kind = kind;
    this.hint = hint;
  }
}

/** The low-level reason of a failed fetch (ECONNREFUSED, ENOTFOUND, ...), if Node gave one. */
export function networkCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** fetch's (undici's) own codes, said the way a person reads them; Node's (ECONNREFUSED...) stay as they are. */
const undiciReasons: Record<string, string> = {
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stalled',
};

/** The most specific reason a request failed: a Node error code, else the innermost cause's message. */
export function networkReason(err: unknown): string {
  const code = networkCode(err);
  if (code) return undiciReasons[code] ?? code;
  let current: unknown = err;
  let message = (err as Error)?.message ?? String(err);
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof Error && current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
