/**
 * The renderer's one door to the backend: `window.ccmon` from the Electron preload, or, in web
 * mode, the HTTP + SSE bridge for `ccmon web`. Both satisfy the same RendererBridge type.
 */
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import { createHttpBridge } from './http-bridge.js';

declare global {
  interface Window {
    ccmon?: RendererBridge;
  }
}

export function getBridge(): RendererBridge {
  return window.ccmon ?? createHttpBridge();
}
