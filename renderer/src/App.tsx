/** The dashboard: header, navigation (Overview, Stack, Setup, Settings) and the panels. */
import { Suspense, lazy, useEffect, useMemo, useState, type ComponentType } from 'react';
import type { RendererBridge } from '../../electron/core/api/contract.js';
import type { GrafanaLinks } from '../../electron/core/api/types.js';
import { ExternalButton, Pill, Segmented } from './components/ui.js';
import { formatClock } from './lib/format.js';
import { freshness } from './lib/freshness.js';
import { palettes } from './lib/palette.js';
import { stackSummary } from './lib/stack.js';
import { useColorScheme } from './lib/useColorScheme.js';
import { Overview } from './panels/Overview.js';
import { SetupPanel } from './panels/SetupPanel.js';
import { StackPanel } from './panels/StackPanel.js';
import { useDashboard } from './useDashboard.js';

type Tab = 'overview' | 'stack' | 'setup' | 'settings';

/**
 * The Settings panel is the Electron host's (renderer/src/settings/); it is mounted when present,
 * loaded on demand so it never weighs on the first paint.
 */
const settingsModules = import.meta.glob<Record<string, unknown>>('./settings/*Panel.tsx');
const settingsLoader = Object.values(settingsModules)[0];
const SettingsPanel = settingsLoader
  ? lazy(async () => {
      const mod = await settingsLoader();
      const component = (mod.default ?? mod.SettingsPanel ?? Object.values(mod).find((v) => typeof v === 'function')) as ComponentType<{ bridge: RendererBridge }>;
      return { default: component };
    })
  : null;

const tabNames: Record<Tab, string> = { overview: 'Overview', stack: 'Stack', setup: 'Setup', settings: 'Settings' };

function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function useWidth(): number {
  const [w, setW] = useState(window.innerWidth);
  useEffect(() => {
    const on = (): void => setW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return w;
}

export function App(props: { bridge: RendererBridge }) {
  const { bridge } = props;
  const dash = useDashboard(bridge);
  const scheme = useColorScheme();
  const palette = palettes[scheme];
  const now = useNow(5000);
  const compact = useWidth() < 640;
  const [tab, setTab] = useState<Tab>('overview');
  const [links, setLinks] = useState<GrafanaLinks | null>(null);
  const tabs = useMemo<Tab[]>(() => (SettingsPanel ? ['overview', 'stack', 'setup', 'settings'] : ['overview', 'stack', 'setup']), []);

  useEffect(() => {
    let live = true;
    // On failure the previous links stay (they only depend on the settings and the range).
    bridge.getGrafanaLinks({ range: dash.range }).then(
      (l) => live && setLinks(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [bridge, dash.range, dash.info]);

  // The tray asks for a view (Electron): "Open dashboard", "Settings…".
  useEffect(
    () => bridge.on('app:navigate', ({ view }) => setTab(view === 'settings' && SettingsPanel ? 'settings' : 'overview')),
    [bridge],
  );

  const state = freshness(dash.summary);
  const stack = stackSummary(dash.stack.data);

  return (
    <div className={`app ${compact ? 'compact' : 'wide'}`} data-theme={scheme}>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <h1>Claude Code Monitor</h1>
        </div>
        <div className="topbar-right">
          <Pill
            tone={state === 'live' ? 'ok' : state === 'stale' ? 'warn' : state === 'unavailable' ? 'bad' : 'idle'}
            testId="data-state"
            title={dash.summary.error?.message}
          >
            {state === 'live' ? 'Live' : state === 'stale' ? (compact ? 'Stale' : `Stale · ${formatClock(dash.summary.updatedAt!)}`) : state === 'unavailable' ? 'No data' : 'Loading'}
          </Pill>
          <button type="button" className="btn btn-icon" onClick={dash.refresh} aria-label="Refresh now" title="Refresh now" data-testid="refresh">
            ↻
          </button>
          {!compact && (
            <ExternalButton href={links?.overview} testId="open-grafana" title="Open the Claude Code dashboard in Grafana">
              Grafana
            </ExternalButton>
          )}
        </div>
      </header>
      <nav className="tabs">
        <Segmented
          label="Sections"
          role="tablist"
          controls="panel"
          options={tabs}
          value={tab}
          onChange={setTab}
          testId="nav"
          render={(t) => (
            <>
              {tabNames[t]}
              {t === 'stack' && <span className={`tab-dot tone-${dash.stack.error && !dash.stack.data ? 'bad' : stack.tone}`} aria-hidden="true" />}
            </>
          )}
        />
      </nav>
      <main id="panel" role="tabpanel" aria-label={tabNames[tab]} className="panel">
        {tab === 'overview' && <Overview dash={dash} palette={palette} compact={compact} now={now} grafana={links} onGo={setTab} />}
        {tab === 'stack' && <StackPanel dash={dash} now={now} grafanaHome={dash.info?.grafanaUrl ?? null} />}
        {tab === 'setup' && <SetupPanel bridge={bridge} defaultMode={dash.info?.telemetryMode} settingsFile={dash.info?.claudeSettingsFile} lost={dash.lost} />}
        {tab === 'settings' && SettingsPanel && (
          <Suspense fallback={<div className="card skeleton-card" />}>
            <SettingsPanel bridge={bridge} />
          </Suspense>
        )}
      </main>
    </div>
  );
}
