/**
 * What an apply or a revert changes in Claude Code's settings.json, as edits of its text at the
 * locations we manage, and the record that lets a later revert undo them. Pure.
 *
 * - `env.<KEY>`: set to the wanted string. Keys a previous apply set and this one no longer wants
 *   (a switch from push to scrape) go back to what they were, unless the user changed them since.
 * - `statusLine`, `otelHeadersHelper`: replaced by ours; the user's own is recorded as text and put back
 *   by revert.
 * - `hooks.<Event>`: one element of ours appended (never a second copy); the user's are not touched.
 *   Revert removes exactly our element, and the list and `hooks` too when we made them and they are
 *   empty again.
 * A value of ours the user changed since is left alone and named in `keptUserValues`.
 */
import { managedKeys } from './snippet.js';
import type { ClaudeEnvPlan, EnvChange, EnvVars, SettingsSection } from './types.js';
import type { ApplyRecord, RecordedHook, RecordedKey, RecordedValue } from './settings-record.js';
import type { JsonObject, JsonValue } from './json-text.js';
import {
  appendHook,
  dropEnvIfEmpty,
  dropHookArrayIfEmpty,
  dropHooksIfEmpty,
  envKeys,
  envObject,
  envValue,
  findHook,
  hookArray,
  hooksObject,
  hookText,
  openSettings,
  removeHook,
  restoreEnv,
  restoreTopLevel,
  sameJson,
  setEnv,
  setTopLevel,
  topLevelText,
  type SettingsDoc,
} from './settings-edits.js';

/**
 * What we want in settings.json. `env`: variables under "env". `statusLine`: the whole top-level
 * "statusLine" value (absent: not ours; one we set earlier is put back). `hooks`: per event name
 * (e.g. "SessionStart"), the one matcher-group element we append to `hooks.<Event>`, such as
 * `{"hooks":[{"type":"command","command":"ccmon hook","timeout":5}]}`.
 */
export interface ClaudeSettingsDesired {
  env: EnvVars;
  statusLine?: JsonObject;
  /** The command Claude Code runs for its OTLP headers (a shared backend's credentials). */
  otelHeadersHelper?: string;
  hooks?: Record<string, JsonObject>;
}

/** The top-level values we own whole while applied (the user's own is put back by revert). */
export const ownedKeys = ['statusLine', 'otelHeadersHelper'] as const;
type OwnedKey = (typeof ownedKeys)[number];

export type PlanBody = Omit<ClaudeEnvPlan, 'backupFile' | 'applied'>;

export interface PlannedApply {
  plan: PlanBody;
  /** Without the hashes and the original, which only the I/O knows. */
  record: ApplyRecord;
}

/** The document being edited and what the edits did, as a person reads them. */
class Edits {
  doc: SettingsDoc;
  readonly changes: EnvChange[] = [];
  readonly unchanged: string[] = [];
  readonly keptUserValues: string[] = [];
  constructor(doc: SettingsDoc) {
    this.doc = doc;
  }
  change(section: SettingsSection, key: string, before: string | null, after: string | null): void {
    this.changes.push({ section, key, before, after });
  }
  plan(text: string | null, file: string): PlanBody {
    const after = this.changes.length ? this.doc.text : (text ?? '');
    return { file, exists: text !== null, changes: this.changes, unchanged: this.unchanged, keptUserValues: this.keptUserValues, before: text ?? '', after };
  }
}

const hookKey = (event: string): string => `hooks.${event}`;
const has = (object: object | undefined, key: string): boolean => object !== undefined && Object.hasOwn(object, key);
/** `object[key]` when it is the object's own (a variable or event named "constructor" finds nothing). */
const own = <T>(object: Record<string, T> | undefined, key: string): T | undefined => (object && Object.hasOwn(object, key) ? object[key] : undefined);
const previousTextOf = (rec: RecordedKey): string | null => (rec.previousText !== undefined ? rec.previousText : rec.previous === null ? null : JSON.stringify(rec.previous));

/** Refuses, before any edit, a managed location that is ambiguous or of the wrong type. */
function checkLocations(doc: SettingsDoc, keys: Iterable<string>, owned: Iterable<OwnedKey>, events: Iterable<string>): void {
  for (const key of keys) envValue(doc, key);
  for (const key of owned) topLevelText(doc, key);
  for (const event of events) hookArray(doc, event);
}

/** An env key we set goes back to what it was, unless the user changed it since. */
function restoreEnvKey(edits: Edits, key: string, rec: RecordedKey): void {
  const current = envValue(edits.doc, key);
  if (current?.str !== rec.value) {
    if ((current?.display ?? null) !== rec.previous) edits.keptUserValues.push(key);
    return;
  }
  const previousText = previousTextOf(rec);
  if (previousText === current.text) return;
  edits.doc = restoreEnv(edits.doc, key, previousText);
  edits.change('env', key, current.display, rec.previous);
}

