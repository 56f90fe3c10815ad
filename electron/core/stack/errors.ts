/** The stack's errors: an AppError with one of the stack's codes, and the engine's problems as codes. */
import { AppError, type ErrorCode } from '../api/error-codes.js';
import type { EngineProblem } from './engine.js';

export type StackErrorCode = Extract<ErrorCode,
  | 'engine-missing' | 'engine-stopped' | 'engine-permission' | 'engine-timeout' | 'engine-error'
  | 'name-taken' | 'port-taken' | 'pull-failed' | 'start-failed' | 'service-exited' | 'not-ready'
  | 'no-compose-dir' | 'bad-stack-name'>;

export class StackError extends AppError {
  declare readonly code: StackErrorCode;
  constructor(code: StackErrorCode, message: string, hint?: string) {
    super(code, message, hint);
    this.name = 'StackError';
  }
}

const engineCodes: Record<EngineProblem, StackErrorCode> = {
  missing: 'engine-missing',
  stopped: 'engine-stopped',
  permission: 'engine-permission',
  timeout: 'engine-timeout',
  other: 'engine-error',
};

/** The code of an engine that did not answer, by why. */
export function engineErrorCode(problem: EngineProblem): StackErrorCode {
  return engineCodes[problem];
}
