/**
 * The record of what an apply changed in a settings.json, kept in the app's config folder (one entry
 * per settings file), so a revert can undo exactly that. Values are kept as JSON text.
 */
import fs from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** An `env` key: what we wrote, and what was there before (null: absent). */
export interface RecordedKey {
  value: string;
  /** The earlier value as shown to a person (the string, else its JSON text). */
  previous: string | null;
  /** The earlier value's exact JSON text; absent in records from before it was kept. */
  previousText?: string | null;
}

/** A top-level value we own while applied (statusLine, otelHeadersHelper). */
export interface RecordedValue {
  /** The JSON of the value we wrote. */
  written: string;
  /** The user's value before, exactly as it was written; null: there was none. */
  previousText: string | null;
}

export interface RecordedHook {
  /** The JSON of the element we appended to `hooks.<Event>`. */
  element: string;
  /** Whether `hooks.<Event>` was made by us (and goes when it is empty again). */
  arrayCreated: boolean;
}

export interface ApplyRecord {
  keys: Record<string, RecordedKey>;
  envCreated: boolean;
  fileCreated: boolean;
  appliedAt: string;
  statusLine?: RecordedValue;
  otelHeadersHelper?: RecordedValue;
  hooks?: { created: boolean; events: Record<string, RecordedHook> };
  /** sha256 (hex) of the bytes our last apply wrote. */
  writtenSha256?: string;
  /**
   * The file before our first apply (sha256 null: there was none) and the backup holding its bytes;
   * null when unknown (the user changed the file between two applies).
   */
  original?: { sha256: string | null; backupFile: string | null } | null;
}

const recordedValue = z.object({ written: z.string(), previousText: z.string().nullable() });
const recordSchema = z.object({
  keys: z.record(z.string(), z.object({ value: z.string(), previous: z.string().nullable(), previousText: z.string().nullable().optional() })),
  envCreated: z.boolean(),
  fileCreated: z.boolean(),
  appliedAt: z.string(),
  statusLine: recordedValue.optional(),
  otelHeadersHelper: recordedValue.optional(),
  hooks: z.object({ created: z.boolean(), events: z.record(z.string(), z.object({ element: z.string(), arrayCreated: z.boolean() })) }).optional(),
  writtenSha256: z.string().optional(),
  original: z.object({ sha256: z.string().nullable(), backupFile: z.string().nullable() }).nullable().optional(),
});

/** The records in a record file's text; an entry that is not a record is dropped (as if lost). */
export function parseRecords(text: string | null): Record<string, ApplyRecord> {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const records: Record<string, ApplyRecord> = {};
  for (const [file, value] of Object.entries(json)) {
    const parsed = recordSchema.safeParse(value);
    if (parsed.success) records[file] = parsed.data;
  }
  return records;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

export async function readRecord(recordFile: string, settingsFile: string): Promise<ApplyRecord | null> {
  return parseRecords(await readOptional(recordFile))[settingsFile] ?? null;
}

/** Stores (or, with null, forgets) the record of `settingsFile`, keeping the others. */
export async function saveRecord(recordFile: string, settingsFile: string, record: ApplyRecord | null): Promise<void> {
  const records = parseRecords(await readOptional(recordFile));
  if (record) records[settingsFile] = record;
  else delete records[settingsFile];
  await writeFileAtomic(recordFile, `${JSON.stringify(records, null, 2)}\n`);
}
