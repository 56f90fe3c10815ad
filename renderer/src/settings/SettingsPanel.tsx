/**
 * Settings: URLs, refresh interval, push/scrape, budgets, stop stack on quit, launch at login.
 * Mounted by App.tsx when present. Talks only to the bridge (getSettings/updateSettings and the
 * 'settings:changed' event), so it works in Electron and in web mode (read-only there when the host says so).
 */
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { RendererBridge } from '../../../electron/core/api/contract.js';
import { telemetryModes } from '../../../electron/core/api/domain.js';
import type { SettingsNotice, SettingsView } from '../../../electron/core/config/settings-api.js';
import { describeError } from '../api/errors.js';
import { Card, Segmented } from '../components/ui.js';
import { fieldOfServerError, formFromSettings, formToPatch, urlFields, type FormErrors, type SettingsForm } from './form.js';
import './settings.css';

const modeExplain = {
  push: 'Recommended. Each Claude Code session pushes its metrics and events (OTLP) to Prometheus and Loki: concurrent and short sessions all land.',
  scrape: 'Prometheus scrapes Claude Code on :9464. One session per port; short sessions can slip between scrapes.',
} as const;

function Field(props: { id: string; label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <div className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      ) : (
        props.hint && <div className="field-hint small muted">{props.hint}</div>
      )}
    </div>
  );
}

function Notices(props: { notices: SettingsNotice[] }) {
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

export function SettingsPanel(props: { bridge: RendererBridge }) {
  const { bridge } = props;
  const uid = useId();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<{ message: string; hint?: string } | null>(null);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await bridge.getSettings({});
      setView(v);
      setForm(formFromSettings(v.settings));
      setLoadError(null);
    } catch (err) {
      setLoadError(describeError(err));
    }
  }, [bridge]);

  useEffect(() => {
    void load();
  }, [load]);

  const checked = useMemo(() => (form && view ? formToPatch(form, view.settings) : null), [form, view]);
  const dirty = !!checked && Object.keys(checked.patch).length > 0;

  // Changes made elsewhere (the tray, another window, the file) show up unless the user is mid-edit.
  useEffect(
    () =>
      bridge.on('settings:changed', (v) => {
        setView(v);
        setForm((f) => (f && view && Object.keys(formToPatch(f, view.settings).patch).length > 0 ? f : formFromSettings(v.settings)));
      }),
    [bridge, view],
  );

  if (loadError) {
    return (
      <Card title="Settings" testId="settings">
        <div className="callout callout-bad" role="alert">
          Could not load the settings: {loadError.message} {loadError.hint}
        </div>
        <button type="button" className="btn" onClick={() => void load()}>
          Try again
        </button>
      </Card>
    );
  }
  if (!view || !form || !checked) return <div className="card skeleton-card" aria-busy="true" aria-label="Loading settings" />;

  const readOnly = !view.writable;
  const errors: FormErrors = { ...checked.errors, ...serverErrors };
  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void => {
    setForm({ ...form, [key]: value });
    setServerErrors((e) => {
      // Drop the key (not set it to undefined: that would hide the local check's error when merged).
      const { [key]: _dropped, ...rest } = e;
      return rest;
    });
    setSaveError(null);
    setSavedAt(null);
  };
  const save = async (): Promise<void> => {
    if (!dirty || Object.keys(checked.errors).length > 0) return;
    setSaving(true);
    try {
      const v = await bridge.updateSettings({ patch: checked.patch });
      setView(v);
      setForm(formFromSettings(v.settings));
      setServerErrors({});
      setSavedAt(Date.now());
    } catch (err) {
      const e = describeError(err);
      const field = fieldOfServerError(e.message);
      if (field) setServerErrors({ [field]: e.message.replace(/^.*?patch\.[A-Za-z]+: /, '') });
      else setSaveError([e.message, e.hint].filter(Boolean).join(' '));
    } finally {
      setSaving(false);
    }
  };
  const id = (k: string): string => `${uid}-${k}`;
  const input = (key: keyof SettingsForm, extra: Record<string, unknown> = {}) => ({
    id: id(key),
    value: String(form[key]),
    disabled: readOnly || saving,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id(key)}-error` : undefined,
    'data-testid': `setting-${key}`,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    ...extra,
  });

  return (
    <form
      className="settings"
      data-testid="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Notices notices={view.notices} />
      {readOnly && (
        <div className="callout" role="status">
          This host shows the settings it runs with; change them in the tray app, or in <span className="mono">{view.file}</span>.
        </div>
      )}

      <Card title="Where things are">
        {urlFields.map((f) => (
          <Field key={f.key} id={id(f.key)} label={f.label} hint={f.hint} error={errors[f.key]}>
            <input type="url" inputMode="url" spellCheck={false} autoComplete="off" className="input mono" {...input(f.key)} />
          </Field>
        ))}
      </Card>

      <Card title="Telemetry">
        <div className="field">
          <span className="field-label" id={id('mode-label')}>
            How Claude Code's telemetry reaches the stack
          </span>
          <Segmented
            label="Telemetry mode"
            options={telemetryModes}
            value={form.telemetryMode}
            onChange={(v) => !readOnly && set('telemetryMode', v)}
            render={(v) => (v === 'push' ? 'Push (OTLP)' : 'Scrape (:9464)')}
            testId="setting-telemetryMode"
          />
          <div className="field-hint small muted">{modeExplain[form.telemetryMode]}</div>
        </div>
        <Field id={id('refreshIntervalSeconds')} label="Refresh every (seconds)" hint="While the window is open; hidden, the tray refreshes about once a minute." error={errors.refreshIntervalSeconds}>
          <input type="number" min={2} max={3600} step={1} className="input input-short" {...input('refreshIntervalSeconds')} />
        </Field>
      </Card>

      <Card title="Budgets">
        <p className="small muted">A notification at 80% and at 100%, once per day or month. Leave empty for no budget.</p>
        <div className="field-row">
          <Field id={id('dailyBudgetUsd')} label="Daily (USD)" error={errors.dailyBudgetUsd}>
            <input type="text" inputMode="decimal" placeholder="none" className="input input-short" {...input('dailyBudgetUsd')} />
          </Field>
          <Field id={id('monthlyBudgetUsd')} label="Monthly (USD)" error={errors.monthlyBudgetUsd}>
            <input type="text" inputMode="decimal" placeholder="none" className="input input-short" {...input('monthlyBudgetUsd')} />
          </Field>
        </div>
      </Card>

      <Card title="App">
        <label className="check">
          <input type="checkbox" checked={form.stopStackOnQuit} disabled={readOnly || saving} onChange={(e) => set('stopStackOnQuit', e.target.checked)} data-testid="setting-stopStackOnQuit" />
          <span>
            Stop the stack when I quit
            <span className="small muted block">Off: Prometheus, Loki and Grafana keep collecting after the app quits.</span>
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.launchAtLogin}
            disabled={readOnly || saving || !view.launchAtLoginSupported}
            onChange={(e) => set('launchAtLogin', e.target.checked)}
            data-testid="setting-launchAtLogin"
          />
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
        {saveError && (
          <span className="bad-text small" role="alert">
            {saveError}
          </span>
        )}
        {savedAt && !dirty && (
          <span className="small muted" role="status">
            Saved
          </span>
        )}
        <button type="button" className="btn btn-ghost" disabled={!dirty || saving} onClick={() => setForm(formFromSettings(view.settings))}>
          Discard
        </button>
        <button type="submit" className="btn btn-primary" disabled={readOnly || !dirty || saving || Object.keys(checked.errors).length > 0} data-testid="settings-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

export default SettingsPanel;
