/** What the settings store noticed on load: a migrated file, a newer version's file, a corrupt one (with its backup). */
import type { SettingsNotice } from '../../../electron/core/config/settings-api.js';

export function Notices(props: { notices: SettingsNotice[] }) {
  if (props.notices.length === 0) return null;
  return (
    <>
      {props.notices.map((n, i) => (
        <div key={i} className={`callout ${n.kind === 'migrated' || n.kind === 'newer-version' ? '' : 'callout-bad'}`} role="status" data-testid={`settings-notice-${n.kind}`}>
          {n.message}
        </div>
      ))}
    </>
  );
}
