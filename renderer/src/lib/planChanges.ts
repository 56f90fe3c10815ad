/**
 * What Apply's preview lists, readably (pure): the changes by section (env, status line, hooks), a
 * status line or hook shown as its command, and whether ours wraps a status line the user already has.
 */
import type { EnvChange, SettingsSection } from '../../../electron/core/env/types.js';
import { isCcmonCommand } from '../../../electron/core/env/ccmon-command-match.js';

export const sectionOrder: readonly SettingsSection[] = ['env', 'statusLine', 'otelHeadersHelper', 'hooks'];
export const sectionTitles: Record<SettingsSection, string> = { env: 'Environment variables', statusLine: 'Status line', otelHeadersHelper: "Credentials for Claude Code's pushes (otelHeadersHelper)", hooks: 'Hooks' };

export function groupChanges(changes: readonly EnvChange[]): { section: SettingsSection; changes: EnvChange[] }[] {
  return sectionOrder.map((section) => ({ section, changes: changes.filter((c) => c.section === section) })).filter((g) => g.changes.length > 0);
}

/** The command of a status line's, hook's or headers helper's JSON text (`{command}`, `{hooks: [{command}]}`, `"command"`); null otherwise. */
export function commandOf(json: string | null): string | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as string | { command?: unknown; hooks?: { command?: unknown }[] };
    if (typeof v === 'string') return v; // otelHeadersHelper: the command itself
    const commands = [v.command, ...(Array.isArray(v.hooks) ? v.hooks.map((h) => h?.command) : [])].filter((c): c is string => typeof c === 'string');
    return commands.length > 0 ? commands.join('\n') : null;
  } catch {
    return null;
  }
}

/** The user's own status line command that ours is about to wrap (it keeps printing; ours adds a segment). */
export function wrappedStatusLine(change: EnvChange): string | null {
  if (change.section !== 'statusLine' || change.after === null) return null;
  const theirs = commandOf(change.before);
  const ours = commandOf(change.after);
  return theirs && theirs.trim() !== '' && !isCcmonCommand(theirs, 'statusline') && ours !== null && isCcmonCommand(ours, 'statusline') ? theirs : null;
}

/** A change's two sides as people read them: an env value as it is, a status line or hook as its command (else its JSON). */
export function readableSides(change: EnvChange): { before: string | null; after: string | null } {
  if (change.section === 'env') return { before: change.before, after: change.after };
  return { before: change.before === null ? null : (commandOf(change.before) ?? change.before), after: change.after === null ? null : (commandOf(change.after) ?? change.after) };
}
