/** Corrupt-file recovery (backup + defaults + notice), repairs, atomic writes, patches, the shared file. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { applySettingsPatch, backupPathFor, createFileSettingsProvider, loadSettingsFile, recoverSettings, saveSettings } from '../../electron/core/config/settings-store.js';
import { readSettingsFile } from '../../electron/core/config/settings-file.js';
import { readVersionStamp } from '../../electron/core/config/migrations.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-settings-'));
const now = new Date('2026-11-28T01:02:03.004Z');

test('pure: no file → defaults, nothing to write, no notice', () => {
  assert.deepEqual(recoverSettings({ text: null, appVersion: '0.1.0' }), { settings: defaultSettings, rewrite: null, backup: null, notices: [] });
});

test('pure: invalid JSON and non-objects → corrupt: defaults, a backup, a notice', () => {
  for (const text of ['{"prometheusUrl": "http://x', '[1,2]', 'null', '42', '']) {
    const out = recoverSettings({ text, appVersion: '0.1.0' });
    assert.deepEqual(out.settings, defaultSettings, text);
    assert.equal(out.backup, 'corrupt');
    assert.equal(out.notices[0]?.kind, 'corrupt-file');
    assert.equal(readVersionStamp(out.rewrite!), '0.1.0');
  }
});

test('pure: one bad value costs only that value (reset, backed up, named in the notice)', () => {
  const out = recoverSettings({ text: JSON.stringify({ prometheusUrl: 'http://10.0.0.5:9090', grafanaUrl: 'ftp://nope', telemetryMode: 'carrier-pigeon', __internal__: { migrations: { version: '0.1.0' } } }), appVersion: '0.1.0' });
  assert.equal(out.settings.prometheusUrl, 'http://10.0.0.5:9090');
  assert.equal(out.settings.grafanaUrl, defaultSettings.grafanaUrl);
  assert.equal(out.settings.telemetryMode, 'push');
  assert.equal(out.backup, 'repaired');
  assert.equal(out.notices[0]?.kind, 'invalid-values');
  assert.match(out.notices[0].message, /grafanaUrl.*ftp:\/\/nope.*telemetryMode.*carrier-pigeon/);
});

test('pure: a current, valid file needs nothing', () => {
  const text = JSON.stringify({ ...defaultSettings, dailyBudgetUsd: 10, __internal__: { migrations: { version: '0.1.0' } } });
  const out = recoverSettings({ text, appVersion: '0.1.0' });
  assert.equal(out.rewrite, null);
  assert.equal(out.backup, null);
  assert.deepEqual(out.notices, []);
  assert.equal(out.settings.dailyBudgetUsd, 10);
});

test('fs: a corrupt file is copied aside, replaced by defaults, and the notice says where the backup is', () => {
  const dir = tmp();
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, '{"dailyBudgetUsd": 25, oops');
  const { settings, notices } = loadSettingsFile(file, '0.1.0', { now });
  assert.deepEqual(settings, defaultSettings);
  const backup = backupPathFor(file, 'corrupt', now);
  assert.equal(backup, path.join(dir, 'config.corrupt-2026-11-28T01-02-03-004Z.json'));
  assert.equal(fs.readFileSync(backup, 'utf8'), '{"dailyBudgetUsd": 25, oops', 'the original bytes are kept');
  assert.equal(notices[0]?.backupPath, backup);
  assert.match(notices[0].message, /not valid JSON.*Backup: /);
  const rewritten = JSON.parse(fs.readFileSync(file, 'utf8')) as { refreshIntervalSeconds: number; __internal__: { migrations: { version: string } } };
  assert.equal(rewritten.refreshIntervalSeconds, 15);
  assert.equal(rewritten.__internal__.migrations.version, '0.1.0');
  // The CLI's read-only reader now reads the same, valid file without complaint.
  return readSettingsFile(file).then((r) => assert.equal(r.problem, undefined));
});

test('fs: a migration that changes values backs up first; a second load changes nothing', () => {
  const dir = tmp();
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ dailyBudgetUsd: 0, refreshIntervalSeconds: 30 }));
  const first = loadSettingsFile(file, '0.1.0', { now });
  assert.equal(first.settings.dailyBudgetUsd, null);
  assert.equal(first.settings.refreshIntervalSeconds, 30);
  assert.equal(first.notices[0]?.kind, 'migrated');
  assert.ok(fs.existsSync(backupPathFor(file, 'migrated', now)));
  const before = fs.readFileSync(file, 'utf8');
  const second = loadSettingsFile(file, '0.1.0', { now: new Date(now.getTime() + 1000) });
  assert.deepEqual(second.notices, []);
  assert.equal(fs.readFileSync(file, 'utf8'), before);
  assert.equal(fs.readdirSync(dir).length, 2);
});

test('fs: no file → defaults and no file created by loading', () => {
  const dir = tmp();
  const file = path.join(dir, 'config.json');
  assert.deepEqual(loadSettingsFile(file, '0.1.0').settings, defaultSettings);
  assert.equal(fs.existsSync(file), false);
});

test('fs: saving is atomic and keeps keys it does not own; no temp files are left', () => {
  const dir = tmp();
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ futureKey: 'kept', __internal__: { migrations: { version: '0.0.9' }, other: 1 } }));
  saveSettings(file, { ...defaultSettings, monthlyBudgetUsd: 300 }, '0.1.0');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { futureKey: unknown; monthlyBudgetUsd: number; __internal__: unknown };
  assert.equal(json.futureKey, 'kept');
  assert.equal(json.monthlyBudgetUsd, 300);
  assert.deepEqual(json.__internal__, { migrations: { version: '0.1.0' }, other: 1 });
  assert.deepEqual(fs.readdirSync(dir), ['config.json']);
});

test('patches: partial, validated, never reset other values to defaults', () => {
  const current = { ...defaultSettings, dailyBudgetUsd: 10, refreshIntervalSeconds: 30 };
  assert.deepEqual(applySettingsPatch(current, {}), current);
  assert.deepEqual(applySettingsPatch(current, { telemetryMode: 'scrape' }), { ...current, telemetryMode: 'scrape' });
  assert.equal(applySettingsPatch(current, { dailyBudgetUsd: null }).dailyBudgetUsd, null);
  assert.throws(() => applySettingsPatch(current, { refreshIntervalSeconds: 0 }), /refreshIntervalSeconds/);
  assert.throws(() => applySettingsPatch(current, { grafanaUrl: 'javascript:alert(1)' }), /grafanaUrl/);
  assert.throws(() => applySettingsPatch(current, { unknown: 1 }), (e: Error & { code?: string }) => e.code === 'invalid-settings');
});

test('the file provider (web mode) writes the file the CLI reads', async () => {
  const dir = tmp();
  const file = path.join(dir, 'config.json');
  const provider = createFileSettingsProvider({ file, appVersion: '0.1.0' });
  const view = await provider.update({ prometheusUrl: 'http://127.0.0.1:19090', dailyBudgetUsd: 5 });
  assert.equal(view.settings.prometheusUrl, 'http://127.0.0.1:19090');
  assert.equal(view.writable, true);
  assert.equal((await readSettingsFile(file)).settings.prometheusUrl, 'http://127.0.0.1:19090');
  await assert.rejects(provider.update({ refreshIntervalSeconds: 99999 }), /refreshIntervalSeconds/);
  assert.equal((await readSettingsFile(file)).settings.dailyBudgetUsd, 5);
});
