/**
 * `ccmon hook`: run by Claude Code's SessionStart and SessionEnd hooks (installed by `ccmon env --apply`).
 * Records which project, branch and worktree the session runs in (`ccmon_session_info`), over the same
 * OTLP push as the status line (hook-work.ts). A hook must never delay or fail a session: it prints
 * nothing (a SessionStart hook's output would join the conversation), always exits 0, and keeps
 * everything within --timeout (default 1500 ms, below the 5 s Claude Code gives it); what went wrong is
 * kept for `ccmon doctor`. Run by Claude Code, it reads its input and hands the rest to a background
 * process (hand-off.ts); `--foreground` does the work in this process. This file is all that the hand-off
 * loads: the work is imported only where it is done.
 */
import { parseArgs } from 'node:util';
import { printable } from '../../core/format/printable.js';
import type { HotIo } from './statusline.js';
import { readStdin } from './stdin.js';
import { handedOffInput, handOffToBackground, type HandOff } from './hand-off.js';

const maxInputBytes = 64 * 1024;

export async function hook(argv: string[], io: HotIo, env: NodeJS.ProcessEnv = process.env, stdin: NodeJS.ReadableStream = process.stdin, handOff: HandOff = handOffToBackground): Promise<number> {
  const started = Date.now();
  let flags: { install?: string | undefined; timeout?: string | undefined; foreground?: boolean | undefined } = {};
  let understood = true;
  try {
    flags = parseArgs({ args: argv, options: { install: { type: 'string' }, timeout: { type: 'string' }, foreground: { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // A hook never fails a session: the mistake goes to stderr (Claude Code's debug log), the exit stays 0.
    io.stderr(`ccmon hook: ${printable((err as Error).message, 200)}\n`);
    understood = false;
  }
  const timeout = /^\d+$/.test(flags.timeout ?? '') ? Math.min(4000, Math.max(50, Number(flags.timeout))) : 1500;
  const text = (flags.foreground ? handedOffInput(env) : undefined) ?? (await readStdin(maxInputBytes, started + timeout / 2, stdin));
  // Handed off only from a command line understood in full: the process it starts repeats it with
  // --foreground, and one it could not read would not see that flag either (and hand off again).
  if (understood && !flags.foreground && (await handOff(text, argv))) return 0;
  const { recordSession } = await import('./hook-work.js');
  await recordSession(text, env, flags.install, started + timeout);
  return 0;
}