function restoreOwned(edits: Edits, key: OwnedKey, rec: RecordedValue): void {
  const current = topLevelText(edits.doc, key);
  if (current === null || !sameJson(current, JSON.parse(rec.written) as JsonValue)) {
    if (current !== rec.previousText) edits.keptUserValues.push(key);
    return;
  }
  if (current === rec.previousText) return;
  edits.doc = restoreTopLevel(edits.doc, key, rec.previousText);
  edits.change(key, key, current, rec.previousText);
}

/** Removes our element from `hooks.<event>` (a user's copy of it, or our changed one, stays). */
function removeOurHook(edits: Edits, event: string, rec: RecordedHook, dropEmptyArray: boolean): void {
  const index = findHook(edits.doc, event, JSON.parse(rec.element) as JsonValue);
  if (index < 0) return;
  const text = hookText(edits.doc, event, index);
  edits.doc = removeHook(edits.doc, event, index);
  if (dropEmptyArray && rec.arrayCreated) edits.doc = dropHookArrayIfEmpty(edits.doc, event);
  edits.change('hooks', hookKey(event), text, null);
}

function applyEnv(edits: Edits, vars: EnvVars, previous: ApplyRecord | null): Record<string, RecordedKey> {
  const keys: Record<string, RecordedKey> = {};
  for (const [key, value] of Object.entries(vars)) {
    const current = envValue(edits.doc, key);
    const prior = own(previous?.keys, key);
    keys[key] = prior
      ? { value, previous: prior.previous, previousText: previousTextOf(prior) }
      : { value, previous: current?.display ?? null, previousText: current?.text ?? null };
    if (current?.str === value) edits.unchanged.push(key);
    else {
      edits.doc = setEnv(edits.doc, key, value);
      edits.change('env', key, current?.display ?? null, value);
    }
  }
  for (const [key, rec] of Object.entries(previous?.keys ?? {})) if (!has(vars, key)) restoreEnvKey(edits, key, rec);
  return keys;
}

function applyOwned(edits: Edits, key: OwnedKey, wanted: JsonValue | undefined, prior: RecordedValue | undefined): RecordedValue | undefined {
  if (wanted === undefined) {
    if (prior) restoreOwned(edits, key, prior);
    return undefined;
  }
  const current = topLevelText(edits.doc, key);
  const record = { written: JSON.stringify(wanted), previousText: prior ? prior.previousText : current };
  if (current !== null && sameJson(current, wanted)) edits.unchanged.push(key);
  else {
    edits.doc = setTopLevel(edits.doc, key, wanted);
    edits.change(key, key, current, topLevelText(edits.doc, key));
  }
  return record;
}

const ownedIn = (d: ClaudeSettingsDesired | ApplyRecord | null | undefined): OwnedKey[] => ownedKeys.filter((k) => d?.[k] !== undefined);

function applyHooks(edits: Edits, wanted: Record<string, JsonObject>, prior: ApplyRecord['hooks']): ApplyRecord['hooks'] {
  if (!prior && Object.keys(wanted).length === 0) return undefined;
  const hooksExisted = hooksObject(edits.doc) !== undefined;
  const events: Record<string, RecordedHook> = {};
  for (const [event, element] of Object.entries(wanted)) {
    const priorEvent = own(prior?.events, event);
    if (priorEvent && !sameJson(priorEvent.element, element)) removeOurHook(edits, event, priorEvent, false);
    const arrayExisted = hookArray(edits.doc, event) !== undefined;
    if (findHook(edits.doc, event, element) >= 0) {
      edits.unchanged.push(hookKey(event));
      // Already there without a record of ours: the user's (or a lost apply's), so revert leaves it.
      if (priorEvent) events[event] = { element: JSON.stringify(element), arrayCreated: priorEvent.arrayCreated };
      continue;
    }
    const appended = appendHook(edits.doc, event, element);
    edits.doc = appended.doc;
    edits.change('hooks', hookKey(event), null, hookText(edits.doc, event, appended.index));
    events[event] = { element: JSON.stringify(element), arrayCreated: priorEvent ? priorEvent.arrayCreated : !arrayExisted };
  }
  for (const [event, rec] of Object.entries(prior?.events ?? {})) if (!has(wanted, event)) removeOurHook(edits, event, rec, true);
  const created = prior ? prior.created : !hooksExisted;
  if (Object.keys(events).length) return { created, events };
  if (created) edits.doc = dropHooksIfEmpty(edits.doc);
  return undefined;
}

