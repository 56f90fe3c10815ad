/**
 * Who "me" is on a shared backend: the identity this machine's Claude Code reports on every series,
 * read from its own global config (`$CLAUDE_CONFIG_DIR/.claude.json`, else `~/.claude.json`):
 * a claude.ai login's account (`user_account_uuid`, the same on every machine of that person), else the
 * install's anonymous `user_id` (this machine only). A name set in the backend settings (an email, for
 * API-key users who set `user.email` in their resource attributes) takes precedence.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Identity {
  /** The label "me" is matched on, and its value. */
  label: 'user_email' | 'user_account_uuid' | 'user_id';
  value: string;
}

export function claudeGlobalConfigFile(env: NodeJS.ProcessEnv): string {
  return env.CLAUDE_CONFIG_DIR ? path.join(env.CLAUDE_CONFIG_DIR, '.claude.json') : path.join(env.HOME || env.USERPROFILE || os.homedir(), '.claude.json');
}

export function readIdentity(env: NodeJS.ProcessEnv, configured: string | null = null): Identity | null {
  if (configured) return { label: 'user_email', value: configured };
  let json: { userID?: unknown; oauthAccount?: { accountUuid?: unknown } };
  try {
    json = JSON.parse(readFileSync(claudeGlobalConfigFile(env), 'utf8')) as typeof json;
  } catch {
    return null;
  }
  if (typeof json.oauthAccount?.accountUuid === 'string' && json.oauthAccount.accountUuid) return { label: 'user_account_uuid', value: json.oauthAccount.accountUuid };
  if (typeof json.userID === 'string' && json.userID) return { label: 'user_id', value: json.userID };
  return null;
}

/** A PromQL label matcher for the identity (the value escaped for a double-quoted string). */
export function identityMatcher(id: Identity): string {
  return `${id.label}="${id.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
