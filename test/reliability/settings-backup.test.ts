import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyClaudeEnv, applyClaudeSettings, revertClaudeEnv, revertClaudeSettings } from '../../electron/core/env/claude-settings.js';
import { backupsIn, everything, pushVars, scrapeVars, settingsSandbox } from '../support/claude-settings.js';

const original = '{\n  "model": "opus",\n  "env": { "FOO": "bar" }\n}\n';
const sameSecond = new Date('2026-03-01T12:00:00.000Z');

describe('settings.json backups', () => {
  it('3. apply then revert in the same second: two backups, the original bytes kept', async () => {
    const { claudeDir, files } = settingsSandbox(original);
    const applied = await applyClaudeEnv(files, pushVars, { now: sameSecond });
    const appliedBytes = readFileSync(files.settingsFile, 'utf8');
    const reverted = await revertClaudeEnv(files, [pushVars, scrapeVars], { now: sameSecond });
    assert.ok(applied.backupFile && reverted.backupFile);
    assert.notEqual(applied.backupFile, reverted.backupFile);
    assert.equal(backupsIn(claudeDir).length, 2);
    assert.equal(readFileSync(applied.backupFile, 'utf8'), original, 'the first backup still holds the original');
    assert.equal(readFileSync(reverted.backupFile, 'utf8'), appliedBytes, 'the second holds what apply wrote');
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('3. a file already named like the backup is never overwritten', async () => {
    const { files } = settingsSandbox(original);
    const taken = `${files.settingsFile}.ccmon-backup-20260301T120000.000Z`;
    writeFileSync(taken, 'not yours to overwrite');
    const plan = await applyClaudeEnv(files, pushVars, { now: sameSecond });
    assert.equal(readFileSync(taken, 'utf8'), 'not yours to overwrite');
    assert.equal(plan.backupFile, `${taken}-2`);
    assert.equal(readFileSync(plan.backupFile, 'utf8'), original);
  });

  it('3. many applies in one instant each keep their own backup', async () => {
    const { claudeDir, files } = settingsSandbox(original);
    const seen: string[] = [readFileSync(files.settingsFile, 'utf8')];
    for (const vars of [pushVars, scrapeVars, pushVars, scrapeVars]) {
      await applyClaudeEnv(files, vars, { now: sameSecond });
      seen.push(readFileSync(files.settingsFile, 'utf8'));
    }
    const kept = backupsIn(claudeDir).map((f) => readFileSync(join(claudeDir, f), 'utf8'));
    assert.deepEqual(kept, seen.slice(0, -1), 'every state before a write is in a backup, in order');
  });

  it('3. revert gives back the original bytes even where an in-place undo could not (a blank file, odd spacing)', async () => {
    for (const odd of ['', '  \n', '{ }', '{\n\n}\n\n']) {
      const { files } = settingsSandbox(odd);
      await applyClaudeSettings(files, everything, { now: sameSecond });
      assert.notEqual(readFileSync(files.settingsFile, 'utf8'), odd);
      await revertClaudeSettings(files, [], { now: sameSecond });
      assert.equal(readFileSync(files.settingsFile, 'utf8'), odd, JSON.stringify(odd));
    }
  });

  it('3. without the backup (deleted), revert still undoes our locations in place', async () => {
    const { files } = settingsSandbox(original);
    const plan = await applyClaudeSettings(files, everything, { now: sameSecond });
    rmSync(plan.backupFile!);
    await revertClaudeSettings(files, [], { now: sameSecond });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
  });

  it('3. a backup that no longer holds the original is not restored: revert goes in place', async () => {
    const { files } = settingsSandbox('{ }');
    const plan = await applyClaudeEnv(files, pushVars, { now: sameSecond });
    writeFileSync(plan.backupFile!, '{"someone": "else"}');
    await revertClaudeEnv(files, [], { now: sameSecond });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), '{}', 'our keys undone in place, the altered backup ignored');
  });

  it('3. after the user edits the file, revert keeps the edit (it does not roll back to the original bytes)', async () => {
    const { files } = settingsSandbox(original);
    await applyClaudeEnv(files, pushVars, { now: sameSecond });
    const edited = readFileSync(files.settingsFile, 'utf8').replace('"model": "opus"', '"model": "sonnet"');
    writeFileSync(files.settingsFile, edited);
    await revertClaudeEnv(files, [], { now: sameSecond });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original.replace('opus', 'sonnet'));
  });

  it('3. a second apply after a user edit no longer promises the first original bytes', async () => {
    const { files } = settingsSandbox(original);
    await applyClaudeEnv(files, pushVars, { now: sameSecond });
    writeFileSync(files.settingsFile, readFileSync(files.settingsFile, 'utf8').replace('"opus"', '"haiku"'));
    await applyClaudeEnv(files, scrapeVars, { now: sameSecond });
    await revertClaudeEnv(files, [], { now: sameSecond });
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original.replace('opus', 'haiku'), 'the edit made between the applies survives');
  });

  it('3. a file we created goes again on revert, and the record with it', async () => {
    const { files } = settingsSandbox();
    const plan = await applyClaudeSettings(files, everything, { now: sameSecond });
    assert.equal(plan.backupFile, null);
    await revertClaudeSettings(files, [], { now: sameSecond });
    assert.throws(() => readFileSync(files.settingsFile), /ENOENT/);
    assert.deepEqual(JSON.parse(readFileSync(files.recordFile, 'utf8')), {});
  });
});
