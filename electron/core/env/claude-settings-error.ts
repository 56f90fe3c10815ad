import { AppError, type ErrorCode } from '../api/error-codes.js';

export type ClaudeSettingsCode = Extract<ErrorCode, `claude-settings-${string}`>;

/** A refusal (or failure) of the settings.json writer; the file was left as it was. */
export class ClaudeSettingsError extends AppError {
  declare readonly code: ClaudeSettingsCode;
  constructor(code: ClaudeSettingsCode, message: string, hint?: string) {
    super(code, message, hint);
    this.name = 'ClaudeSettingsError';
  }
}
