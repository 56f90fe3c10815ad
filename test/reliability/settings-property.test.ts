/**
 * Random settings.json files, built as TEXT (so what JSON.stringify never writes is in them: duplicate
 * keys, big numbers, 1e400, -0, escapes, astral characters, "__proto__", CRLF, tabs, one-line files,
 * inline arrays), through the real writer.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../electron/core/api/error-codes.js';
import { claudeEnvFiles } from '../../electron/core/env/index.js';
import { applyClaudeSettings, planSettingsRevert, revertClaudeSettings, type ClaudeEnvFiles } from '../../electron/core/env/claude-settings.js';
import { readRecord } from '../../electron/core/env/settings-record.js';
import { everything, ourHook, ourStatusLine, pushVars, scrapeVars } from '../support/claude-settings.js';

type Tree = { t: 'lit'; text: string } | { t: 'arr'; items: Tree[]; inline: boolean } | { t: 'obj'; members: Array<[string, Tree]>; inline: boolean };

interface Style {
  indent: string;
  eol: string;
  colon: string;
  compact: boolean;
  trailingNewline: boolean;
}

/** JSON text of a tree, laid out as `style` says (a container marked inline stays on one line). */
function serialize(tree: Tree, style: Style, base = '', inline = style.compact): string {
  if (tree.t === 'lit') return tree.text;
  const members: Array<[string | null, Tree]> = tree.t === 'arr' ? tree.items.map((i) => [null, i]) : tree.members;
  const [open, close] = tree.t === 'arr' ? ['[', ']'] : ['{', '}'];
  if (members.length === 0) return open + close;
  const prefix = (k: string | null): string => (k === null ? '' : k + style.colon);
  if (inline || tree.inline) return open + members.map(([k, v]) => prefix(k) + serialize(v, style, '', true)).join(style.colon === ':' ? ',' : ', ') + close;
  const inner = base + style.indent;
  return open + members.map(([k, v]) => style.eol + inner + prefix(k) + serialize(v, style, inner, false)).join(',') + style.eol + base + close;
}

function fromValue(value: unknown): Tree {
  if (Array.isArray(value)) return { t: 'arr', items: value.map(fromValue), inline: false };
  if (value !== null && typeof value === 'object') return { t: 'obj', members: Object.entries(value).map(([k, v]) => [JSON.stringify(k), fromValue(v)]), inline: false };
  return { t: 'lit', text: JSON.stringify(value) };
}

/** true about one time in forty (for what makes a file refused: it should not crowd out the rest). */
const rarely = fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 39, arbitrary: fc.constant(false) });
/** Containers on one line in an otherwise indented file, now and then (inline arrays and the like). */
const inlineFlag = fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) });

const oddKeys = ['"__proto__"', '"constructor"', '"10"', '"2"', '""', '"😀"', '"\\ud83d\\ude00"', '"k\\u0041"', '"q\\"uote"', '"model"', '"a"', '"a"', '"permissions"'];
const nestedKey = fc.constantFrom(...oddKeys, '"env"', '"\\u0065nv"', '"hooks"', '"statusLine"');
const topKey = fc.constantFrom(...oddKeys);

const scalar: fc.Arbitrary<Tree> = fc
  .oneof(
    fc.constantFrom('12345678901234567890', '1e400', '-0', '0', '-1.5E+10', '0.1', '1E-7', 'true', 'false', 'null', '"\\ud800"', '"a\\/b\\b\\f\\r"', '"\\u00e9"', '"😀"'),
    fc.string({ unit: 'binary', maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  )
  .map((text) => ({ t: 'lit', text }));

const { tree } = fc.letrec<{ tree: Tree; arr: Tree; obj: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', maxDepth: 3 }, scalar, tie('arr'), tie('obj')),
  arr: fc.record({ t: fc.constant('arr' as const), items: fc.array(tie('tree'), { maxLength: 3 }), inline: inlineFlag }),
  obj: fc.record({ t: fc.constant('obj' as const), members: fc.array(fc.tuple(nestedKey, tie('tree')), { maxLength: 3 }), inline: inlineFlag }),
}));

