/**
 * One query per API call. The polled ones (summary, usage series, probe, lost sessions, stack) refetch
 * on the app's refresh interval while the page is visible, and when it becomes visible again if their
 * data is older than that; the others change only with the settings (see usePushedEvents).
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import type { AppInfo } from '../../../electron/core/api/types.js';
import type { ChartRange, Shell, TelemetryMode } from '../../../electron/core/api/domain.js';
import type { SettingsView } from '../../../electron/core/config/settings-api.js';
import { useBridge } from './BridgeProvider.js';
import { defaultIntervalSeconds } from './client.js';
import { keys } from './keys.js';

const intervalOf = (info: AppInfo): number => info.refreshIntervalSeconds;
const dailyBudgetOf = (view: SettingsView): number | null => view.settings.dailyBudgetUsd ?? null;

const appInfoQuery = (bridge: RendererBridge) => queryOptions({ queryKey: keys.appInfo, queryFn: () => bridge.getAppInfo({}) });
const settingsQuery = (bridge: RendererBridge) => queryOptions({ queryKey: keys.settings, queryFn: () => bridge.getSettings({}) });

export function useAppInfo() {
  return useQuery(appInfoQuery(useBridge()));
}

/** How often the polled queries refetch, and how long their data counts as fresh. */
function usePolling(): { refetchInterval: number; staleTime: number } {
  const seconds = useQuery({ ...appInfoQuery(useBridge()), select: intervalOf }).data ?? defaultIntervalSeconds;
  return { refetchInterval: seconds * 1000, staleTime: seconds * 1000 };
}

export function useSummary() {
  const bridge = useBridge();
  const polling = usePolling();
  // The hosts push today's summary on the same interval (summary:update → setQueryData, which
  // restarts this timer), so this poll runs only when the pushes stop (Prometheus down, the event
  // stream lost); the slack keeps it from racing a push that is on its way.
  return useQuery({ queryKey: keys.summary, queryFn: () => bridge.getSummary({}), ...polling, refetchInterval: polling.refetchInterval * 1.5 });
}

export function useUsageSeries(range: ChartRange) {
  const bridge = useBridge();
  // While another range loads, the previous one stays on screen (dimmed: `isPlaceholderData`).
  return useQuery({ queryKey: keys.usageSeries(range), queryFn: () => bridge.getUsageSeries({ range }), placeholderData: keepPreviousData, ...usePolling() });
}

export function useProbe() {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.probe, queryFn: () => bridge.probeExporter({}), ...usePolling() });
}

export function useLostSessions() {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.lostSessions, queryFn: () => bridge.checkLostSessions({}), ...usePolling() });
}

export function useStackStatus() {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.stack, queryFn: () => bridge.getStackStatus({}), ...usePolling() });
}

export function useSettings() {
  return useQuery(settingsQuery(useBridge()));
}

/** The daily budget from the settings (null: none set, or not known yet). */
export function useDailyBudget(): number | null {
  return useQuery({ ...settingsQuery(useBridge()), select: dailyBudgetOf }).data ?? null;
}

export function useGrafanaLinks(range: ChartRange) {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.grafanaLinks(range), queryFn: () => bridge.getGrafanaLinks({ range }), placeholderData: keepPreviousData });
}

export function useEnvSnippet(shell: Shell, mode: TelemetryMode) {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.envSnippet(shell, mode), queryFn: () => bridge.getEnvSnippet({ shell, mode }), placeholderData: keepPreviousData });
}
