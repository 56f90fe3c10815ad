/**
 * The Settings panel's form logic (pure: no DOM, no React), tested in Node by test/unit/settings-form.test.ts.
 * Fields are edited as strings; `formToPatch` validates them and returns only what changed.
 */
import type { TelemetryMode } from '../../../electron/core/api/domain.js';
import type { PublicSettings, SettingsPatch } from '../../../electron/core/config/settings-api.js';
import type { ProjectRecording } from '../../../electron/core/projects/recording.js';
import { backendFieldOf, backendFormFromSettings, backendPatch, type BackendForm } from './backend-form.js';
import { checkUrl } from './check-url.js';

export interface SettingsForm extends BackendForm {
  prometheusUrl: string;
  grafanaUrl: string;
  lokiUrl: string;
  exporterUrl: string;
  /** Empty: the stack Prometheus's OTLP receiver. */
  otlpMetricsUrl: string;
  refreshIntervalSeconds: string;
  telemetryMode: TelemetryMode;
  dailyBudgetUsd: string;
  monthlyBudgetUsd: string;
  stopStackOnQuit: boolean;
  launchAtLogin: boolean;
  /** The first two plan-limit alert thresholds (%); empty: none. More, from the file, are kept as they are. */
  planAlertFirst: string;
  planAlertSecond: string;
  projectRecording: ProjectRecording;
}

export type FormErrors = Partial<Record<keyof SettingsForm, string>>;

/** The URL fields of "Where things are"; where the app reads (`prometheusUrl`) is in the Backend card. */
export const urlFields = [
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
    otlpMetricsUrl: s.otlpMetricsUrl ?? '',
    refreshIntervalSeconds: String(s.refreshIntervalSeconds),
    telemetryMode: s.telemetryMode,
    dailyBudgetUsd: s.dailyBudgetUsd === null ? '' : String(s.dailyBudgetUsd),
    monthlyBudgetUsd: s.monthlyBudgetUsd === null ? '' : String(s.monthlyBudgetUsd),
    stopStackOnQuit: s.stopStackOnQuit,
    launchAtLogin: s.launchAtLogin,
    planAlertFirst: s.planAlertPercents[0] === undefined ? '' : String(s.planAlertPercents[0]),
    planAlertSecond: s.planAlertPercents[1] === undefined ? '' : String(s.planAlertPercents[1]),
    projectRecording: s.projectRecording,
    ...backendFormFromSettings(s),
  };
}

/** "" → null (no budget); "$20", "20.5" → numbers; 0 also means none. */
function parseBudget(v: string): { value: number | null } | { error: string } {
  const t = v.trim().replace(/^\$/, '');
  if (t === '') return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) return { error: 'Enter an amount in US dollars, or leave empty for no budget' };
  return { value: n === 0 ? null : Math.round(n * 100) / 100 };
}

/** "" → none; a whole percent from 1 to 100. */
function parsePercent(v: string): { value: number | null } | { error: string } {
  const t = v.trim().replace(/%$/, '');
  if (t === '') return { value: null };
  const n = Number(t);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? { value: n } : { error: 'A whole percent from 1 to 100, or empty' };
}

const ascending = (a: readonly number[]): number[] => [...a].sort((x, y) => x - y);
const sameSet = (a: readonly number[], b: readonly number[]): boolean => {
  const [x, y] = [ascending(a), ascending(b)];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The thresholds as the form has them (the first two) plus the file's others, ascending, each once. */
function planAlerts(form: SettingsForm, current: PublicSettings, errors: FormErrors): number[] | null {
  const first = parsePercent(form.planAlertFirst);
  const second = parsePercent(form.planAlertSecond);
  if ('error' in first) errors.planAlertFirst = first.error;
  if ('error' in second) errors.planAlertSecond = second.error;
  if ('error' in first || 'error' in second) return null;
  const values = [first.value, second.value, ...current.planAlertPercents.slice(2)].filter((v): v is number => v !== null);
  return ascending([...new Set(values)]);
}

/** Validates the form; returns the patch of changed values, or the errors per field. */
export function formToPatch(form: SettingsForm, current: PublicSettings): { patch: SettingsPatch; errors: FormErrors } {
  const errors: FormErrors = {};
  const patch: SettingsPatch = {};
  for (const key of ['prometheusUrl', ...urlFields.map((u) => u.key)] as const) {
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
  const otlp = form.otlpMetricsUrl.trim();
  const otlpError = otlp === '' ? null : checkUrl(otlp);
  if (otlpError) errors.otlpMetricsUrl = otlpError;
  else if ((otlp || null) !== current.otlpMetricsUrl) patch.otlpMetricsUrl = otlp || null;
  const alerts = planAlerts(form, current, errors);
  if (alerts && !sameSet(alerts, current.planAlertPercents)) patch.planAlertPercents = alerts;
  if (form.projectRecording !== current.projectRecording) patch.projectRecording = form.projectRecording;
  if (form.stopStackOnQuit !== current.stopStackOnQuit) patch.stopStackOnQuit = form.stopStackOnQuit;
  if (form.launchAtLogin !== current.launchAtLogin) patch.launchAtLogin = form.launchAtLogin;
  const backend = backendPatch(form, current, errors);
  if (backend) patch.backend = backend;
  return { patch, errors };
}

/** Maps a server-side validation message ("updateSettings: patch.grafanaUrl: ...", "patch.backend.lokiUrl: ...") to its field. */
export function fieldOfServerError(message: string): keyof SettingsForm | null {
  const inBackend = /patch\.backend\.([A-Za-z]+)/.exec(message);
  if (inBackend) return backendFieldOf(inBackend[1]);
  const m = /patch\.([A-Za-z]+)/.exec(message) ?? /^([A-Za-z]+):/.exec(message);
  const key = m?.[1] === 'planAlertPercents' ? 'planAlertFirst' : m?.[1];
  const known: (keyof SettingsForm)[] = [
    ...(['prometheusUrl', 'grafanaUrl', 'lokiUrl', 'exporterUrl', 'otlpMetricsUrl', 'refreshIntervalSeconds', 'telemetryMode', 'dailyBudgetUsd', 'monthlyBudgetUsd'] as const),
    ...(['stopStackOnQuit', 'launchAtLogin', 'planAlertFirst', 'projectRecording'] as const),
  ];
  return key && (known as string[]).includes(key) ? (key as keyof SettingsForm) : null;
}
