/**
 * IPC: one `ipcMain.handle` per API method (channel names from the contract), each answering with the
 * envelope built by ipc-dispatch (sender check, zod validation). Events reach the window through
 * forward-events.ts.
 */
import { ipcMain } from 'electron';
import { apiMethods, methodChannel, type MonitorApi } from '../core/api/contract.js';
import { dispatchApiCall } from './ipc-dispatch.js';

export function registerIpcHandlers(getApi: () => MonitorApi, isTrusted: (frameUrl: string | null | undefined) => boolean): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(methodChannel(method), (event, arg: unknown) => dispatchApiCall(getApi(), method, arg, { frameUrl: event.senderFrame?.url, isTrusted }));
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(methodChannel(method));
  };
}

