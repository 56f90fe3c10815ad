/**
 * The dashboard's data: summary, chart series, exporter probe and stack status, refreshed on the
 * app's interval and by pushed events. A failed refresh keeps the last values (the stale state).
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { ApiResults, RendererBridge } from '../../electron/core/api/contract.js';
import type { AppInfo, ChartRange, ProbeResult, PullProgress, StackStatus, Summary, UsageSeries } from '../../electron/core/api/types.js';
import { describeError } from './api/errors.js';
import { failed, initialLoadable, succeeded, type Loadable } from './lib/freshness.js';

export interface Dashboard {
  info: AppInfo | null;
  summary: Loadable<Summary>;
  series: Loadable<UsageSeries>;
  range: ChartRange;
  setRange: (range: ChartRange) => void;
  probe: Loadable<ProbeResult>;
  /** The daily budget from the settings (null: none set). */
  dailyBudgetUsd: number | null;
  /** Claude Code processes vs the exporter's sessions (scrape mode's blind spot); null until known. */
  lost: ApiResults['checkLostSessions'] | null;
  stack: Loadable<StackStatus>;
  pull: PullProgress | null;
  stackBusy: 'up' | 'down' | null;
  stackError: { message: string; hint?: string } | null;
  startStack: () => void;
  stopStack: () => void;
  refresh: () => void;
}

const defaultInterval = 15;

/** Puts the outcome of one query into its Loadable (a failure keeps the last value, marked stale); true when it succeeded. */
async function settle<T>(query: Promise<T>, set: Dispatch<SetStateAction<Loadable<T>>>): Promise<boolean> {
  try {
    const value = await query;
    set((prev) => succeeded(prev, value, Date.now()));
    return true;
  } catch (err) {
    set((prev) => failed(prev, describeError(err), Date.now()));
    return false;
  }
}

export function useDashboard(bridge: RendererBridge): Dashboard {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [summary, setSummary] = useState<Loadable<Summary>>(initialLoadable);
  const [series, setSeries] = useState<Loadable<UsageSeries>>(initialLoadable);
  const [probe, setProbe] = useState<Loadable<ProbeResult>>(initialLoadable);
  const [stack, setStack] = useState<Loadable<StackStatus>>(initialLoadable);
  const [lost, setLost] = useState<ApiResults['checkLostSessions'] | null>(null);
  const [dailyBudgetUsd, setDailyBudget] = useState<number | null>(null);
  const [range, setRangeState] = useState<ChartRange>('24h');
  const [pull, setPull] = useState<PullProgress | null>(null);
  const [stackBusy, setStackBusy] = useState<'up' | 'down' | null>(null);
  const [stackError, setStackError] = useState<{ message: string; hint?: string } | null>(null);
  const rangeRef = useRef(range);
  const lastPush = useRef(0);
  const intervalMs = (info?.refreshIntervalSeconds ?? defaultInterval) * 1000;

  const loadSummary = useCallback(() => settle(bridge.getSummary({}), setSummary), [bridge]);

  const loadSeries = useCallback(
    async (r: ChartRange) => {
      setSeries((prev) => ({ ...prev, loading: true }));
      try {
        const s = await bridge.getUsageSeries({ range: r });
        if (rangeRef.current === r) setSeries((prev) => succeeded(prev, s, Date.now()));
      } catch (err) {
        if (rangeRef.current === r) setSeries((prev) => failed(prev, describeError(err), Date.now()));
      }
    },
    [bridge],
  );

  const loadProbe = useCallback(async () => {
    if (await settle(bridge.probeExporter({}), setProbe)) bridge.checkLostSessions({}).then(setLost, () => setLost(null));
  }, [bridge]);

  const loadStack = useCallback(() => settle(bridge.getStackStatus({}), setStack), [bridge]);

  const refresh = useCallback(
    (force = true) => {
      // A summary pushed by the host moments ago is as good as a fresh query.
      if (force || Date.now() - lastPush.current > intervalMs * 0.8) void loadSummary();
      void loadSeries(rangeRef.current);
      void loadProbe();
      void loadStack();
    },
    [intervalMs, loadSummary, loadSeries, loadProbe, loadStack],
  );

  useEffect(() => {
    bridge.getAppInfo({}).then(setInfo, () => setInfo(null));
    bridge.getSettings({}).then(
      (v) => setDailyBudget(v.settings.dailyBudgetUsd ?? null),
      () => undefined,
    );
    // Settings changed elsewhere (the panel, the tray app): URLs, interval, mode and budget follow.
    return bridge.on('settings:changed', (v) => {
      setDailyBudget(v.settings.dailyBudgetUsd ?? null);
      bridge.getAppInfo({}).then(setInfo, () => undefined);
    });
  }, [bridge]);

  // Load once at mount; then refresh on the interval (which changes when the app info arrives).
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    refreshRef.current(true);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') refreshRef.current(true);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  useEffect(() => {
    // Hidden (the tray popover closed, a background tab): no polling; showing it again refreshes at once.
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') refreshRef.current(false);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  useEffect(() => {
    const offs = [
      bridge.on('summary:update', (s) => {
        lastPush.current = Date.now();
        setSummary((prev) => succeeded(prev, s, Date.now()));
      }),
      bridge.on('stack:status', (s) => setStack((prev) => succeeded(prev, s, Date.now()))),
      bridge.on('stack:pull-progress', (p) => setPull(p)),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge]);

  const setRange = useCallback(
    (r: ChartRange) => {
      rangeRef.current = r;
      setRangeState(r);
      void loadSeries(r);
    },
    [loadSeries],
  );

  const runStack = useCallback(
    async (action: 'up' | 'down') => {
      setStackBusy(action);
      setStackError(null);
      setPull(null);
      try {
        const s = action === 'up' ? await bridge.stackUp({}) : await bridge.stackDown({});
        setStack((prev) => succeeded(prev, s, Date.now()));
      } catch (err) {
        setStackError(describeError(err));
      } finally {
        setStackBusy(null);
        setPull(null);
        void loadStack();
      }
    },
    [bridge, loadStack],
  );

  return {
    info,
    summary,
    series,
    range,
    setRange,
    probe,
    dailyBudgetUsd,
    lost,
    stack,
    pull,
    stackBusy,
    stackError,
    startStack: () => void runStack('up'),
    stopStack: () => void runStack('down'),
    refresh: () => refresh(true),
  };
}
