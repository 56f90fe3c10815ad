/** Every core event to the window (no electron import: the service host wires it in plain Node tests). */
import { apiEventNames, eventChannel } from '../core/api/contract.js';
import type { ApiEventBus } from '../core/service.js';

/** Forwards every core event to `send` (the window, if any); returns the unsubscribe. */
export function forwardEvents(events: ApiEventBus, send: (channel: string, payload: unknown) => void): () => void {
  const offs = apiEventNames.map((name) => events.on(name, (payload) => send(eventChannel(name), payload)));
  return () => offs.forEach((off) => off());
}
