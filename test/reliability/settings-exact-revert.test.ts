import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyClaudeEnv, applyClaudeSettings, planSettingsApply, planSettingsRevert, revertClaudeEnv, revertClaudeSettings } from '../../electron/core/env/claude-settings.js';
import { everything, pushVars, scrapeVars, settingsSandbox } from '../support/claude-settings.js';

/** Files a person (or another tool) really writes, each with something JSON.parse + JSON.stringify would change. */
const fixtures: Record<string, string> = {
  proto: '{\n  "__proto__": {"polluted": true},\n  "constructor": 1,\n  "model": "opus"\n}\n',
  bigNumbers: '{\n  "n": 12345678901234567890,\n  "huge": 1e400,\n  "negZero": -0,\n  "exp": 1.50E+3\n}\n',
  integerKey: '{\n  "model": "opus",\n  "10": "ten",\n  "2": "two"\n}\n',
  duplicates: '{\n  "permissions": {"allow": ["a"]},\n  "permissions": {"allow": ["b"]},\n  "env": {"FOO": "1", "FOO": "2"}\n}\n',
  crlf: '{\r\n  "model": "opus",\r\n  "env": {\r\n    "FOO": "bar"\r\n  }\r\n}\r\n',
  tabs: '{\n\t"model": "opus",\n\t"hooks": {\n\t\t"Stop": [\n\t\t\t{"hooks": [{"type": "command", "command": "say done"}]}\n\t\t]\n\t}\n}',
  compact: '{"model":"opus","env":{"FOO":"bar"},"permissions":{"allow":["Bash(ls:*)"]}}',
  compactSpaced: '{"model": "opus", "feedbackSurveyState": {"lastShownTime": 1754000000000}}\n',
  inlineArrays: '{\n    "permissions": {\n        "allow": ["Bash(ls:*)", "Read(~/x)"],\n        "deny": []\n    },\n    "statusLine": {"type": "command", "command": "~/bin/mine", "padding": 2}\n}\n',
  escapes: '{\n  "k\\u0041": "\\ud83d\\ude00 \\u00e9\\n\\"q\\"",\n  "😀": "astral",\n  "": "empty key"\n}\n',
  noTrailingNewline: '{\n  "model": "opus"\n}',
};

const crlfOnly = (text: string): boolean => !/[^\r]\n/.test(text) && !text.startsWith('\n');

