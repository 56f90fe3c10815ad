/**
 * The Settings tab: URLs, refresh interval, push/scrape, budgets, plan alerts, project recording, stop stack on quit, launch at login.
 * Talks only to the bridge (getSettings/updateSettings and the 'settings:changed' event, through the
 * query cache), so it works in Electron and in web mode (read-only there when the host says so).
 */
import { ErrorCallout } from '../components/ErrorCallout.js';
import { Card } from '../components/ui.js';
import { useSettings } from '../query/queries.js';
import { describeError } from '../api/errors.js';
import { SettingsFormView } from './SettingsFormView.js';
import './settings.css';

export function SettingsPanel() {
  const query = useSettings();
  if (query.data) return <SettingsFormView view={query.data} />;
  if (query.isError) {
    return (
      <Card title="Settings" testId="settings">
        <ErrorCallout error={describeError(query.error)} lead="Could not load the settings:" />
        <button type="button" className="btn" onClick={() => void query.refetch()}>
          Try again
        </button>
      </Card>
    );
  }
  return <div className="card skeleton-card" aria-busy="true" aria-label="Loading settings" />;
}
