/**
 * `ccmon hook`: run by Claude Code's SessionStart and SessionEnd hooks (installed by `ccmon env --apply`).
 * Records which project, branch and worktree the session runs in (`ccmon_session_info`), over the same
 * OTLP push as the status line. A hook must never delay or fail a session: it prints nothing (a
 * SessionStart hook's output would join the conversation), always exits 0, and keeps everything within
 * --timeout (default 1500 ms, below the 5 s Claude Code gives it); what went wrong is kept for `ccmon doctor`.
 * Run by Claude Code, it reads its input and hands the rest to a background process (hand-off.ts);
 * `--foreground` does the work in this process.
 */
import { parseArgs } from 'node:util';
import { printable } from '../../core/format/printable.js';
import { projectOf, recordedAs, sessionInfoGauge } from '../../core/projects/session-record.js';
import { openHot, pushHot } from './context.js';
import type { HotIo } from './statusline.js';
import { readStdin } from './stdin.js';
import { handOffToBackground, type HandOff } from './hand-off.js';

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
  const text = await readStdin(maxInputBytes, started + timeout / 2, stdin);
  // Handed off only from a command line understood in full: the process it starts repeats it with
  // --foreground, and one it could not read would not see that flag either (and hand off again).
  if (understood && !flags.foreground && (await handOff(text, argv))) return 0;
  const now = new Date();
  const ctx = openHot(env, flags.install, now);
  try {
    const input = parse(text);
    if (!input) {
      ctx.state.health.hook = { at: now.getTime(), ok: false, detail: 'the hook got no session id and folder on stdin' };
      return 0;
    }
    const record = recordedAs(projectOf(input.cwd), ctx.settings.projectRecording);
    if (!record) return 0;
    const pushed = await pushHot(ctx, 'hook', [sessionInfoGauge(input.sessionId, record, now.getTime(), ctx.labels)], started + timeout - Date.now(), now, 'ccmon.hook');
    if (pushed) ctx.state.pushes[input.sessionId] = { ...(ctx.state.pushes[input.sessionId] ?? { fingerprint: '', at: 0 }), recordAt: now.getTime() };
  } catch (err) {
    ctx.state.health.hook = { at: now.getTime(), ok: false, detail: printable((err as Error).message, 300) };
  } finally {
    ctx.save(now);
  }
  return 0;
}

/** The hook's stdin (test/fixtures/claude-code-2.1.197-hook-input.jsonl): its session id and folder, or null. */
function parse(text: string): { sessionId: string; cwd: string } | null {
  try {
    const json = JSON.parse(text) as { session_id?: unknown; cwd?: unknown };
    if (typeof json.session_id !== 'string' || !json.session_id || json.session_id.length > 128 || typeof json.cwd !== 'string' || !json.cwd) return null;
    return { sessionId: json.session_id, cwd: json.cwd };
  } catch {
    return null;
  }
}
