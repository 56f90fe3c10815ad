/** The settings form: six cards of fields (BackendCard: where it reads and pushes), and the file, Discard and Save at the bottom. */
import { useId } from 'react';
import { telemetryModes, type TelemetryMode } from '../../../electron/core/api/domain.js';
import type { SettingsView } from '../../../electron/core/config/settings-api.js';
import { ErrorCode } from '../components/ErrorCallout.js';
import { Card, Segmented } from '../components/ui.js';
import { Field } from './Field.js';
import { bindField } from './bindField.js';
import { urlFields } from './form.js';
import { BackendCard } from './BackendCard.js';
import { Notices } from './Notices.js';
import { RecordingCard } from './RecordingCard.js';
import { useSettingsForm } from './useSettingsForm.js';

const modeNames: Record<TelemetryMode, string> = { push: 'Push (OTLP)', scrape: 'Scrape (:9464)' };
const modeExplain: Record<TelemetryMode, string> = {
  push: 'Recommended. Each Claude Code session pushes its metrics and events (OTLP) to Prometheus and Loki: concurrent and short sessions all land.',
  scrape: 'Prometheus scrapes Claude Code on :9464. One session per port; short sessions can slip between scrapes.',
};

export function SettingsFormView(props: { view: SettingsView }) {
  const { view } = props;
  const uid = useId();
  const f = useSettingsForm(view);
  const readOnly = !view.writable;
  const id = (k: string): string => `${uid}-${k}`;
  const bind = bindField(f, id, readOnly);

  return (
    <form
      className="settings"
      data-testid="settings"
      onSubmit={(e) => {
        e.preventDefault();
        f.save();
      }}
    >
      <Notices notices={view.notices} />
      {readOnly && (
        <div className="callout" role="status">
          This host shows the settings it runs with; change them in the tray app, or in <span className="mono">{view.file}</span>.
        </div>
      )}

      <Card title="Where things are">
        {urlFields.map((u) => (
          <Field key={u.key} id={id(u.key)} label={u.label} hint={u.hint} error={f.errors[u.key]}>
            <input type="url" inputMode="url" spellCheck={false} autoComplete="off" className="input mono" {...bind.input(u.key)} />
          </Field>
        ))}
      </Card>

      <BackendCard f={f} bind={bind} id={id} readOnly={readOnly} saved={view.settings} />

      <Card title="Telemetry">
        <div className="field">
          <span className="field-label" id={id('mode-label')}>
            How Claude Code's telemetry reaches the stack
          </span>
          <Segmented
            label="Telemetry mode"
            options={telemetryModes}
            value={f.form.telemetryMode}
            onChange={(v) => !readOnly && f.set('telemetryMode', v)}
            render={(v) => modeNames[v]}
            testId="setting-telemetryMode"
          />
          <div className="field-hint small muted">{modeExplain[f.form.telemetryMode]}</div>
        </div>
        <Field id={id('refreshIntervalSeconds')} label="Refresh every (seconds)" hint="While the window is open; hidden, the tray refreshes about once a minute." error={f.errors.refreshIntervalSeconds}>
          <input type="number" min={2} max={3600} step={1} className="input input-short" {...bind.input('refreshIntervalSeconds')} />
        </Field>
      </Card>

      <Card title="Budgets">
        <p className="small muted">A notification at 80% and at 100%, once per day or month. Leave empty for no budget.</p>
        <div className="field-row">
          <Field id={id('dailyBudgetUsd')} label="Daily (USD)" error={f.errors.dailyBudgetUsd}>
            <input type="text" inputMode="decimal" placeholder="none" className="input input-short" {...bind.input('dailyBudgetUsd')} />
          </Field>
          <Field id={id('monthlyBudgetUsd')} label="Monthly (USD)" error={f.errors.monthlyBudgetUsd}>
            <input type="text" inputMode="decimal" placeholder="none" className="input input-short" {...bind.input('monthlyBudgetUsd')} />
          </Field>
        </div>
      </Card>

      <RecordingCard f={f} bind={bind} id={id} readOnly={readOnly} />

      <Card title="App">
        <label className="check">
          <input {...bind.check('stopStackOnQuit')} />
          <span>
            Stop the stack when I quit
            <span className="small muted block">Off: Prometheus, Loki and Grafana keep collecting after the app quits.</span>
          </span>
        </label>
        <label className="check">
          <input {...bind.check('launchAtLogin', !view.launchAtLoginSupported)} />
          <span>
            Launch at login
            <span className="small muted block">{view.launchAtLoginSupported ? 'Starts in the tray, without a window.' : 'Only the tray app can start at login.'}</span>
          </span>
        </label>
      </Card>

      <div className="settings-actions">
        <span className="small muted settings-file" title={view.file}>
          {view.file}
        </span>
        {f.saveError && (
          <span className="bad-text small" role="alert">
            {[f.saveError.message, f.saveError.hint].filter(Boolean).join(' ')} <ErrorCode code={f.saveError.code} />
          </span>
        )}
        {f.saved && (
          <span className="small muted" role="status">
            Saved
          </span>
        )}
        <button type="button" className="btn btn-ghost" disabled={!f.dirty || f.saving} onClick={f.discard}>
          Discard
        </button>
        <button type="submit" className="btn btn-primary" disabled={!f.canSave} data-testid="settings-save">
          {f.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
