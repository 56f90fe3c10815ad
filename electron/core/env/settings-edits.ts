/**
 * Claude Code's settings.json as a few locations we manage (`env.<KEY>`, `statusLine`, `otelHeadersHelper`, the elements of
 * `hooks.<Event>`), each read and edited in place in the text. Opening refuses what cannot be edited
 * safely; looking a location up refuses it when it is ambiguous (a duplicate key, of which Claude
 * Code reads the last) or of the wrong type. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import { ClaudeSettingsError } from './claude-settings-error.js';
import {
  inferStyle,
  insertMember,
  nodeText,
  parseStrict,
  parseTreeStrict,
  propertiesNamed,
  propertyValue,
  removeMember,
  replaceText,
  replaceValue,
  type JsonNode,
  type JsonStyle,
  type JsonValue,
} from './json-text.js';

export interface SettingsDoc {
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode;
  readonly style: JsonStyle;
}

const blank = (text: string): boolean => /^[ \t\r\n]*$/.test(text);

/** The document in `text` (null: no file; empty: an empty object), or a refusal with a sentence. */
export function openSettings(text: string | null, file: string): SettingsDoc {
  if (text === null || blank(text)) {
    const style: JsonStyle = { eol: text?.includes('\r\n') ? '\r\n' : '\n', indent: '  ', colon: ': ' };
    return withText({ file, text: '', root: { type: 'object', offset: 0, length: 0 }, style }, `{}${style.eol}`);
  }
  const parsed = parseStrict(text);
  if (!parsed.ok) {
    throw new ClaudeSettingsError(
      'claude-settings-invalid-json',
      `${file} is not valid JSON (${parsed.reason}); it was left untouched.`,
      'Claude Code reads settings.json as strict JSON (no comments, no trailing commas): fix the file (or move it aside) and try again, or paste the settings.json snippet by hand.',
    );
  }
  if (parsed.root.type !== 'object') {
    throw new ClaudeSettingsError('claude-settings-not-object', `${file} does not hold a JSON object; it was left untouched.`, 'Claude Code expects an object at the top of settings.json.');
  }
  return { file, text, root: parsed.root, style: inferStyle(text, parsed.root) };
}

/** The same document after an edit of ours. */
function withText(doc: SettingsDoc, text: string): SettingsDoc {
  const parsed = parseTreeStrict(text);
  if (!parsed.ok || parsed.root.type !== 'object') throw new Error(`An edit of ${doc.file} made it invalid (${parsed.ok ? 'not an object' : parsed.reason}); this is a bug in ccmon.`);
  return { ...doc, text, root: parsed.root };
}

/** The one property `key` of `object`, refusing several. */
function single(doc: SettingsDoc, object: JsonNode, key: string, where: string): JsonNode | undefined {
  const found = propertiesNamed(object, key);
  if (found.length > 1) {
    throw new ClaudeSettingsError(
      'claude-settings-ambiguous',
      `${doc.file} has ${found.length} "${where}" keys; Claude Code reads only the last one, so which one to change is unclear; it was left untouched.`,
      `Keep one "${where}" (merge the others into it) and try again.`,
    );
  }
  return found[0];
}

const memberIndex = (object: JsonNode, property: JsonNode): number => (object.children ?? []).indexOf(property);

/** Whether `text` is JSON equal to `value` (any layout, any key order). */
export function sameJson(text: string, value: JsonValue): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(text), value);
  } catch {
    return false;
  }
}

// ---- env ----

/** A top-level object we edit inside (`env`, `hooks`), or undefined; refused when it is not an object. */
function topLevelObject(doc: SettingsDoc, key: string, code: 'claude-settings-bad-env' | 'claude-settings-not-object', fix: string): JsonNode | undefined {
  const property = single(doc, doc.root, key, key);
  if (!property) return undefined;
  const value = propertyValue(property);
  if (value.type !== 'object') throw new ClaudeSettingsError(code, `${doc.file} has a${key === 'env' ? 'n' : ''} "${key}" that is not an object; it was left untouched.`, fix);
  return value;
}

export const envObject = (doc: SettingsDoc): JsonNode | undefined => topLevelObject(doc, 'env', 'claude-settings-bad-env', 'Make "env" an object of NAME: "value" pairs, or remove it.');

export interface EnvValue {
  /** The value's JSON text, as written. */
  text: string;
  /** The string, or null for a value that is not a string. */
  str: string | null;
  /** What a person is shown: the string, else the JSON text. */
  display: string;
}

export function envValue(doc: SettingsDoc, key: string): EnvValue | null {
  const env = envObject(doc);
  const property = env && single(doc, env, key, `env.${key}`);
  if (!property) return null;
  const value = propertyValue(property);
  const text = nodeText(doc.text, value);
  const str = value.type === 'string' ? (value.value as string) : null;
  return { text, str, display: str ?? text };
}

/** The names under "env", in file order. */
export function envKeys(doc: SettingsDoc): string[] {
  return (envObject(doc)?.children ?? []).map((p) => p.children?.[0]?.value as string);
}

function ensureEnv(doc: SettingsDoc): { doc: SettingsDoc; env: JsonNode } {
  const env = envObject(doc);
  if (env) return { doc, env };
  const next = withText(doc, insertMember(doc.text, doc.root, 'env', {}, doc.style));
  return { doc: next, env: envObject(next)! };
}

