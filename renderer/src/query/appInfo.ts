/** The host's app info (URLs, mode, refresh interval, the backend): read by most queries, fetched once per settings change. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import type { AppInfo } from '../../../electron/core/api/types.js';
import { useBridge } from './BridgeProvider.js';
import { keys } from './keys.js';

const appInfoQuery = (bridge: RendererBridge) => queryOptions({ queryKey: keys.appInfo, queryFn: () => bridge.getAppInfo({}) });

export function useAppInfo() {
  return useQuery(appInfoQuery(useBridge()));
}

/** One part of the app info (a stable `select`, so a component re-renders only when that part changes). */
export function useAppInfoSelect<T>(select: (info: AppInfo) => T): T | undefined {
  return useQuery({ ...appInfoQuery(useBridge()), select }).data;
}