/** The change `apply` makes, and the record of it. */
export function planSettingsApply(text: string | null, file: string, desired: ClaudeSettingsDesired, previous: ApplyRecord | null, now: Date): PlannedApply {
  const doc = openSettings(text, file);
  const hooks = desired.hooks ?? {};
  const envKeysManaged = [...Object.keys(desired.env), ...Object.keys(previous?.keys ?? {})];
  checkLocations(doc, envKeysManaged, new Set([...ownedIn(desired), ...ownedIn(previous)]), [...Object.keys(hooks), ...Object.keys(previous?.hooks?.events ?? {})]);
  const envMissing = envKeysManaged.length > 0 && envObject(doc) === undefined;
  const edits = new Edits(doc);
  const keys = applyEnv(edits, desired.env, previous);
  const owned = Object.fromEntries(ownedKeys.map((k) => [k, applyOwned(edits, k, desired[k], previous?.[k])]).filter(([, r]) => r !== undefined)) as Partial<Record<OwnedKey, RecordedValue>>;
  const hookRecord = applyHooks(edits, hooks, previous?.hooks);
  const record: ApplyRecord = {
    keys,
    envCreated: previous ? previous.envCreated : envMissing,
    fileCreated: previous ? previous.fileCreated : text === null,
    appliedAt: now.toISOString(),
    ...owned,
    ...(hookRecord ? { hooks: hookRecord } : {}),
  };
  return { plan: edits.plan(text, file), record };
}

function revertRecorded(edits: Edits, record: ApplyRecord): void {
  for (const [key, rec] of Object.entries(record.keys)) restoreEnvKey(edits, key, rec);
  if (record.envCreated) edits.doc = dropEnvIfEmpty(edits.doc);
  for (const key of ownedKeys) {
    const rec = record[key];
    if (rec) restoreOwned(edits, key, rec);
  }
  if (record.hooks) {
    for (const [event, rec] of Object.entries(record.hooks.events)) removeOurHook(edits, event, rec, true);
    if (record.hooks.created) edits.doc = dropHooksIfEmpty(edits.doc);
  }
}

/** Without a record, only what holds exactly a value we would write is taken out. */
function revertUnrecorded(edits: Edits, fallback: ClaudeSettingsDesired[]): void {
  const managed = new Set<string>([...managedKeys, ...fallback.flatMap((f) => Object.keys(f.env))]);
  for (const key of envKeys(edits.doc)) {
    if (!managed.has(key)) continue;
    const current = envValue(edits.doc, key);
    if (current?.str == null) continue;
    if (fallback.some((f) => f.env[key] === current.str)) {
      edits.doc = restoreEnv(edits.doc, key, null);
      edits.change('env', key, current.str, null);
    } else edits.keptUserValues.push(key);
  }
  for (const key of ownedKeys) {
    const current = fallback.some((f) => f[key] !== undefined) ? topLevelText(edits.doc, key) : null;
    if (current === null || !fallback.some((f) => f[key] !== undefined && sameJson(current, f[key]))) continue;
    edits.doc = restoreTopLevel(edits.doc, key, null);
    edits.change(key, key, current, null);
  }
  for (const f of fallback) {
    for (const [event, element] of Object.entries(f.hooks ?? {})) removeOurHook(edits, event, { element: JSON.stringify(element), arrayCreated: false }, false);
  }
}

/**
 * The change `revert` makes. With the record of our apply: each location goes back to what it was,
 * unless the user changed it since. Without one (lost, or applied elsewhere): only values equal to
 * one we would write (`fallback`) are removed.
 */
export function planSettingsRevert(text: string | null, file: string, record: ApplyRecord | null, fallback: ClaudeSettingsDesired[]): PlanBody {
  const doc = openSettings(text, file);
  checkLocations(
    doc,
    record ? Object.keys(record.keys) : [...managedKeys, ...fallback.flatMap((f) => Object.keys(f.env))],
    record ? ownedIn(record) : new Set(fallback.flatMap(ownedIn)),
    record ? Object.keys(record.hooks?.events ?? {}) : fallback.flatMap((f) => Object.keys(f.hooks ?? {})),
  );
  const edits = new Edits(doc);
  if (record) revertRecorded(edits, record);
  else revertUnrecorded(edits, fallback);
  return edits.plan(text, file);
}

/** `planSettingsApply` for the env variables alone. */
export const planApply = (text: string | null, file: string, vars: EnvVars, previous: ApplyRecord | null, now: Date): PlannedApply =>
  planSettingsApply(text, file, { env: vars }, previous, now);

/** `planSettingsRevert` for the env variables alone. */
export const planRevert = (text: string | null, file: string, record: ApplyRecord | null, fallback: EnvVars[]): PlanBody =>
  planSettingsRevert(
    text,
    file,
    record,
    fallback.map((env) => ({ env })),
  );