const obj = (members: Array<[string, Tree]>, inline: boolean): Tree => ({ t: 'obj', members, inline });

/** Sometimes the first member twice (ambiguous where it is ours). */
const maybeDuplicated = (members: Array<[string, Tree]>, dup: boolean): Array<[string, Tree]> => (dup && members[0] ? [...members, members[0]] : members);

const managedEnvKey = fc.constantFrom(...new Set([...Object.keys(pushVars), ...Object.keys(scrapeVars)]));
const envValue = (key: string): fc.Arbitrary<Tree> =>
  fc.oneof(fc.constant(fromValue(pushVars[key] ?? scrapeVars[key] ?? 'x')), fc.constant(fromValue('console')), scalar);
const envMembers = fc.uniqueArray(
  fc.oneof(
    managedEnvKey.chain((k) => envValue(k).map((v): [string, Tree] => [JSON.stringify(k), v])),
    fc.tuple(fc.constantFrom('"FOO"', '"MINE"', '"PATH"'), scalar),
  ),
  { selector: ([k]) => k, maxLength: 5 },
);
const env: fc.Arbitrary<Tree> = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(envMembers, inlineFlag, rarely).map(([m, inline, dup]) => obj(maybeDuplicated(m, dup), inline)) },
  { weight: 1, arbitrary: fc.oneof(scalar, fc.constant<Tree>({ t: 'arr', items: [], inline: true })) },
);

const statusLine: fc.Arbitrary<Tree> = fc.oneof(fc.constant(fromValue(ourStatusLine)), fc.constant(fromValue({ type: 'command', command: '~/bin/mine', padding: 2 })), tree);

const matcherGroup: fc.Arbitrary<Tree> = fc.oneof(
  fc.constant(fromValue(ourHook)),
  fc.constantFrom('Bash', 'Write|Edit', '', 'startup').map((matcher) => fromValue({ matcher, hooks: [{ type: 'command', command: `check ${matcher}` }] })),
  tree,
);
const hookList: fc.Arbitrary<Tree> = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(fc.array(matcherGroup, { maxLength: 3 }), inlineFlag).map(([items, inline]): Tree => ({ t: 'arr', items, inline })) },
  { weight: 1, arbitrary: scalar },
);
const hooks: fc.Arbitrary<Tree> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .tuple(fc.uniqueArray(fc.tuple(fc.constantFrom('"SessionStart"', '"SessionEnd"', '"PreToolUse"', '"Stop"'), hookList), { selector: ([k]) => k, maxLength: 4 }), inlineFlag, rarely)
      .map(([m, inline, dup]) => obj(maybeDuplicated(m, dup), inline)),
  },
  { weight: 1, arbitrary: fc.constant<Tree>({ t: 'arr', items: [], inline: false }) },
);

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  colon: fc.constantFrom(': ', ':'),
  compact: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }),
  trailingNewline: fc.boolean(),
});

interface Doc {
  text: string;
  style: Style;
}

/** A settings.json: random members, with (or without) an env, a statusLine and hooks at random places. */
function settingsDoc(minOwnMembers: number): fc.Arbitrary<Doc> {
  const placed = (key: string, value: fc.Arbitrary<Tree>) => fc.option(fc.tuple(value, fc.nat(), rarely).map(([v, at, dup]) => ({ key, v, at, dup })));
  return fc
    .record({
      own: fc.array(fc.tuple(topKey, tree), { minLength: minOwnMembers, maxLength: 4 }),
      managed: fc.tuple(placed('"env"', env), placed('"statusLine"', statusLine), placed('"hooks"', hooks)),
      style,
    })
    .map(({ own, managed, style: s }) => {
      const members = [...own];
      for (const part of managed) {
        if (!part) continue;
        members.splice(part.at % (members.length + 1), 0, [part.key, part.v]);
        if (part.dup) members.push([part.key, part.v]);
      }
      return { text: serialize(obj(members, false), s) + (s.trailingNewline ? s.eol : ''), style: s };
    });
}

