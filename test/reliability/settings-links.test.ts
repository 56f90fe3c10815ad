import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { AppError } from '../../electron/core/api/error-codes.js';
import { applyClaudeEnv, applyClaudeSettings, revertClaudeEnv, revertClaudeSettings } from '../../electron/core/env/claude-settings.js';
import { backupsIn, everything, pushVars, settingsSandbox } from '../support/claude-settings.js';

const original = '{\n  "model": "opus"\n}\n';
const isRoot = process.getuid?.() === 0;

function refusedWith(code: string, pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    assert.match(err.message, /\.$/, 'a sentence');
    assert.ok(err.hint, 'says what to do');
    return true;
  };
}

describe('settings.json links, permissions and owner', () => {
  it('4. a symlinked settings.json stays a link and its target changes', async () => {
    const { root, claudeDir, files } = settingsSandbox();
    mkdirSync(join(root, 'dotfiles'));
    const target = join(root, 'dotfiles', 'x.json');
    writeFileSync(target, original);
    symlinkSync('../dotfiles/x.json', files.settingsFile);
    await applyClaudeSettings(files, everything);
    assert.ok(lstatSync(files.settingsFile).isSymbolicLink(), 'still a link');
    assert.equal(readlinkSync(files.settingsFile), '../dotfiles/x.json');
    assert.deepEqual((JSON.parse(readFileSync(target, 'utf8')) as { env: object }).env, pushVars);
    assert.deepEqual(readdirSync(join(root, 'dotfiles')), ['x.json'], 'no temp file left beside the target');
    assert.equal(readFileSync(join(claudeDir, backupsIn(claudeDir)[0]!), 'utf8'), original, 'the backup holds the target bytes');
    await revertClaudeSettings(files, []);
    assert.ok(lstatSync(files.settingsFile).isSymbolicLink(), 'still a link after revert');
    assert.equal(readFileSync(target, 'utf8'), original);
  });

  it('4. a link to a link is followed to the end', async () => {
    const { root, files } = settingsSandbox();
    const target = join(root, 'real.json');
    writeFileSync(target, original);
    symlinkSync(target, join(root, 'middle.json'));
    symlinkSync(join(root, 'middle.json'), files.settingsFile);
    await applyClaudeEnv(files, pushVars);
    assert.ok(lstatSync(join(root, 'middle.json')).isSymbolicLink());
    assert.ok(lstatSync(files.settingsFile).isSymbolicLink());
    assert.deepEqual((JSON.parse(readFileSync(target, 'utf8')) as { env: object }).env, pushVars);
  });

  it('4. a dangling link is refused, nothing written', async () => {
    const { root, claudeDir, files } = settingsSandbox();
    symlinkSync('../dotfiles/missing.json', files.settingsFile);
    for (const run of [() => applyClaudeSettings(files, everything), () => applyClaudeEnv(files, pushVars, { dryRun: true }), () => revertClaudeSettings(files, [everything])]) {
      await assert.rejects(run(), refusedWith('claude-settings-dangling-link', /is a symbolic link to \.\.\/dotfiles\/missing\.json, which does not exist; it was left untouched\./));
    }
    assert.equal(readlinkSync(files.settingsFile), '../dotfiles/missing.json');
    assert.equal(existsSync(join(root, 'dotfiles')), false, 'the target was not created');
    assert.deepEqual(readdirSync(claudeDir), ['settings.json']);
    assert.equal(existsSync(files.recordFile), false);
  });

  it('4. a read-only file is refused with a sentence', async () => {
    const { claudeDir, files } = settingsSandbox(original);
    chmodSync(files.settingsFile, 0o444);
    for (const run of [() => applyClaudeEnv(files, pushVars), () => applyClaudeEnv(files, pushVars, { dryRun: true })]) {
      await assert.rejects(run(), (err: unknown) => {
        refusedWith('claude-settings-read-only', /is read-only \(mode 0444\) and ccmon does not write over that; it was left untouched\./)(err);
        assert.match((err as AppError).hint!, /chmod u\+w/);
        return true;
      });
    }
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
    assert.equal(statSync(files.settingsFile).mode & 0o777, 0o444);
    assert.deepEqual(backupsIn(claudeDir), []);
    assert.equal(existsSync(files.recordFile), false);
  });

  it('4. a read-only file that already has our settings is not an error (nothing to write)', async () => {
    const { files } = settingsSandbox(original);
    await applyClaudeEnv(files, pushVars);
    chmodSync(files.settingsFile, 0o444);
    const again = await applyClaudeEnv(files, pushVars);
    assert.equal(again.applied, false);
    assert.equal(again.changes.length, 0);
  });

  it('4. as a non-root user: a file it cannot write (access W_OK), or another user’s file, is refused', { skip: !isRoot && 'needs root to run a child as another uid' }, () => {
    const { root, files } = settingsSandbox(original);
    for (const dir of [root, join(root, 'claude')]) chmodSync(dir, 0o777);
    const theirs = join(root, 'claude', 'theirs.json');
    writeFileSync(theirs, original);
    chmodSync(files.settingsFile, 0o644); // root may write it, uid 65534 may not
    chmodSync(theirs, 0o666); // anyone may write it, but replacing it would change its owner
    const script = join(root, 'apply.mts');
    const module = fileURLToPath(new URL('../../electron/core/env/claude-settings.ts', import.meta.url));
    writeFileSync(
      script,
      `import { applyClaudeEnv } from ${JSON.stringify(module)};
for (const settingsFile of ${JSON.stringify([files.settingsFile, theirs])}) {
  await applyClaudeEnv({ settingsFile, recordFile: ${JSON.stringify(files.recordFile)} }, { CLAUDE_CODE_ENABLE_TELEMETRY: '1' }).then(
    () => console.log(JSON.stringify({ ok: true })),
    (err) => console.log(JSON.stringify({ code: err.code, message: err.message })),
  );
}`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, HOME: root } });
    assert.equal(child.status, 0, child.stderr);
    const [unwritable, foreign] = child.stdout.trim().split('\n').slice(-2).map((line) => JSON.parse(line) as { code?: string; message?: string });
    assert.equal(unwritable!.code, 'claude-settings-read-only');
    assert.match(unwritable!.message!, /is not writable by this user \(it belongs to uid 0, mode 0644\); it was left untouched\./);
    assert.equal(foreign!.code, 'claude-settings-read-only');
    assert.match(foreign!.message!, /belongs to uid 0, and replacing it as uid 65534 would take it from its owner; it was left untouched\./);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
    assert.equal(readFileSync(theirs, 'utf8'), original);
    assert.equal(statSync(theirs).uid, 0);
  });

  it('4. mode and owner are kept (chown to a non-root uid when run as root)', async () => {
    const { claudeDir, files } = settingsSandbox(original);
    chmodSync(files.settingsFile, 0o640);
    if (isRoot) chownSync(files.settingsFile, 1234, 2345);
    const plan = await applyClaudeSettings(files, everything);
    const after = statSync(files.settingsFile);
    assert.equal(after.mode & 0o777, 0o640);
    if (isRoot) {
      assert.deepEqual([after.uid, after.gid], [1234, 2345], 'still the user’s file');
      const backup = statSync(plan.backupFile!);
      assert.deepEqual([backup.uid, backup.gid, backup.mode & 0o777], [1234, 2345, 0o640], 'the backup is the user’s too');
    }
    await revertClaudeSettings(files, []);
    const reverted = statSync(files.settingsFile);
    assert.equal(reverted.mode & 0o777, 0o640);
    if (isRoot) assert.deepEqual([reverted.uid, reverted.gid], [1234, 2345]);
    assert.equal(readFileSync(files.settingsFile, 'utf8'), original);
    assert.equal(readdirSync(claudeDir).filter((f) => !f.includes('.ccmon-backup-') && f !== 'settings.json').length, 0, 'no temp file left');
  });

  it('4. a settings.json we create is private to its user (0600)', async () => {
    const { files } = settingsSandbox();
    await applyClaudeEnv(files, pushVars);
    assert.equal(statSync(files.settingsFile).mode & 0o777, 0o600);
    await revertClaudeEnv(files, []);
    assert.equal(existsSync(files.settingsFile), false);
  });
});
