/** Settings migrations tied to the app version. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, migrateSettings, readVersionStamp, settingsMigrations, type Migration } from '../../electron/core/config/migrations.js';

const log: string[] = [];
const fake: Migration[] = [
  { version: '0.3.0', description: 'c', up: (r) => (log.push('0.3.0'), { ...r, c: true }) },
  { version: '0.1.0', description: 'a', up: (r) => (log.push('0.1.0'), { ...r, a: true }) },
  { version: '0.2.0', description: 'b', up: (r) => (log.push('0.2.0'), { ...r, b: true }) },
];
const stamped = (v: string, extra: Record<string, unknown> = {}) => ({ ...extra, __internal__: { migrations: { version: v } } });

test('applies, in version order, the migrations newer than the file and not newer than the app, then stamps the app version', () => {
  log.length = 0;
  const out = migrateSettings(stamped('0.1.0', { x: 1 }), '0.2.5', fake);
  assert.deepEqual(out.applied, ['0.2.0']);
  assert.deepEqual(log, ['0.2.0']);
  assert.deepEqual(out.data, { x: 1, b: true, __internal__: { migrations: { version: '0.2.5' } } });
  assert.equal(readVersionStamp(out.data), '0.2.5');
});

test('a file without a stamp gets every migration up to the app version', () => {
  log.length = 0;
  const out = migrateSettings({}, '0.3.0', fake);
  assert.deepEqual(out.applied, ['0.1.0', '0.2.0', '0.3.0']);
  assert.deepEqual(log, ['0.1.0', '0.2.0', '0.3.0']);
});

test('same version: nothing runs; a file from a newer app is left alone', () => {
  assert.deepEqual(migrateSettings(stamped('0.3.0'), '0.3.0', fake).applied, []);
  const newer = migrateSettings(stamped('9.0.0', { futureKey: 1 }), '0.3.0', fake);
  assert.equal(newer.fromNewerVersion, true);
  assert.deepEqual(newer.data, stamped('9.0.0', { futureKey: 1 }));
});

test('other __internal__ keys (electron-store’s) are kept', () => {
  const out = migrateSettings({ __internal__: { other: 1, migrations: { version: '0.0.1', extra: 2 } } }, '0.1.0', []);
  assert.deepEqual(out.data.__internal__, { other: 1, migrations: { version: '0.1.0', extra: 2 } });
});

test('semver comparison, with pre-releases before releases', () => {
  assert.equal(compareVersions('0.10.0', '0.9.9'), 1);
  assert.equal(compareVersions('1.0.0-beta.1', '1.0.0'), -1);
  assert.equal(compareVersions('1.0.0', '1.0.0'), 0);
  assert.equal(compareVersions('v2.0.0', '1.99.99'), 1);
  assert.throws(() => compareVersions('x', '1.0.0'), /not a version/);
});

test('0.1.0 baseline: hand-written values become what the schema accepts', () => {
  const out = migrateSettings({ dailyBudgetUsd: 0, monthlyBudgetUsd: '$200', refreshIntervalSeconds: '1', prometheusUrl: ' http://127.0.0.1:9090/ ' }, '0.1.0', settingsMigrations);
  assert.deepEqual(out.applied, ['0.1.0']);
  assert.equal(out.data.dailyBudgetUsd, null);
  assert.equal(out.data.monthlyBudgetUsd, 200);
  assert.equal(out.data.refreshIntervalSeconds, 2);
  assert.equal(out.data.prometheusUrl, 'http://127.0.0.1:9090');
});

test('the CLI reads a not-yet-migrated file as migrated, without writing it', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { readSettingsFile } = await import('../../electron/core/config/settings-file.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-read-'));
  const file = path.join(dir, 'config.json');
  const text = JSON.stringify({ dailyBudgetUsd: 0, refreshIntervalSeconds: '30' });
  fs.writeFileSync(file, text);
  const read = await readSettingsFile(file);
  assert.equal(read.problem, undefined);
  assert.equal(read.settings.dailyBudgetUsd, null);
  assert.equal(read.settings.refreshIntervalSeconds, 30);
  assert.equal(fs.readFileSync(file, 'utf8'), text, 'untouched');
});
