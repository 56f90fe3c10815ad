import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError } from '../../electron/core/api/error-codes.js';
import { applyClaudeEnv, applyClaudeSettings, revertClaudeEnv, revertClaudeSettings } from '../../electron/core/env/claude-settings.js';
import { readSettings, replaceSettings } from '../../electron/core/env/settings-file.js';
import { everything, pushVars, settingsSandbox } from '../support/claude-settings.js';

async function assertRefused(content: string | Uint8Array, code: string, pattern: RegExp, run = (files: Parameters<typeof applyClaudeEnv>[0]) => applyClaudeSettings(files, everything)): Promise<void> {
  const { claudeDir, files } = settingsSandbox(content);
  await assert.rejects(run(files), (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    assert.match(err.message, /it was left untouched\./);
    return true;
  });
  assert.deepEqual(readFileSync(files.settingsFile), Buffer.from(content), 'the file is untouched');
  assert.deepEqual(readdirSync(claudeDir), ['settings.json'], 'no backup, no temp file');
  assert.equal(existsSync(files.recordFile), false);
}

describe('settings.json the writer refuses, untouched', () => {
  it('5. not strict JSON: comments, trailing commas, a byte-order mark, bytes that are not UTF-8', async () => {
    await assertRefused('{\n  // mine\n  "model": "opus"\n}\n', 'claude-settings-invalid-json', /is not valid JSON \(a comment at line 2, column 3\)/);
    await assertRefused('{\n  "model": "opus",\n}\n', 'claude-settings-invalid-json', /is not valid JSON \(a trailing comma before line 3, column 1\)/);
    await assertRefused('\uFEFF{"model": "opus"}', 'claude-settings-invalid-json', /starts with a byte-order mark/);
    await assertRefused(Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 'claude-settings-invalid-json', /is not UTF-8 text/);
    await assertRefused('{"a": 1} {"b": 2}', 'claude-settings-invalid-json', /is not valid JSON/);
  });

  it('5. not an object, or a managed location of the wrong type', async () => {
    await assertRefused('[1, 2]', 'claude-settings-not-object', /does not hold a JSON object/);
    await assertRefused('{"env": ["A=1"]}', 'claude-settings-bad-env', /has an "env" that is not an object/);
    await assertRefused('{"hooks": []}', 'claude-settings-not-object', /has a "hooks" that is not an object/);
    await assertRefused('{"hooks": {"SessionEnd": {"hooks": []}}}', 'claude-settings-not-object', /has a "hooks\.SessionEnd" that is not a list/);
  });

  it('5. duplicate keys where we write are ambiguous (Claude Code reads the last one)', async () => {
    const ambiguous = (where: string) => new RegExp(`has 2 "${where.replace('.', '\\.')}" keys; Claude Code reads only the last one`);
    await assertRefused('{"env": {}, "env": {"A": "1"}}', 'claude-settings-ambiguous', ambiguous('env'));
    await assertRefused('{"env": {"OTEL_METRICS_EXPORTER": "a", "OTEL_METRICS_EXPORTER": "b"}}', 'claude-settings-ambiguous', ambiguous('env.OTEL_METRICS_EXPORTER'));
    await assertRefused('{"statusLine": {}, "statusLine": {}}', 'claude-settings-ambiguous', ambiguous('statusLine'));
    await assertRefused('{"hooks": {}, "hooks": {}}', 'claude-settings-ambiguous', ambiguous('hooks'));
    await assertRefused('{"hooks": {"SessionStart": [], "SessionStart": []}}', 'claude-settings-ambiguous', ambiguous('hooks.SessionStart'));
    // Revert too, for a managed key even without a record.
    await assertRefused('{"env": {"OTEL_LOGS_EXPORTER": "otlp", "OTEL_LOGS_EXPORTER": "otlp"}}', 'claude-settings-ambiguous', ambiguous('env.OTEL_LOGS_EXPORTER'), (files) => revertClaudeEnv(files, [pushVars]));
  });

  it('5. duplicates we do not write to are not our business', async () => {
    const original = '{"env": {"MINE": "1", "MINE": "2"}, "statusLine": 1, "statusLine": 2, "hooks": {"Stop": [], "Stop": []}, "hooks": []}';
    const { files } = settingsSandbox(original);
    await applyClaudeEnv(files, pushVars);
    await revertClaudeEnv(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
    const withoutRecord = await revertClaudeEnv(files, [pushVars]);
    assert.equal(withoutRecord.changes.length, 0);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('5. a location we do not manage this time may be anything', async () => {
    const original = '{"env": "not mine to judge", "env": [], "statusLine": 1, "statusLine": 2}';
    const { files } = settingsSandbox(original);
    await applyClaudeSettings(files, { env: {}, hooks: everything.hooks! });
    await revertClaudeSettings(files, []);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('the file changed between planning and writing: refused, nothing written, no backup left', async () => {
    const { claudeDir, files } = settingsSandbox('{"model": "opus"}');
    const snapshot = await readSettings(files.settingsFile);
    writeFileSync(files.settingsFile, '{"model": "sonnet"}');
    await assert.rejects(replaceSettings(snapshot, '{"model": "opus", "env": {}}', new Date()), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'claude-settings-race');
      assert.match(err.message, /changed while it was being updated; nothing was written\./);
      return true;
    });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), '{"model": "sonnet"}');
    assert.deepEqual(readdirSync(claudeDir), ['settings.json']);
  });

  it('a file that appeared between planning and writing is not overwritten', async () => {
    const { files } = settingsSandbox();
    const snapshot = await readSettings(files.settingsFile);
    writeFileSync(files.settingsFile, '{"model": "sonnet"}');
    await assert.rejects(replaceSettings(snapshot, '{}', new Date()), { code: 'claude-settings-race' });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), '{"model": "sonnet"}');
  });
});
