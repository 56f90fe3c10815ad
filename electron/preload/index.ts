/**
 * Preload (sandboxed, bundled to one small CJS file): exposes `window.ccmon`, the typed API as named
 * functions and `on()`, and nothing else. Listeners get only the payload, never the IpcRendererEvent
 * (it carries `sender`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, manifestFromArgv } from './bridge.js';

const manifest = manifestFromArgv(process.argv);
if (!manifest) {
  console.error('Claude Code Monitor: the preload got no API manifest from the main process; window.ccmon is not available.');
} else {
  const bridge = createBridge(manifest, {
    invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
    subscribe(channel, listener) {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  });
  contextBridge.exposeInMainWorld('ccmon', bridge);
}
