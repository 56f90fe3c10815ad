import { z } from 'zod';
import { settingsSchema, type Settings } from './settings-schema.js';

/**
 * What the settings API carries. Credentials (`prometheusAuth`) never cross to the renderer: they are
 * neither returned by `getSettings` nor accepted by `updateSettings` (edit the file for those).
 */
export const editableSettingKeys = [
  'prometheusUrl',
  'grafanaUrl',
  'lokiUrl',
  'exporterUrl',
  'otlpMetricsUrl',
  'refreshIntervalSeconds',
  'telemetryMode',
  'dailyBudgetUsd',
  'monthlyBudgetUsd',
  'stopStackOnQuit',
  'launchAtLogin',
  'planAlertPercents',
  'projectRecording',
  'backend',
] as const satisfies readonly (keyof Settings)[];

export type EditableSettingKey = (typeof editableSettingKeys)[number];
export type PublicSettings = Pick<Settings, EditableSettingKey>;

const shape = settingsSchema.shape;
/**
 * A partial update. Built from the inner (un-defaulted) field schemas on purpose: zod's `.partial()`
 * keeps `.default()`, so `{}` would come back as a full set of defaults and overwrite the user's values.
 */
export const settingsPatchSchema = z
  .object({
    prometheusUrl: shape.prometheusUrl.unwrap().optional(),
    grafanaUrl: shape.grafanaUrl.unwrap().optional(),
    lokiUrl: shape.lokiUrl.unwrap().optional(),
    exporterUrl: shape.exporterUrl.unwrap().optional(),
    otlpMetricsUrl: shape.otlpMetricsUrl.unwrap().optional(),
    refreshIntervalSeconds: shape.refreshIntervalSeconds.unwrap().optional(),
    telemetryMode: shape.telemetryMode.unwrap().optional(),
    dailyBudgetUsd: shape.dailyBudgetUsd.unwrap().optional(),
    monthlyBudgetUsd: shape.monthlyBudgetUsd.unwrap().optional(),
    stopStackOnQuit: shape.stopStackOnQuit.unwrap().optional(),
    launchAtLogin: shape.launchAtLogin.unwrap().optional(),
    planAlertPercents: shape.planAlertPercents.unwrap().optional(),
    projectRecording: shape.projectRecording.unwrap().optional(),
    backend: shape.backend.unwrap().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** A problem found while loading the settings file, for the user to read (never silent). */
export interface SettingsNotice {
  kind: 'corrupt-file' | 'invalid-values' | 'migrated' | 'unreadable' | 'newer-version';
  message: string;
  /** Where the original file was copied before anything in it was replaced. */
  backupPath?: string;
}

/** `getSettings` / `updateSettings` result. */
export interface SettingsView {
  settings: PublicSettings;
  /** The settings file (shared by the tray app, the CLI and web mode). */
  file: string;
  notices: SettingsNotice[];
  /** Whether this host can change settings (the CLI's web mode may be read-only). */
  writable: boolean;
  /** Whether "launch at login" means anything for this host (false in web mode). */
  launchAtLoginSupported: boolean;
}

export function toPublicSettings(settings: Settings): PublicSettings {
  const out: Partial<PublicSettings> = {};
  for (const key of editableSettingKeys) (out as Record<string, unknown>)[key] = settings[key];
  return out as PublicSettings;
}

/** The store behind `getSettings`/`updateSettings`: electron-store in the tray app, the file in web mode. */
export interface SettingsProvider {
  view(): SettingsView;
  /** Validates, persists and returns the new view; rejects with a readable error on bad values. */
  update(patch: SettingsPatch): Promise<SettingsView>;
}
