/**
 * Every error that crosses a host boundary carries one of these codes, from the core to the window
 * intact: hosts and renderer branch on the code, and show the message and hint as they are.
 * No dependencies (the preload and the renderer import it).
 */
export const errorCodes = [
  // The hosts (IPC, HTTP) and the envelope.
  'unknown-method',
  'invalid-arguments',
  'bad-request',
  'body-too-large',
  'forbidden-sender',
  'forbidden-origin',
  'host-unreachable',
  'host-error',
  'bad-envelope',
  'internal',
  // Prometheus (or the Prometheus-compatible backend).
  'prometheus-unreachable',
  'prometheus-timeout',
  'prometheus-auth',
  'prometheus-http',
  'prometheus-query',
  'prometheus-response',
  'prometheus-too-large',
  'backend-ca-unreadable',
  'backend-no-credentials',
  // The monitoring stack (dockerode).
  'stack-unavailable',
  'engine-missing',
  'engine-stopped',
  'engine-permission',
  'engine-timeout',
  'engine-error',
  'name-taken',
  'port-taken',
  'pull-failed',
  'start-failed',
  'service-exited',
  'not-ready',
  'no-compose-dir',
  'bad-stack-name',
  // Claude Code's settings.json.
  'claude-settings-invalid-json',
  'claude-settings-not-object',
  'claude-settings-bad-env',
  'claude-settings-ambiguous',
  'claude-settings-unreadable',
  'claude-settings-read-only',
  'claude-settings-dangling-link',
  'claude-settings-race',
  'claude-settings-write-failed',
  // The app's settings.
  'invalid-settings',
  'settings-read-only',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

/** An error a person can act on: what went wrong (`message`), what to do (`hint`), and its code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }
}
