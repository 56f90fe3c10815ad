import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyClaudeEnv, claudeSettingsFile, planApply, planRevert, revertClaudeEnv } from '../../electron/core/env/claude-settings.js';
import { claudeEnvFiles } from '../../electron/core/env/index.js';
import { envVars } from '../../electron/core/env/snippet.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(content?: string) {
  const root = mkdtempSync(join(tmpdir(), 'ccmon-env-'));
  dirs.push(root);
  const claudeDir = join(root, 'claude');
  const files = claudeEnvFiles({ CLAUDE_CONFIG_DIR: claudeDir, CCMON_CONFIG_DIR: join(root, 'app') });
  if (content !== undefined) {
    mkdirSync(claudeDir, { recursive: true });
    writeFileSync(files.settingsFile, content);
  }
  return { claudeDir, files };
}

const settings = { prometheusUrl: 'http://127.0.0.1:9090', lokiUrl: 'http://127.0.0.1:3100', exporterUrl: 'http://127.0.0.1:9464/metrics' };
const push = envVars('push', settings);
const scrape = envVars('scrape', settings);
const read = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));
const backups = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.ccmon-backup-'));

describe('Claude settings writer', () => {
  it('honours CLAUDE_CONFIG_DIR, else ~/.claude', () => {
    assert.equal(claudeSettingsFile({ CLAUDE_CONFIG_DIR: '/x/y' }), '/x/y/settings.json');
    assert.equal(claudeSettingsFile({ HOME: '/home/u' }), '/home/u/.claude/settings.json');
  });

  it('merges into env keeping every other key and its order, with a backup and the file mode kept', async () => {
    const original = { model: 'opus', env: { FOO: 'bar' }, permissions: { allow: ['Bash(ls:*)'] }, hooks: {} };
    const { claudeDir, files } = setup(`${JSON.stringify(original, null, 4)}\n`);
    chmodSync(files.settingsFile, 0o640);
    const plan = await applyClaudeEnv(files, push);
    assert.equal(plan.applied, true);
    const after = read(files.settingsFile) as Record<string, unknown>;
    assert.deepEqual(Object.keys(after), ['model', 'env', 'permissions', 'hooks']);
    assert.deepEqual(after.env, { FOO: 'bar', ...push });
    assert.deepEqual(after.permissions, original.permissions);
    assert.match(readFileSync(files.settingsFile, 'utf8'), /^\{\n {4}"model"/, 'indentation kept');
    assert.equal(statSync(files.settingsFile).mode & 0o777, 0o640);
    assert.deepEqual(backups(claudeDir).length, 1);
    assert.deepEqual(read(join(claudeDir, backups(claudeDir)[0]!)), original);
    assert.equal(readdirSync(claudeDir).filter((f) => f.endsWith('.tmp')).length, 0, 'no temp file left');
  });

  it('dry run previews and writes nothing', async () => {
    const { claudeDir, files } = setup('{"model":"opus"}');
    const plan = await applyClaudeEnv(files, push, { dryRun: true });
    assert.equal(plan.applied, false);
    assert.equal(plan.changes.length, Object.keys(push).length);
    assert.ok(plan.changes.every((c) => c.before === null));
    assert.equal(readFileSync(files.settingsFile, 'utf8'), '{"model":"opus"}');
    assert.deepEqual(backups(claudeDir), []);
    assert.equal(existsSync(files.recordFile), false);
  });

  it('creates the file when missing; applying twice changes nothing the second time', async () => {
    const { files } = setup();
    assert.equal((await applyClaudeEnv(files, push)).applied, true);
    assert.deepEqual(read(files.settingsFile), { env: push });
    const again = await applyClaudeEnv(files, push);
    assert.equal(again.applied, false);
    assert.equal(again.changes.length, 0);
  });

  it('refuses invalid JSON (and a non-object env) and leaves the file untouched', async () => {
    for (const bad of ['{"model": "opus",', '[1,2]', '{"env": "x"}']) {
      const { claudeDir, files } = setup(bad);
      await assert.rejects(applyClaudeEnv(files, push), (err: Error & { code?: string; hint?: string }) => {
        assert.match(err.message, /left untouched/);
        assert.ok(err.code?.startsWith('claude-settings-'));
        return true;
      });
      assert.equal(readFileSync(files.settingsFile, 'utf8'), bad);
      assert.deepEqual(backups(claudeDir), []);
    }
  });

  it('revert removes only the keys we added and restores values we replaced', async () => {
    const original = { env: { FOO: 'bar', OTEL_METRICS_EXPORTER: 'console' }, model: 'opus' };
    const { files } = setup(JSON.stringify(original, null, 2));
    await applyClaudeEnv(files, push);
    const plan = await revertClaudeEnv(files, [push, scrape]);
    assert.equal(plan.applied, true);
    assert.deepEqual(read(files.settingsFile), original);
  });

  it('revert leaves a value the user changed since', async () => {
    const { files } = setup('{"env":{}}');
    await applyClaudeEnv(files, push);
    const edited = read(files.settingsFile) as { env: Record<string, string> };
    edited.env.OTEL_METRIC_EXPORT_INTERVAL = '60000';
    writeFileSync(files.settingsFile, JSON.stringify(edited));
    const plan = await revertClaudeEnv(files, [push, scrape]);
    assert.deepEqual(plan.keptUserValues, ['OTEL_METRIC_EXPORT_INTERVAL']);
    assert.deepEqual(read(files.settingsFile), { env: { OTEL_METRIC_EXPORT_INTERVAL: '60000' } });
  });

  it('switching push → scrape drops the push-only keys it added', async () => {
    const { files } = setup('{}');
    await applyClaudeEnv(files, push);
    await applyClaudeEnv(files, scrape);
    assert.deepEqual((read(files.settingsFile) as { env: object }).env, scrape);
    await revertClaudeEnv(files, [push, scrape]);
    assert.deepEqual(read(files.settingsFile), {});
  });

  it('without a record, revert removes only managed keys holding our exact values', () => {
    const text = JSON.stringify({ env: { ...push, OTEL_METRICS_EXPORTER: 'console', OTHER: '1' } });
    const plan = planRevert(text, 'f', null, [push, scrape]);
    const env = (JSON.parse(plan.after) as { env: Record<string, string> }).env;
    assert.deepEqual(env, { OTEL_METRICS_EXPORTER: 'console', OTHER: '1' });
    assert.deepEqual(plan.keptUserValues, ['OTEL_METRICS_EXPORTER']);
  });

  it('planApply is pure: a reapply keeps the first previous value', () => {
    const first = planApply('{"env":{"OTEL_LOGS_EXPORTER":"console"}}', 'f', push, null, new Date(0));
    assert.equal(first.record.keys.OTEL_LOGS_EXPORTER!.previous, 'console');
    const second = planApply(first.plan.after, 'f', push, first.record, new Date(1));
    assert.equal(second.plan.changes.length, 0);
    assert.equal(second.record.keys.OTEL_LOGS_EXPORTER!.previous, 'console');
  });
});
