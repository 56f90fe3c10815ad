/**
 * IPC: one `ipcMain.handle` per API method (channel names from the contract), each answering with the
 * envelope built by ipc-dispatch (sender check, zod validation); core events forwarded to the window.
 */
import { ipcMain } from 'electron';
import { apiEventNames, apiMethods, eventChannel, methodChannel, type MonitorApi } from '../core/api/contract.js';
import type { ApiEventBus } from '../core/service.js';
import { dispatchApiCall } from './ipc-dispatch.js';

export function registerIpcHandlers(getApi: () => MonitorApi, isTrusted: (frameUrl: string | null | undefined) => boolean): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(methodChannel(method), (event, arg: unknown) => dispatchApiCall(getApi(), method, arg, { frameUrl: event.senderFrame?.url, isTrusted }));
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(methodChannel(method));
  };
}

/** Forwards every core event to the window (if any); returns the unsubscribe. */
export function forwardEvents(events: ApiEventBus, send: (channel: string, payload: unknown) => void): () => void {
  const offs = apiEventNames.map((name) => events.on(name, (payload) => send(eventChannel(name), payload)));
  return () => offs.forEach((off) => off());
}
