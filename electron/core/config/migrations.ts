/**
 * Settings migrations, tied to the app version (pure: no fs, no electron).
 *
 * The settings file records the app version that last wrote it in `__internal__.migrations.version`
 * (the key electron-store/conf use for the same purpose, so the file stays a normal electron-store file).
 * On load, every migration whose version is newer than the file's and not newer than the running app's
 * is applied in version order. A file without a version stamp was written by hand or by a build that
 * predates stamping: every migration applies to it. A file stamped by a NEWER app is left alone.
 */

export type RawSettings = Record<string, unknown>;

export interface Migration {
  /** The app version that introduced this change (semver, x.y.z). */
  version: string;
  description: string;
  up(raw: RawSettings): RawSettings;
}

export const VERSION_KEY_PATH = ['__internal__', 'migrations', 'version'] as const;

/**
 * The app's migrations. 0.1.0 is the baseline: it turns the shapes people write by hand (following
 * the README) into what the schema accepts, instead of throwing their file away:
 * - a budget of 0, "" or "none" means "no budget" (the schema wants a positive number or null);
 * - numbers written as strings ("15", "$20") become numbers;
 * - `refreshIntervalSeconds` outside 2..3600 is clamped into range;
 * - URLs lose trailing slashes and surrounding whitespace.
 */
export const settingsMigrations: Migration[] = [
  {
    version: '0.1.0',
    description: 'Normalise hand-written values: budgets of 0 mean none, numeric strings, clamped refresh interval, tidy URLs',
    up(raw) {
      const out: RawSettings = { ...raw };
      for (const key of ['dailyBudgetUsd', 'monthlyBudgetUsd']) {
        if (!(key in out)) continue;
        const n = toNumber(out[key]);
        if (out[key] === null || out[key] === '' || out[key] === 'none' || n === 0) out[key] = null;
        else if (n !== null) out[key] = n;
      }
      if ('refreshIntervalSeconds' in out) {
        const n = toNumber(out.refreshIntervalSeconds);
        if (n !== null) out.refreshIntervalSeconds = Math.min(3600, Math.max(2, Math.round(n)));
      }
      for (const key of ['prometheusUrl', 'grafanaUrl', 'lokiUrl']) {
        if (typeof out[key] === 'string') out[key] = (out[key]).trim().replace(/\/+$/, '');
      }
      if (typeof out.exporterUrl === 'string') out.exporterUrl = out.exporterUrl.trim();
      return out;
    },
  },
];

export interface MigrationOutcome {
  data: RawSettings;
  /** Versions of the migrations applied, in order. */
  applied: string[];
  /** The version stamp to write back. */
  version: string;
  /** The file was written by a newer app: nothing was migrated, unknown keys are kept. */
  fromNewerVersion: boolean;
}

/** Applies the migrations between the file's stamp and the app's version, and stamps the result. */
export function migrateSettings(raw: RawSettings, appVersion: string, migrations: readonly Migration[] = settingsMigrations): MigrationOutcome {
  const fileVersion = readVersionStamp(raw);
  if (fileVersion !== null && compareVersions(fileVersion, appVersion) > 0) {
    return { data: raw, applied: [], version: fileVersion, fromNewerVersion: true };
  }
  const pending = [...migrations]
    .filter((m) => (fileVersion === null || compareVersions(m.version, fileVersion) > 0) && compareVersions(m.version, appVersion) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  let data = raw;
  for (const m of pending) data = m.up(data);
  return { data: withVersionStamp(data, appVersion), applied: pending.map((m) => m.version), version: appVersion, fromNewerVersion: false };
}

export function readVersionStamp(raw: RawSettings): string | null {
  const internal = raw.__internal__;
  if (!isRecord(internal) || !isRecord(internal.migrations)) return null;
  const v = internal.migrations.version;
  return typeof v === 'string' && parseVersion(v) ? v : null;
}

export function withVersionStamp(raw: RawSettings, version: string): RawSettings {
  const internal = isRecord(raw.__internal__) ? raw.__internal__ : {};
  const migrations = isRecord(internal.migrations) ? internal.migrations : {};
  return { ...raw, __internal__: { ...internal, migrations: { ...migrations, version } } };
}

/** Semver order on x.y.z (pre-release tags sort before the release, compared as strings). */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) throw new Error(`not a version: ${pa ? b : a}`);
  for (let i = 0; i < 3; i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === null) return 1;
  if (pb.pre === null) return -1;
  return pa.pre < pb.pre ? -1 : 1;
}

function parseVersion(v: string): { nums: number[]; pre: string | null } | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
  if (!m) return null;
  return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? null };
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const n = Number(v.trim().replace(/^\$/, ''));
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * For readers that never write the file (the CLI): applies, in memory, every migration newer than the
 * file's stamp, so a file the tray app hasn't migrated yet reads the same as after migration.
 */
export function migrateForReading(raw: RawSettings, migrations: readonly Migration[] = settingsMigrations): RawSettings {
  const fileVersion = readVersionStamp(raw);
  return [...migrations]
    .filter((m) => fileVersion === null || compareVersions(m.version, fileVersion) > 0)
    .sort((a, b) => compareVersions(a.version, b.version))
    .reduce((data, m) => m.up(data), raw);
}
