/**
 * What the status line and hook could not do (they never say so on the line, or to Claude Code): read
 * back from the state file they keep, as doctor checks. Pure, apart from `readStatuslineHealth`.
 */
import type { DoctorCheck } from '../api/types.js';
import { loadState, statuslineStateFile, type StatuslineState } from '../statusline/state.js';

export function readStatuslineHealth(cacheDir: string): StatuslineState['health'] {
  return loadState(statuslineStateFile(cacheDir)).health;
}

const when = (at: number): string => new Date(at).toLocaleString();

export function statuslineChecks(health: StatuslineState['health']): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const { push, chain, install, hook } = health;
  if (install && !install.ok) checks.push({ id: 'statusline-install', ok: false, detail: install.detail ?? 'The status line names an install record that is not there.', hint: 'Run `ccmon env --apply` again.' });
  if (push) {
    checks.push(
      push.ok
        ? { id: 'statusline-push', ok: true, detail: `The status line last recorded the plan limits at ${when(push.at)}.` }
        : {
            id: 'statusline-push',
            ok: false,
            detail: `The status line could not record the plan limits at ${when(push.at)}: ${push.detail ?? 'unknown error'}`,
            hint: 'The backend must accept OTLP metrics where `ccmon env --apply` pointed Claude Code (CCMON_OTLP_METRICS_URL); start the stack, or apply again after changing the backend.',
          },
    );
  }
  if (hook) {
    checks.push(
      hook.ok
        ? { id: 'session-hook', ok: true, detail: `The session hook last recorded a session's project at ${when(hook.at)}.` }
        : {
            id: 'session-hook',
            ok: false,
            detail: `The session hook could not record a session's project at ${when(hook.at)}: ${hook.detail ?? 'unknown error'}`,
            hint: 'Claude Code is not affected. The backend must accept OTLP metrics at CCMON_OTLP_METRICS_URL (start the stack, or apply again after changing the backend); run `ccmon hook --foreground` with a SessionStart JSON on stdin to try it by hand.',
          },
    );
  }
  if (chain && !chain.ok) checks.push({ id: 'statusline-chain', ok: false, detail: `Your own status line command, which ccmon wraps, failed at ${when(chain.at)}: ${chain.detail ?? ''}`, hint: 'Run it by hand with the same JSON on stdin; `ccmon env --revert` puts it back on its own.' });
  return checks;
}
