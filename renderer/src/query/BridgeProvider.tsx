/** The bridge (IPC or HTTP) for the query hooks, given once at the root. */
import { createContext, useContext, type ReactNode } from 'react';
import type { RendererBridge } from '../../../electron/core/api/contract.js';

const BridgeContext = createContext<RendererBridge | null>(null);

export function BridgeProvider(props: { bridge: RendererBridge; children: ReactNode }) {
  return <BridgeContext value={props.bridge}>{props.children}</BridgeContext>;
}

export function useBridge(): RendererBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() outside <BridgeProvider>.');
  return bridge;
}
