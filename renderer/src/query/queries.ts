/**
 * One query per API call. The polled ones (summary, limits, sessions, usage series, probe, lost
 * sessions, stack) refetch on the app's refresh interval while the page is visible, and when it
 * becomes visible again if their data is older than that; the others change only with the settings
 * (see usePushedEvents). Summaries, limits, sessions and the usage series carry the scope (scope.tsx) in args and key.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import type { AppInfo } from '../../../electron/core/api/types.js';
import type { ChartRange, Shell, TelemetryMode } from '../../../electron/core/api/domain.js';
import type { SettingsView } from '../../../electron/core/config/settings-api.js';
import { useAppInfoSelect } from './appInfo.js';
import { useBridge } from './BridgeProvider.js';
import { defaultIntervalSeconds } from './client.js';
import { keys } from './keys.js';
import { useScope } from './scope.js';

export { useAppInfo } from './appInfo.js';

const intervalOf = (info: AppInfo): number => info.refreshIntervalSeconds;
const budgetsOf = (view: SettingsView): Budgets => ({ dailyUsd: view.settings.dailyBudgetUsd ?? null, monthlyUsd: view.settings.monthlyBudgetUsd ?? null });
/** The longer windows (7 and 30 days) move slowly: polled every five minutes. */
const longWindowMs = 5 * 60_000;

const settingsQuery = (bridge: RendererBridge) => queryOptions({ queryKey: keys.settings, queryFn: () => bridge.getSettings({}) });

/** How often the polled queries refetch, and how long their data counts as fresh. */
function usePolling(): { refetchInterval: number; staleTime: number } {
  const seconds = useAppInfoSelect(intervalOf) ?? defaultIntervalSeconds;
  return { refetchInterval: seconds * 1000, staleTime: seconds * 1000 };
}

export function useSummary() {
  const bridge = useBridge();
  const polling = usePolling();
  const { remote, args } = useScope();
  // The hosts push today's (unscoped) summary on the same interval (summary:update → setQueryData,
  // which restarts this timer), so this poll runs only when the pushes stop (Prometheus down, the
  // event stream lost); the slack keeps it from racing a push that is on its way. A scoped summary
  // (shared backend) is not pushed: it polls. The previous scope's figures stay while the next loads.
  return useQuery({
    queryKey: keys.scopedSummary(args),
    queryFn: () => bridge.getSummary(args),
    ...polling,
    refetchInterval: remote ? polling.refetchInterval : polling.refetchInterval * 1.5,
    placeholderData: keepPreviousData,
  });
}

/** A summary from local midnight some days back until now (null: not wanted now). */
export function useSummarySince(since: string | null) {
  const bridge = useBridge();
  const { args } = useScope();
  return useQuery({
    queryKey: keys.summarySince(since ?? '', args),
    queryFn: () => bridge.getSummary({ since: since!, ...args }),
    enabled: since !== null,
    staleTime: longWindowMs,
    refetchInterval: longWindowMs,
    placeholderData: keepPreviousData,
  });
}

export function useLimits() {
  const bridge = useBridge();
  const { args } = useScope();
  return useQuery({ queryKey: keys.limits(args), queryFn: () => bridge.getLimits(args), ...usePolling(), placeholderData: keepPreviousData });
}

/** Today's sessions, live ones first; `enabled: false` reads only what another part already fetched. */
export function useSessions(enabled = true) {
  const bridge = useBridge();
  const { args } = useScope();
  return useQuery({ queryKey: keys.sessions(args), queryFn: () => bridge.getSessions(args), ...usePolling(), placeholderData: keepPreviousData, enabled });
}

export function useUsageSeries(range: ChartRange) {
  const bridge = useBridge();
  const { args } = useScope();
  // While another range (or scope) loads, the previous one stays on screen (dimmed: `isPlaceholderData`).
  return useQuery({ queryKey: keys.usageSeries(range, args), queryFn: () => bridge.getUsageSeries({ range, ...args }), placeholderData: keepPreviousData, ...usePolling() });
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

export interface Budgets {
  dailyUsd: number | null;
  monthlyUsd: number | null;
}

/** The daily and monthly budgets from the settings (null: none set, or not known yet). */
export function useBudgets(): Budgets {
  return useQuery({ ...settingsQuery(useBridge()), select: budgetsOf }).data ?? { dailyUsd: null, monthlyUsd: null };
}

export function useGrafanaLinks(range: ChartRange) {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.grafanaLinks(range), queryFn: () => bridge.getGrafanaLinks({ range }), placeholderData: keepPreviousData });
}

export function useEnvSnippet(shell: Shell, mode: TelemetryMode) {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.envSnippet(shell, mode), queryFn: () => bridge.getEnvSnippet({ shell, mode }), placeholderData: keepPreviousData });
}
