/** Exit codes of `ccmon`, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** The operation could not be done (Prometheus down, engine unreachable...). */
  failure: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** The command ran, and what it checked is not healthy (probe unreachable, doctor found problems). */
  unhealthy: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
};

export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** A failure the user can act on: a sentence, and optionally what to do next. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, hint?: string, exitCode: ExitCode = ExitCode.failure) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

export function formatError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const hint = (err as { hint?: unknown }).hint;
  return typeof hint === 'string' && hint && !message.includes(hint) ? `${message} ${hint}` : message;
}
