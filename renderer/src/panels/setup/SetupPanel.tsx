/** The Setup tab: the telemetry snippet per mode and shell, and Apply to Claude Code's settings.json. */
import { useState } from 'react';
import type { TelemetryMode } from '../../../../electron/core/api/domain.js';
import { useAppInfo, useLostSessions } from '../../query/queries.js';
import { useEnvActions } from '../../query/useEnvActions.js';
import { ApplyCard } from './ApplyCard.js';
import { SnippetCard } from './SnippetCard.js';

export function SetupPanel() {
  const info = useAppInfo().data;
  const lost = useLostSessions();
  const env = useEnvActions();
  // The app's mode until the user picks one here.
  const [chosen, setChosen] = useState<TelemetryMode | null>(null);
  const mode = chosen ?? info?.telemetryMode ?? 'push';
  const onMode = (m: TelemetryMode): void => {
    setChosen(m);
    // A preview describes one mode's change.
    env.clearPreview();
  };
  return (
    <div className="grid" data-testid="setup-view">
      <SnippetCard mode={mode} onMode={onMode} lost={lost.status === 'success' ? lost.data : null} />
      <ApplyCard mode={mode} settingsFile={info?.claudeSettingsFile} env={env} />
    </div>
  );
}
