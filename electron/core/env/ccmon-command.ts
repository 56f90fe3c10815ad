/**
 * The command line Claude Code runs to reach ccmon (the status line, the hooks). From a checkout or an
 * npm install, the Node that runs this CLI and its bin/ccmon.cjs, by absolute path (no `npx`: its
 * start-up alone would cost more than the status line's whole budget); elsewhere (the packaged tray app
 * carries no CLI) `ccmon` from the PATH. The paths are the app's own, quoted for the platform's shell;
 * nothing a user typed goes into this string.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** bin/ccmon.cjs of this checkout or install: found walking up from this module (from dist/ and from source alike). */
function findBin(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'bin', 'ccmon.cjs');
    if (existsSync(candidate) && existsSync(path.join(dir, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

const posixQuote = (v: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
const windowsQuote = (v: string): string => (/^[A-Za-z0-9_@%+=:,./\\-]+$/.test(v) ? v : `"${v.replace(/"/g, '""')}"`);

export interface CcmonInvocation {
  /** The words before the subcommand. */
  argv: string[];
  platform: NodeJS.Platform;
}

export function ccmonInvocation(platform: NodeJS.Platform = process.platform): CcmonInvocation {
  const bin = process.versions.electron ? null : findBin();
  return { argv: bin ? [process.execPath, bin] : ['ccmon'], platform };
}

export function ccmonCommandLine(invocation: CcmonInvocation, args: readonly string[]): string {
  const quote = invocation.platform === 'win32' ? windowsQuote : posixQuote;
  return [...invocation.argv, ...args].map(quote).join(' ');
}

export { isCcmonCommand } from './ccmon-command-match.js';