describe('settings.json: only our locations change, revert is exact', () => {
  it('5. __proto__, big numbers, "10", duplicates elsewhere, CRLF, tabs, compact: unchanged after apply and byte for byte after revert', async () => {
    for (const [name, original] of Object.entries(fixtures)) {
      const { files } = settingsSandbox(original);
      await applyClaudeSettings(files, everything);
      const applied = readFileSync(files.settingsFile, 'utf8');
      // Every byte of the original is still there, in order, with only our text added or swapped in.
      const { plan, record } = planSettingsApply(original, 'f', everything, null, new Date(0));
      assert.equal(applied, plan.after, name);
      assert.equal(planSettingsRevert(applied, 'f', record, []).after, original, `${name}: undoing our locations in place gives the original`);
      await revertClaudeSettings(files, []);
      assert.equal(readFileSync(files.settingsFile, 'utf8'), original, `${name}: byte for byte after revert`);
    }
  });

  it('5. what JSON.parse would lose is still in the applied file', async () => {
    const check = async (fixture: string, expectations: (applied: string) => void): Promise<void> => {
      const { files } = settingsSandbox(fixtures[fixture]);
      await applyClaudeSettings(files, everything);
      expectations(readFileSync(files.settingsFile, 'utf8'));
    };
    await check('proto', (t) => assert.ok(t.startsWith('{\n  "__proto__": {"polluted": true},\n  "constructor": 1,')));
    await check('bigNumbers', (t) => assert.ok(t.includes('"n": 12345678901234567890,\n  "huge": 1e400,\n  "negZero": -0,\n  "exp": 1.50E+3,')));
    await check('integerKey', (t) => assert.ok(t.startsWith('{\n  "model": "opus",\n  "10": "ten",\n  "2": "two",'), 'integer-like keys stay where they were'));
    await check('duplicates', (t) => assert.ok(t.includes('"permissions": {"allow": ["a"]},\n  "permissions": {"allow": ["b"]},\n  "env": {"FOO": "1", "FOO": "2", ')));
    await check('crlf', (t) => assert.ok(crlfOnly(t), 'every line still ends in CRLF'));
    await check('tabs', (t) => {
      assert.ok(t.split('\n').slice(1).every((line) => /^\t*[^ \t]/.test(line)), 'indented with tabs only');
      assert.ok(t.includes('\t\t\t{"hooks": [{"type": "command", "command": "say done"}]}\n'), 'the user’s hook as it was');
    });
    await check('compact', (t) => {
      assert.equal(t.includes('\n'), false, 'still one line');
      assert.ok(t.startsWith('{"model":"opus","env":{"FOO":"bar","CLAUDE_CODE_ENABLE_TELEMETRY":"1",'));
    });
    await check('compactSpaced', (t) => assert.ok(t.startsWith('{"model": "opus", "feedbackSurveyState": {"lastShownTime": 1754000000000}, "env": {"CLAUDE_CODE_ENABLE_TELEMETRY": "1", ')));
    await check('inlineArrays', (t) => {
      assert.ok(t.includes('"allow": ["Bash(ls:*)", "Read(~/x)"],\n        "deny": []\n'));
      assert.ok(t.includes('    "statusLine": {\n        "type": "command",\n        "command": "ccmon statusline",\n        "padding": 0\n    },'), 'ours, in the file’s 4-space layout');
    });
  });

  it('5. a user statusLine is replaced by ours and put back exactly', async () => {
    const original = fixtures.inlineArrays!;
    const { files } = settingsSandbox(original);
    const plan = await applyClaudeSettings(files, everything);
    const change = plan.changes.find((c) => c.key === 'statusLine')!;
    assert.deepEqual({ section: change.section, before: change.before }, { section: 'statusLine', before: '{"type": "command", "command": "~/bin/mine", "padding": 2}' });
    assert.deepEqual(JSON.parse(change.after!), everything.statusLine);
    assert.deepEqual((JSON.parse(readFileSync(files.settingsFile, 'utf8')) as { statusLine: unknown }).statusLine, everything.statusLine);
    await revertClaudeSettings(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('5. a statusLine the user changed after our apply is left alone by revert', async () => {
    const { files } = settingsSandbox(fixtures.inlineArrays);
    await applyClaudeSettings(files, everything);
    const edited = readFileSync(files.settingsFile, 'utf8').replace('"command": "ccmon statusline"', '"command": "their-own"');
    writeFileSync(files.settingsFile, edited);
    const plan = await revertClaudeSettings(files, []);
    assert.deepEqual(plan.keptUserValues, ['statusLine']);
    const after = readFileSync(files.settingsFile, 'utf8');
    assert.ok(after.includes('"command": "their-own"'));
    assert.equal(after.includes('ccmon hook'), false, 'our hooks are gone');
  });

  it('5. hooks: ours appended next to the user’s (several events, several matchers) and removed exactly', async () => {
    const original = [
      '{',
      '  "hooks": {',
      '    "PreToolUse": [',
      '      {"matcher": "Bash", "hooks": [{"type": "command", "command": "check-bash"}]},',
      '      {"matcher": "Write|Edit", "hooks": [{"type": "command", "command": "lint"}]}',
      '    ],',
      '    "SessionStart": [',
      '      {"matcher": "startup", "hooks": [{"type": "command", "command": "greet"}]}',
      '    ]',
      '  }',
      '}',
      '',
    ].join('\n');
    const { files } = settingsSandbox(original);
    const plan = await applyClaudeSettings(files, { env: {}, hooks: everything.hooks! });
    assert.deepEqual(
      plan.changes.map((c) => [c.section, c.key, c.before]),
      [
        ['hooks', 'hooks.SessionStart', null],
        ['hooks', 'hooks.SessionEnd', null],
      ],
    );
    const applied = JSON.parse(readFileSync(files.settingsFile, 'utf8')) as { hooks: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(applied.hooks), ['PreToolUse', 'SessionStart', 'SessionEnd']);
    assert.equal(applied.hooks.PreToolUse!.length, 2, 'the user’s PreToolUse untouched');
    assert.deepEqual(applied.hooks.SessionStart, [{ matcher: 'startup', hooks: [{ type: 'command', command: 'greet' }] }, everything.hooks!.SessionStart]);
    assert.deepEqual(applied.hooks.SessionEnd, [everything.hooks!.SessionEnd]);
    // An unrelated user edit, so revert works in place rather than from the backup.
    writeFileSync(files.settingsFile, readFileSync(files.settingsFile, 'utf8').replace('"greet"', '"greet-more"'));
    await revertClaudeSettings(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original.replace('"greet"', '"greet-more"'));
  });

  it('5. re-applying adds no second hook element (and no second anything)', async () => {
    const { files } = settingsSandbox('{\n  "hooks": {\n    "SessionStart": []\n  }\n}\n');
    await applyClaudeSettings(files, everything);
    const once = readFileSync(files.settingsFile, 'utf8');
    const again = await applyClaudeSettings(files, everything);
    assert.equal(again.applied, false);
    assert.deepEqual(again.unchanged.slice(-3), ['statusLine', 'hooks.SessionStart', 'hooks.SessionEnd']);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), once);
    // Reformatted by an editor, our element is still recognised.
    writeFileSync(files.settingsFile, JSON.stringify(JSON.parse(once), null, 3));
    assert.equal((await applyClaudeSettings(files, everything)).applied, false);
    await revertClaudeSettings(files, []);
    assert.deepEqual(JSON.parse(readFileSync(files.settingsFile, 'utf8')), { hooks: { SessionStart: [] } }, 'the user’s empty list stays, ours goes');
  });

  it('5. a new version of our hook replaces the old element instead of adding one', async () => {
    const { files } = settingsSandbox('{}');
    await applyClaudeSettings(files, everything);
    const newer = { hooks: [{ type: 'command', command: 'ccmon hook', timeout: 10 }] };
    await applyClaudeSettings(files, { ...everything, hooks: { SessionStart: newer, SessionEnd: newer } });
    const hooks = (JSON.parse(readFileSync(files.settingsFile, 'utf8')) as { hooks: Record<string, unknown[]> }).hooks;
    assert.deepEqual(hooks, { SessionStart: [newer], SessionEnd: [newer] });
    await revertClaudeSettings(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), '{}');
  });

  it('5. an apply without hooks or statusLine takes out the ones an earlier apply installed', async () => {
    const original = fixtures.inlineArrays!;
    const { files } = settingsSandbox(original);
    await applyClaudeSettings(files, everything);
    await applyClaudeEnv(files, pushVars);
    const text = readFileSync(files.settingsFile, 'utf8');
    assert.equal(text.includes('ccmon hook'), false);
    assert.ok(text.includes('"statusLine": {"type": "command", "command": "~/bin/mine", "padding": 2}'), 'the user’s statusLine is back');
    await revertClaudeEnv(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('5. revert after a user edit: only our locations are undone, in place', async () => {
    const original = fixtures.duplicates!;
    const { files } = settingsSandbox(original);
    await applyClaudeEnv(files, pushVars);
    await applyClaudeEnv(files, scrapeVars);
    const edited = readFileSync(files.settingsFile, 'utf8').replace('{\n', '{\n  "theme": "dark",\n');
    writeFileSync(files.settingsFile, edited);
    await revertClaudeEnv(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original.replace('{\n', '{\n  "theme": "dark",\n'));
  });

  it('5. a non-string value we replaced comes back as it was written', async () => {
    const original = '{"env": {"OTEL_METRIC_EXPORT_INTERVAL": 60000, "OTEL_LOGS_EXPORTER": "console"}}';
    const { files } = settingsSandbox(original);
    const plan = await applyClaudeEnv(files, pushVars);
    assert.deepEqual(
      plan.changes.filter((c) => c.before !== null).map((c) => [c.key, c.before]),
      [
        ['OTEL_LOGS_EXPORTER', 'console'],
        ['OTEL_METRIC_EXPORT_INTERVAL', '60000'],
      ],
    );
    writeFileSync(files.settingsFile, `${readFileSync(files.settingsFile, 'utf8')}\n`); // force the in-place path
    await revertClaudeEnv(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), `${original}\n`);
  });
});
