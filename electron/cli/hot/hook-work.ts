/**
 * What `ccmon hook` does with its input (in the background process it hands off to, or with
 * --foreground): records the session's project, branch and worktree (`ccmon_session_info`) over the
 * status line's OTLP push, within the deadline; the outcome goes into the state file for `ccmon doctor`.
 */
import { printable } from '../../core/format/printable.js';
import { projectOf, recordedAs, sessionInfoGauge } from '../../core/projects/session-record.js';
import { openHot, pushHot } from './context.js';

export async function recordSession(text: string, env: NodeJS.ProcessEnv, installId: string | undefined, deadlineMs: number): Promise<void> {
  const now = new Date();
  const ctx = openHot(env, installId, now);
  try {
    const input = parse(text);
    if (!input) {
      ctx.state.health.hook = { at: now.getTime(), ok: false, detail: 'the hook got no session id and folder on stdin' };
      return;
    }
    const record = recordedAs(projectOf(input.cwd), ctx.settings.projectRecording);
    if (!record) return;
    const pushed = await pushHot(ctx, 'hook', [sessionInfoGauge(input.sessionId, record, now.getTime(), ctx.labels)], deadlineMs - Date.now(), now, 'ccmon.hook');
    if (pushed) ctx.state.pushes[input.sessionId] = { ...(ctx.state.pushes[input.sessionId] ?? { fingerprint: '', at: 0 }), recordAt: now.getTime() };
  } catch (err) {
    ctx.state.health.hook = { at: now.getTime(), ok: false, detail: printable((err as Error).message, 300) };
  } finally {
    ctx.save(now);
  }
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
