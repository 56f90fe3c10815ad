/** The dashboard: header, navigation (Overview, Stack, Setup, Settings) and the panels. */
import { Suspense, lazy, useEffect, useState } from 'react';
import type { ChartRange } from '../../electron/core/api/domain.js';
import { ChunkBoundary } from './components/ChunkBoundary.js';
import { NavTabs, tabNames, type Tab } from './NavTabs.js';
import { TopBar } from './TopBar.js';
import { palettes } from './lib/palette.js';
import { useColorScheme } from './lib/useColorScheme.js';
import { useNow } from './lib/useNow.js';
import { useWidth } from './lib/useWidth.js';
import { Overview } from './panels/overview/Overview.js';
import { StackPanel } from './panels/stack/StackPanel.js';
import { useBridge } from './query/BridgeProvider.js';
import { useGrafanaLinks } from './query/queries.js';
import { usePushedEvents } from './query/usePushedEvents.js';

// Loaded on demand, so the setup and settings forms never weigh on the first paint.
const SetupPanel = lazy(() => import('./panels/setup/SetupPanel.js').then((m) => ({ default: m.SetupPanel })));
const SettingsPanel = lazy(() => import('./settings/SettingsPanel.js').then((m) => ({ default: m.SettingsPanel })));

export function App() {
  const bridge = useBridge();
  const scheme = useColorScheme();
  const now = useNow(5000);
  const compact = useWidth() < 640;
  const [tab, setTab] = useState<Tab>('overview');
  const [range, setRange] = useState<ChartRange>('24h');
  const links = useGrafanaLinks(range).data ?? null;
  usePushedEvents();

  // The tray asks for a view (Electron): "Open dashboard", "Settings…".
  useEffect(() => bridge.on('app:navigate', ({ view }) => setTab(view === 'settings' ? 'settings' : 'overview')), [bridge]);

  return (
    <div className={`app ${compact ? 'compact' : 'wide'}`} data-theme={scheme}>
      <TopBar compact={compact} grafanaOverview={links?.overview} />
      <NavTabs tab={tab} onTab={setTab} />
      <main id="panel" role="tabpanel" aria-label={tabNames[tab]} className="panel">
        {tab === 'overview' && <Overview range={range} onRange={setRange} palette={palettes[scheme]} compact={compact} now={now} grafana={links} onGo={setTab} />}
        {tab === 'stack' && <StackPanel now={now} />}
        {tab === 'setup' && (
          <ChunkBoundary what="setup panel">
            <Suspense fallback={<div className="card skeleton-card" />}>
              <SetupPanel />
            </Suspense>
          </ChunkBoundary>
        )}
        {tab === 'settings' && (
          <ChunkBoundary what="settings form">
            <Suspense fallback={<div className="card skeleton-card" />}>
              <SettingsPanel />
            </Suspense>
          </ChunkBoundary>
        )}
      </main>
    </div>
  );
}