export function setEnv(doc: SettingsDoc, key: string, value: string): SettingsDoc {
  const { doc: d, env } = ensureEnv(doc);
  const property = single(d, env, key, `env.${key}`);
  if (property) return withText(d, replaceText(d.text, propertyValue(property), JSON.stringify(value)));
  return withText(d, insertMember(d.text, env, key, value, d.style));
}

/** Puts back a value's exact text; null removes the key. */
export function restoreEnv(doc: SettingsDoc, key: string, previousText: string | null): SettingsDoc {
  const env = envObject(doc);
  const property = env && single(doc, env, key, `env.${key}`);
  if (!env || !property) return doc;
  if (previousText === null) return withText(doc, removeMember(doc.text, env, memberIndex(env, property)));
  return withText(doc, replaceText(doc.text, propertyValue(property), previousText));
}

export function dropEnvIfEmpty(doc: SettingsDoc): SettingsDoc {
  const env = envObject(doc);
  if (!env || env.children?.length) return doc;
  return withText(doc, removeMember(doc.text, doc.root, memberIndex(doc.root, env.parent!)));
}

// ---- top-level values we own (statusLine, otelHeadersHelper) ----

/** A top-level value's JSON text, or null when there is none. */
export function topLevelText(doc: SettingsDoc, key: string): string | null {
  const property = single(doc, doc.root, key, key);
  return property ? nodeText(doc.text, propertyValue(property)) : null;
}

export function setTopLevel(doc: SettingsDoc, key: string, value: JsonValue): SettingsDoc {
  const property = single(doc, doc.root, key, key);
  if (property) return withText(doc, replaceValue(doc.text, propertyValue(property), value, doc.style));
  return withText(doc, insertMember(doc.text, doc.root, key, value, doc.style));
}

/** Puts back a top-level value's exact text; null removes it. */
export function restoreTopLevel(doc: SettingsDoc, key: string, previousText: string | null): SettingsDoc {
  const property = single(doc, doc.root, key, key);
  if (!property) return doc;
  if (previousText === null) return withText(doc, removeMember(doc.text, doc.root, memberIndex(doc.root, property)));
  return withText(doc, replaceText(doc.text, propertyValue(property), previousText));
}

// ---- hooks ----

export const hooksObject = (doc: SettingsDoc): JsonNode | undefined => topLevelObject(doc, 'hooks', 'claude-settings-not-object', 'Make "hooks" an object of event names to lists of matchers, or remove it.');

export function hookArray(doc: SettingsDoc, event: string): JsonNode | undefined {
  const hooks = hooksObject(doc);
  const property = hooks && single(doc, hooks, event, `hooks.${event}`);
  if (!property) return undefined;
  const value = propertyValue(property);
  if (value.type !== 'array') {
    throw new ClaudeSettingsError('claude-settings-not-object', `${doc.file} has a "hooks.${event}" that is not a list; it was left untouched.`, `Make "hooks.${event}" a list of matchers, or remove it.`);
  }
  return value;
}

/** The index of the last element of `hooks.<event>` equal to `element`, or -1. */
export function findHook(doc: SettingsDoc, event: string, element: JsonValue): number {
  const elements = hookArray(doc, event)?.children ?? [];
  for (let i = elements.length - 1; i >= 0; i--) if (sameJson(nodeText(doc.text, elements[i]!), element)) return i;
  return -1;
}

export function hookText(doc: SettingsDoc, event: string, index: number): string {
  const element = hookArray(doc, event)?.children?.[index];
  if (!element) throw new Error(`No element ${index} in hooks.${event}.`);
  return nodeText(doc.text, element);
}

/** Appends `element` to `hooks.<event>`, making the object and the list when missing; returns its index. */
export function appendHook(doc: SettingsDoc, event: string, element: JsonValue): { doc: SettingsDoc; index: number } {
  let d = doc;
  if (!hooksObject(d)) d = withText(d, insertMember(d.text, d.root, 'hooks', {}, d.style));
  if (!hookArray(d, event)) d = withText(d, insertMember(d.text, hooksObject(d)!, event, [], d.style));
  d = withText(d, insertMember(d.text, hookArray(d, event)!, null, element, d.style));
  return { doc: d, index: hookArray(d, event)!.children!.length - 1 };
}

export function removeHook(doc: SettingsDoc, event: string, index: number): SettingsDoc {
  const array = hookArray(doc, event);
  if (!array) return doc;
  return withText(doc, removeMember(doc.text, array, index));
}

export function dropHookArrayIfEmpty(doc: SettingsDoc, event: string): SettingsDoc {
  const hooks = hooksObject(doc);
  const array = hookArray(doc, event);
  if (!hooks || !array || array.children?.length) return doc;
  return withText(doc, removeMember(doc.text, hooks, memberIndex(hooks, array.parent!)));
}

export function dropHooksIfEmpty(doc: SettingsDoc): SettingsDoc {
  const hooks = hooksObject(doc);
  if (!hooks || hooks.children?.length) return doc;
  return withText(doc, removeMember(doc.text, doc.root, memberIndex(doc.root, hooks.parent!)));
}
