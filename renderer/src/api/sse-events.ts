/** Web mode's pushed events: one EventSource on `/api/events`, one listener set per event name. */
import type { ApiEvents } from '../../../electron/core/api/contract.js';
import type { ApiEventName } from '../../../electron/core/api/methods.js';

export type Subscribe = <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) => () => void;

export function sseSubscriber(base = ''): Subscribe {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  // The EventSource opens on the first subscription, and each event name is listened to once.
  const listen = (name: ApiEventName): void => {
    if (typeof EventSource === 'undefined') return;
    source ??= new EventSource(`${base}/api/events`);
    source.addEventListener(name, (e) => {
      const payload = JSON.parse(String((e as { data?: unknown }).data)) as never;
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  };
  return (event, listener) => {
    let set = listeners.get(event);
    if (!set) {
      listeners.set(event, (set = new Set()));
      listen(event);
    }
    set.add(listener);
    return () => set.delete(listener);
  };
}
