/**
 * When the stack deserves an OS notification (pure): it fails, or something that was running stops.
 * Not at launch (an engine that isn't running yet is shown in the tray, not shouted about).
 */
import type { StackStatus } from '../core/api/types.js';
import type { TrayState } from './tray-state.js';

export interface Notice {
  title: string;
  body: string;
}

export function stackTransitionNotice(prev: TrayState | null, next: TrayState, status: StackStatus | null, lastError: string | null): Notice | null {
  if (prev === null || prev === next) return null;
  if (next === 'error') {
    const detail = lastError ?? engineOrServiceProblem(status) ?? 'The monitoring stack stopped working.';
    return { title: 'Claude Code Monitor: stack error', body: detail };
  }
  if (next === 'degraded' && prev === 'running') {
    const down = (status?.services ?? []).filter((s) => s.state !== 'running' || !s.ready).map((s) => s.name);
    return { title: 'Claude Code Monitor: stack degraded', body: down.length ? `Not running: ${down.join(', ')}.` : 'Some services are not ready.' };
  }
  return null;
}

/** A failed start or stop, said once with its hint. */
export function stackOperationFailedNotice(operation: 'up' | 'down', err: { message?: string; hint?: string }): Notice {
  const what = operation === 'up' ? 'start' : 'stop';
  return { title: `Claude Code Monitor: could not ${what} the stack`, body: [err.message, err.hint].filter(Boolean).join(' ') || 'Unknown error.' };
}

function engineOrServiceProblem(status: StackStatus | null): string | null {
  if (!status) return null;
  if (!status.engine.reachable) return [status.engine.error ?? 'The container engine is not reachable.', status.engine.hint].filter(Boolean).join(' ');
  const bad = status.services.find((s) => s.error);
  return bad ? `${bad.name}: ${bad.error}${bad.hint ? ` ${bad.hint}` : ''}` : null;
}