const refusals = new Set(['claude-settings-invalid-json', 'claude-settings-not-object', 'claude-settings-bad-env', 'claude-settings-ambiguous']);
const now = new Date('2026-03-01T12:00:00.000Z');

// On tmpfs where there is one: these runs are about bytes, not durability, and on a disk the fsyncs
// of a run cost more than all the rest of it.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function sandboxes(): () => { dir: string; files: ClaudeEnvFiles } {
  const root = mkdtempSync(join(base, 'ccmon-settings-prop-'));
  roots.push(root);
  let n = 0;
  return () => {
    const dir = join(root, String(n++));
    mkdirSync(dir);
    return { dir, files: claudeEnvFiles({ CLAUDE_CONFIG_DIR: dir, CCMON_CONFIG_DIR: join(dir, 'app') }) };
  };
}

/** Applies everything ccmon installs; null when refused (after checking the refusal left all as it was). */
async function applyOrRefuse(dir: string, files: ClaudeEnvFiles, text: string): Promise<{ applied: boolean } | null> {
  try {
    return await applyClaudeSettings(files, everything, { now });
  } catch (err) {
    assert.ok(err instanceof AppError, `not a refusal: ${String((err as Error).stack)}`);
    assert.ok(refusals.has(err.code), err.code);
    assert.match(err.message, /it was left untouched\.$/);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), text, 'a refused file is untouched');
    assert.deepEqual(readdirSync(dir), ['settings.json'], 'no backup, no temp file');
    assert.equal(existsSync(files.recordFile), false);
    return null;
  }
}

describe('settings.json writer, property-based', () => {
  it('5. apply → revert gives back every random file byte for byte, or apply refuses with a sentence and touches nothing', async () => {
    const fresh = sandboxes();
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(settingsDoc(0), async ({ text }) => {
        const { dir, files } = fresh();
        writeFileSync(files.settingsFile, text);
        const plan = await applyOrRefuse(dir, files, text);
        if (!plan) return;
        if (plan.applied) applied++;
        // Undoing our locations in place (what a revert does once the user edited the file) gives the original too.
        const record = await readRecord(files.recordFile, files.settingsFile);
        assert.equal(planSettingsRevert(readFileSync(files.settingsFile, 'utf8'), files.settingsFile, record, []).after, text);
        await revertClaudeSettings(files, [], { now });
        assert.equal(readFileSync(files.settingsFile, 'utf8'), text);
      }),
      { seed: 20260301, numRuns: 300 },
    );
    assert.ok(applied > 150, `most random files were applied to (${applied} of 300)`);
  });

  it('5. apply → the user adds a key by hand → revert: their key stays, ours go, every other byte as in the edited file', async () => {
    const fresh = sandboxes();
    // The user's new first key, typed the way the file is laid out.
    const userEdit = (text: string, s: Style): string =>
      s.compact ? `{"userAdded"${s.colon}"by hand",${text.slice(1)}` : `{${s.eol}${s.indent}"userAdded"${s.colon}"by hand",${text.slice(1)}`;
    let reverted = 0;
    await fc.assert(
      fc.asyncProperty(settingsDoc(1), async ({ text, style: s }) => {
        const { dir, files } = fresh();
        writeFileSync(files.settingsFile, text);
        const plan = await applyOrRefuse(dir, files, text);
        if (!plan?.applied) return;
        writeFileSync(files.settingsFile, userEdit(readFileSync(files.settingsFile, 'utf8'), s));
        await revertClaudeSettings(files, [], { now });
        assert.equal(readFileSync(files.settingsFile, 'utf8'), userEdit(text, s));
        reverted++;
      }),
      { seed: 20260302, numRuns: 200 },
    );
    assert.ok(reverted > 100, `most random files were applied to and reverted (${reverted} of 200)`);
  });
});
