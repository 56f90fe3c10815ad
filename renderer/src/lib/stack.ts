/** Words and tones for the stack panel. Pure. */
import type { ServiceStatus, StackStatus } from '../../../electron/core/api/types.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export function serviceTone(s: ServiceStatus): Tone {
  if (s.state === 'running') return s.ready ? 'ok' : 'warn';
  if (s.state === 'restarting' || s.state === 'created' || s.state === 'paused') return 'warn';
  if (s.state === 'dead' || s.error) return 'bad';
  return 'idle';
}

export function serviceLabel(s: ServiceStatus): string {
  if (s.state === 'running') return s.ready ? 'Ready' : 'Starting…';
  if (s.state === 'missing') return 'Not created';
  if (s.state === 'exited') return 'Stopped';
  return s.state.charAt(0).toUpperCase() + s.state.slice(1);
}

/** The one-word summary of the whole stack, and whether Start or Stop is the useful action. */
export function stackSummary(status: StackStatus | null): { label: string; tone: Tone; canStart: boolean; canStop: boolean } {
  if (!status) return { label: 'Unknown', tone: 'idle', canStart: false, canStop: false };
  if (!status.engine.reachable) return { label: 'Docker unavailable', tone: 'bad', canStart: false, canStop: false };
  const running = status.services.filter((s) => s.state === 'running');
  const ready = running.filter((s) => s.ready);
  if (status.services.length > 0 && ready.length === status.services.length) return { label: 'Running', tone: 'ok', canStart: false, canStop: true };
  if (running.length > 0) return { label: `${ready.length}/${status.services.length} ready`, tone: 'warn', canStart: true, canStop: true };
  return { label: 'Stopped', tone: 'idle', canStart: true, canStop: false };
}
