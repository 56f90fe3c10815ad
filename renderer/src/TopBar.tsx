/** The header: the app's name, me/team (shared backends), the data's state (Live, Stale · 14:03:04, No data, Loading), Refresh, Grafana. */
import type { Summary } from '../../electron/core/api/types.js';
import { ExternalButton, Pill } from './components/ui.js';
import { formatClock } from './lib/format.js';
import { dataState, type DataState } from './lib/freshness.js';
import type { Tone } from './lib/stack.js';
import { useSummary } from './query/queries.js';
import { useRefreshAll } from './query/useRefreshAll.js';
import { ScopeSwitch } from './ScopeSwitch.js';

const tones: Record<DataState<unknown>['state'], Tone> = { live: 'ok', stale: 'warn', unavailable: 'bad', loading: 'idle' };

function pillText(s: DataState<Summary>, compact: boolean): string {
  if (s.state === 'live') return 'Live';
  if (s.state === 'stale') return compact || s.fetchedAt === null ? 'Stale' : `Stale · ${formatClock(s.fetchedAt)}`;
  return s.state === 'unavailable' ? 'No data' : 'Loading';
}

/** The failure, and when the last attempt was made. */
function pillTitle(s: DataState<Summary>): string | undefined {
  if (!s.error) return undefined;
  return `${s.error.message}${s.error.code ? ` (${s.error.code})` : ''}${s.failedAt ? ` — last tried ${formatClock(s.failedAt)}` : ''}`;
}

export function TopBar(props: { compact: boolean; grafanaOverview: string | undefined }) {
  const summary = dataState(useSummary());
  const refresh = useRefreshAll();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        <h1>Claude Code Monitor</h1>
      </div>
      <div className="topbar-right">
        <ScopeSwitch />
        <Pill tone={tones[summary.state]} testId="data-state" title={pillTitle(summary)}>
          {pillText(summary, props.compact)}
        </Pill>
        <button type="button" className="btn btn-icon" onClick={refresh} aria-label="Refresh now" title="Refresh now" data-testid="refresh">
          ↻
        </button>
        {!props.compact && (
          <ExternalButton href={props.grafanaOverview} testId="open-grafana" title="Open the Claude Code dashboard in Grafana">
            Grafana
          </ExternalButton>
        )}
      </div>
    </header>
  );
}
