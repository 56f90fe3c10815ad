/**
 * What `ccmon env --apply` connected a Claude Code settings file to, kept in the app's config folder
 * (claude-installs.json, one entry per settings file, under an id our commands carry): where reads and
 * pushes go, and the user's own status line command that ours wraps. Claude Code does not hand its
 * settings' `env` to the status line and hook commands, so this is how they push exactly where Claude
 * Code pushes: both were written by the same apply, from the same settings — with the same resource
 * attributes (host.name…) and the same headers that are not secrets. No secrets are kept here.
 */
import { sha256Hex } from '../fs/sha256.js';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export const installsFileName = 'claude-installs.json';

export interface InstallRecord {
  settingsFile: string;
  prometheusUrl: string;
  otlpMetricsUrl: string;
  /** The user's own status line command, run first; ours adds a segment to its line. */
  wrappedCommand?: string;
  /** What Claude Code's pushes carry as OTEL_RESOURCE_ATTRIBUTES (a shared backend: host.name, team…). */
  resourceAttributes?: Record<string, string>;
  /** The headers that are not secrets (OTEL_EXPORTER_OTLP_HEADERS: X-Scope-OrgID…). */
  headers?: Record<string, string>;
}

/** The id our commands carry for a settings file. */
export const installId = (settingsFile: string): string => sha256Hex(settingsFile).slice(0, 12);

const isStringMap = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
const isRecord = (v: unknown): v is InstallRecord => {
  const r = v as Partial<InstallRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.settingsFile === 'string' &&
    typeof r.prometheusUrl === 'string' &&
    typeof r.otlpMetricsUrl === 'string' &&
    (r.wrappedCommand === undefined || typeof r.wrappedCommand === 'string') &&
    (r.resourceAttributes === undefined || isStringMap(r.resourceAttributes)) &&
    (r.headers === undefined || isStringMap(r.headers))
  );
};

function parse(text: string): Record<string, InstallRecord> {
  const all = JSON.parse(text) as unknown;
  if (typeof all !== 'object' || all === null) return {};
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, InstallRecord] => isRecord(e[1])));
}

/** The hot path's read (synchronous, tiny file); null when missing or unreadable. */
export function readInstallSync(configDir: string, id: string): InstallRecord | null {
  try {
    return parse(readFileSync(path.join(configDir, installsFileName), 'utf8'))[id] ?? null;
  } catch {
    return null;
  }
}

async function readAll(configDir: string): Promise<Record<string, InstallRecord>> {
  try {
    return parse(await fs.readFile(path.join(configDir, installsFileName), 'utf8'));
  } catch {
    return {};
  }
}

export async function readInstall(configDir: string, id: string): Promise<InstallRecord | null> {
  return (await readAll(configDir))[id] ?? null;
}

// The writer (write-file-atomic) is loaded by the writing functions only: the hot path just reads.
const writeFileAtomic = async (file: string, text: string): Promise<void> => (await import('../fs/atomic-write.js')).writeFileAtomic(file, text);

export async function saveInstall(configDir: string, record: InstallRecord): Promise<void> {
  const all = await readAll(configDir);
  all[installId(record.settingsFile)] = record;
  await writeFileAtomic(path.join(configDir, installsFileName), `${JSON.stringify(all, null, 2)}\n`);
}

export async function dropInstall(configDir: string, settingsFile: string): Promise<void> {
  const all = await readAll(configDir);
  const id = installId(settingsFile);
  if (!(id in all)) return;
  delete all[id];
  await writeFileAtomic(path.join(configDir, installsFileName), `${JSON.stringify(all, null, 2)}\n`);
}
