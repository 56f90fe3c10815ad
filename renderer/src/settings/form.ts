/**
 * The Settings panel's form logic (pure: no DOM, no React), tested in Node by test/unit/settings-form.test.ts.
 * Fields are edited as strings; `formToPatch` validates them and returns only what changed.
 */
import type { TelemetryMode } from '../../../electron/core/api/domain.js';
import type { PublicSettings, SettingsPatch } from '../../../electron/core/config/settings-api.js';

export interface SettingsForm {
  prometheusUrl: string;
  grafanaUrl: string;
  lokiUrl: string;
  exporterUrl: string;
  refreshIntervalSeconds: string;
  telemetryMode: TelemetryMode;
  dailyBudgetUsd: string;
  monthlyBudgetUsd: string;
  stopStackOnQuit: boolean;
  launchAtLogin: boolean;
}

export type FormErrors = Partial<Record<keyof SettingsForm, string>>;

export const urlFields = [
  { key: 'prometheusUrl', label: 'Prometheus', hint: 'Where the summaries are read (the stack serves it on 9090).' },
  { key: 'grafanaUrl', label: 'Grafana', hint: '"Open Grafana" goes here; the app opens links to this origin only.' },
  { key: 'lokiUrl', label: 'Loki', hint: "Claude Code's events (push mode)." },
  { key: 'exporterUrl', label: "Claude Code's exporter", hint: 'Scrape mode: the :9464 endpoint the probe checks.' },
] as const;

export function formFromSettings(s: PublicSettings): SettingsForm {
  return {
    prometheusUrl: s.prometheusUrl,
    grafanaUrl: s.grafanaUrl,
    lokiUrl: s.lokiUrl,
    exporterUrl: s.exporterUrl,
    refreshIntervalSeconds: String(s.refreshIntervalSeconds),
    telemetryMode: s.telemetryMode,
    dailyBudgetUsd: s.dailyBudgetUsd === null ? '' : String(s.dailyBudgetUsd),
    monthlyBudgetUsd: s.monthlyBudgetUsd === null ? '' : String(s.monthlyBudgetUsd),
    stopStackOnQuit: s.stopStackOnQuit,
    launchAtLogin: s.launchAtLogin,
  };
}

function checkUrl(v: string): string | null {
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    return 'Enter a full URL, like http://127.0.0.1:9090';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Use an http:// or https:// URL';
  return null;
}

/** "" → null (no budget); "$20", "20.5" → numbers; 0 also means none. */
function parseBudget(v: string): { value: number | null } | { error: string } {
  const t = v.trim().replace(/^\$/, '');
  if (t === '') return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) return { error: 'Enter an amount in US dollars, or leave empty for no budget' };
  return { value: n === 0 ? null : Math.round(n * 100) / 100 };
}

/** Validates the form; returns the patch of changed values, or the errors per field. */
export function formToPatch(form: SettingsForm, current: PublicSettings): { patch: SettingsPatch; errors: FormErrors } {
  const errors: FormErrors = {};
  const patch: SettingsPatch = {};
  for (const { key } of urlFields) {
    const error = checkUrl(form[key]);
    if (error) errors[key] = error;
    else if (form[key].trim() !== current[key]) patch[key] = form[key].trim();
  }
  const interval = Number(form.refreshIntervalSeconds.trim());
  if (!Number.isInteger(interval) || interval < 2 || interval > 3600) errors.refreshIntervalSeconds = 'A whole number of seconds from 2 to 3600';
  else if (interval !== current.refreshIntervalSeconds) patch.refreshIntervalSeconds = interval;
  if (form.telemetryMode !== current.telemetryMode) patch.telemetryMode = form.telemetryMode;
  for (const key of ['dailyBudgetUsd', 'monthlyBudgetUsd'] as const) {
    const b = parseBudget(form[key]);
    if ('error' in b) errors[key] = b.error;
    else if (b.value !== current[key]) patch[key] = b.value;
  }
  if (form.stopStackOnQuit !== current.stopStackOnQuit) patch.stopStackOnQuit = form.stopStackOnQuit;
  if (form.launchAtLogin !== current.launchAtLogin) patch.launchAtLogin = form.launchAtLogin;
  return { patch, errors };
}

/** Maps a server-side validation message ("updateSettings: patch.grafanaUrl: ...") to its field. */
export function fieldOfServerError(message: string): keyof SettingsForm | null {
  const m = /patch\.([A-Za-z]+)/.exec(message) ?? /^([A-Za-z]+):/.exec(message);
  const key = m?.[1];
  const known: (keyof SettingsForm)[] = ['prometheusUrl', 'grafanaUrl', 'lokiUrl', 'exporterUrl', 'refreshIntervalSeconds', 'telemetryMode', 'dailyBudgetUsd', 'monthlyBudgetUsd', 'stopStackOnQuit', 'launchAtLogin'];
  return key && (known as string[]).includes(key) ? (key as keyof SettingsForm) : null;
}
