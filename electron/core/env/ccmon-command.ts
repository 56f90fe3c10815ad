/**
 * The command line Claude Code runs to reach ccmon (the status line, the hooks). From a checkout or an
 * npm install, the Node that runs this CLI and its bin/ccmon.js, by absolute path (no `npx`: its
 * start-up alone would cost more than the status line's whole budget); elsewhere (the packaged tray app
 * carries no CLI) `ccmon` from the PATH. The paths are the app's own, quoted for the platform's shell;
 * nothing a user typed goes into this string.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const binPath = fileURLToPath(new URL('../../../../bin/ccmon.js', import.meta.url));

const posixQuote = (v: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
const windowsQuote = (v: string): string => (/^[A-Za-z0-9_@%+=:,./\\-]+$/.test(v) ? v : `"${v.replace(/"/g, '""')}"`);

export interface CcmonInvocation {
  /** The words before the subcommand. */
  argv: string[];
  platform: NodeJS.Platform;
}

export function ccmonInvocation(platform: NodeJS.Platform = process.platform): CcmonInvocation {
  const plainNode = !process.versions.electron;
  return { argv: plainNode && existsSync(binPath) ? [process.execPath, binPath] : ['ccmon'], platform };
}

export function ccmonCommandLine(invocation: CcmonInvocation, args: readonly string[]): string {
  const quote = invocation.platform === 'win32' ? windowsQuote : posixQuote;
  return [...invocation.argv, ...args].map(quote).join(' ');
}

/** True when a status line or hook command is one of ours (so it is never wrapped or kept as the user's). */
export function isCcmonCommand(command: string, subcommand: 'statusline' | 'hook'): boolean {
  return new RegExp(`(^|[\\s/\\\\'"])ccmon(\\.js)?['"]?\\s+${subcommand}(\\s|$)`).test(command);
}
