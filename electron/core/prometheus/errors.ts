import { AppError, type ErrorCode } from '../api/error-codes.js';

export type PrometheusErrorKind = 'unreachable' | 'timeout' | 'http' | 'auth' | 'query' | 'response' | 'too-large';

const codeOfKind: Record<PrometheusErrorKind, ErrorCode> = {
  unreachable: 'prometheus-unreachable',
  timeout: 'prometheus-timeout',
  http: 'prometheus-http',
  auth: 'prometheus-auth',
  query: 'prometheus-query',
  response: 'prometheus-response',
  'too-large': 'prometheus-too-large',
};

/** A failure talking to Prometheus, with what failed (`kind`, and its `code` for the hosts) and what the user can do about it. */
export class PrometheusError extends AppError {
  readonly kind: PrometheusErrorKind;
  constructor(kind: PrometheusErrorKind, message: string, hint?: string, code: ErrorCode = codeOfKind[kind]) {
    super(code, message, hint);
    this.name = 'PrometheusError';
    this.kind = kind;
  }
}

/** The low-level reason of a failed request (ECONNREFUSED, ENOTFOUND, ...), if Node gave one. */
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
