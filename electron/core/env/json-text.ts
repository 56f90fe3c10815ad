/**
 * Edits JSON as text: a value is inserted, replaced or removed at its place in the text and every
 * other byte stays as it was (so big numbers, duplicate keys, "__proto__", key order, CRLF and the
 * file's own layout survive). Pure.
 *
 * jsonc-parser gives the syntax tree (offsets) and applies the edits. Its `modify` is not used: with
 * formatting options it reformats every line an edit touches (the user's bytes on those lines
 * included), and its removal of an array's last item cuts at the wrong offset. The few edits needed
 * here are built from the tree instead, formatted the way the surrounding text is.
 */
import { applyEdits, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
export type { Node as JsonNode } from 'jsonc-parser';

/** How the file writes JSON, so inserted text looks like the text around it. */
export interface JsonStyle {
  eol: '\n' | '\r\n';
  /** One level of indentation: spaces or a tab. */
  indent: string;
  /** Between a key and its value: ": " or ":" (or what the file uses). */
  colon: string;
}

export type StrictParse = { ok: true; root: Node } | { ok: false; reason: string };

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

function describeError(text: string, error: ParseError): string {
  if (text.charCodeAt(0) === 0xfeff) return 'it starts with a byte-order mark';
  if (printParseErrorCode(error.error) === 'InvalidCommentToken') return `a comment at ${lineColumn(text, error.offset)}`;
  const trailingComma = /,[ \t\r\n]*$/.test(text.slice(0, error.offset)) && /^[ \t\r\n]*[}\]]/.test(text.slice(error.offset));
  if (trailingComma) return `a trailing comma before ${lineColumn(text, error.offset)}`;
  const what = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${what} at ${lineColumn(text, error.offset)}`;
}

/**
 * Parses strict JSON (RFC 8259: no comments, no trailing commas, one value), as `JSON.parse` reads it;
 * the tree has the offsets the edits need.
 */
export function parseStrict(text: string): StrictParse {
  const tree = parseTreeStrict(text);
  if (!tree.ok) return tree;
  try {
    JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  return tree;
}

/** The tree alone, for text we produced from text that passed `parseStrict`. */
export function parseTreeStrict(text: string): StrictParse {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors[0] || !root) return { ok: false, reason: errors[0] ? describeError(text, errors[0]) : 'no value' };
  return { ok: true, root };
}

export const nodeText = (text: string, node: Node): string => text.slice(node.offset, node.offset + node.length);
const nodeEnd = (node: Node): number => node.offset + node.length;
const isSingleLine = (text: string, node: Node): boolean => !nodeText(text, node).includes('\n');

/** The property nodes of `object` named `key` (JSON allows several; a reader keeps the last). */
export function propertiesNamed(object: Node, key: string): Node[] {
  return (object.children ?? []).filter((p) => p.children?.[0]?.value === key);
}

export const propertyValue = (property: Node): Node => {
  const value = property.children?.[1];
  if (!value) throw new Error('A property without a value in a tree that parsed.');
  return value;
};

/** The object or array holding `node` (through its property, for an object's value). */
function containerOf(node: Node): Node | undefined {
  const parent = node.parent;
  return parent?.type === 'property' ? parent.parent : parent;
}

/** The whitespace a line starts with. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The file's end of line, indentation unit and key/value separator; defaults are JSON.stringify's. */
export function inferStyle(text: string, root: Node | undefined): JsonStyle {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  const indents = text.split('\n').slice(1).map((line) => /^[ \t]*/.exec(line)?.[0] ?? '').filter((ws) => ws.length > 0);
  let indent = '  ';
  if (indents.some((ws) => ws.startsWith('\t'))) indent = '\t';
  else if (indents.length) indent = ' '.repeat(indents.map((ws) => ws.length).reduce(gcd));
  let colon = ': ';
  const first = findFirstProperty(root);
  const between = first?.children?.[0] && first.children[1] ? text.slice(nodeEnd(first.children[0]), first.children[1].offset) : '';
  if (between && !/[\r\n]/.test(between)) colon = between;
  return { eol: crlf > lf ? '\r\n' : '\n', indent, colon };
}

function findFirstProperty(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === 'property') return node;
  for (const child of node.children ?? []) {
    const found = findFirstProperty(child);
    if (found) return found;
  }
  return undefined;
}

/** Between members on one line: ", " in a file that writes ": ", else ",". */
const inlineSeparator = (style: JsonStyle): string => (style.colon.endsWith(' ') ? ', ' : ',');

const memberPrefix = (key: string | null, style: JsonStyle): string => (key === null ? '' : `${JSON.stringify(key)}${style.colon}`);

/** `value` as JSON text: on one line (`inline`), or one member per line under `base`. */
export function renderJson(value: JsonValue, style: JsonStyle, base: string, inline: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const members: Array<[string | null, JsonValue]> = Array.isArray(value) ? value.map((v) => [null, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (members.length === 0) return open + close;
  if (inline) return open + members.map(([k, v]) => memberPrefix(k, style) + renderJson(v, style, '', true)).join(inlineSeparator(style)) + close;
  const inner = base + style.indent;
  return open + members.map(([k, v]) => style.eol + inner + memberPrefix(k, style) + renderJson(v, style, inner, false)).join(',') + style.eol + base + close;
}

/** Whether a new member of `container` goes on the container's line (it is written on one line). */
function inlineIn(text: string, container: Node): boolean {
  if (container.children?.length) return isSingleLine(text, container);
  const outer = containerOf(container);
  return outer !== undefined && isSingleLine(text, outer);
}

const edit = (text: string, offset: number, length: number, content: string): string => applyEdits(text, [{ offset, length, content }]);

/** Appends a member (`key` for an object, null for an array) to `container`, in its layout. */
export function insertMember(text: string, container: Node, key: string | null, value: JsonValue, style: JsonStyle): string {
  const members = container.children ?? [];
  const last = members[members.length - 1];
  const inline = inlineIn(text, container);
  if (!last) {
    if (inline) return edit(text, container.offset + 1, container.length - 2, memberPrefix(key, style) + renderJson(value, style, '', true));
    const base = lineIndent(text, container.offset);
    const inner = base + style.indent;
    const content = style.eol + inner + memberPrefix(key, style) + renderJson(value, style, inner, false) + style.eol + base;
    return edit(text, container.offset + 1, container.length - 2, content);
  }
  // The whitespace before the last member is how this container separates its members; a lone
  // member on the container's line was only preceded by "{", which says nothing: then the file's style.
  const before = /[ \t\r\n]*$/.exec(text.slice(0, last.offset))?.[0] ?? '';
  const gap = members.length > 1 || !inline ? before : inlineSeparator(style).slice(1);
  const memberIndent = gap.includes('\n') ? gap.slice(gap.lastIndexOf('\n') + 1) : lineIndent(text, last.offset);
  const content = `,${gap}${memberPrefix(key, style)}${renderJson(value, style, memberIndent, inline)}`;
  return edit(text, nodeEnd(last), 0, content);
}

/** Replaces a value with `value`, rendered in the layout of its container. */
export function replaceValue(text: string, node: Node, value: JsonValue, style: JsonStyle): string {
  const container = containerOf(node);
  const inline = container === undefined || isSingleLine(text, container);
  const start = node.parent?.type === 'property' ? node.parent.offset : node.offset;
  return replaceText(text, node, renderJson(value, style, lineIndent(text, start), inline));
}

/** Replaces a value with exact JSON text (a value as it was once written). */
export const replaceText = (text: string, node: Node, content: string): string => edit(text, node.offset, node.length, content);

/**
 * Removes member `index` of `container` with the comma and whitespace that joined it to the others,
 * so removing what `insertMember` appended gives back the text from before.
 */
export function removeMember(text: string, container: Node, index: number): string {
  const members = container.children ?? [];
  const member = members[index];
  if (!member) throw new Error(`No member ${index} to remove.`);
  if (members.length === 1) return edit(text, container.offset + 1, container.length - 2, '');
  if (index === members.length - 1) {
    const previousEnd = nodeEnd(members[index - 1]!);
    return edit(text, previousEnd, nodeEnd(member) - previousEnd, '');
  }
  return edit(text, member.offset, members[index + 1]!.offset - member.offset, '');
}

/** JSON text on one line, exactly as written otherwise (for showing a value to a person). */
export function oneLine(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += json[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '\n' || ch === '\r') {
      while (json[i + 1] === ' ' || json[i + 1] === '\t' || json[i + 1] === '\n' || json[i + 1] === '\r') i++;
      if (out.endsWith(',')) out += ' ';
    } else out += ch;
  }
  return out;
}
