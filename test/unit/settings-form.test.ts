/** The Settings panel's form logic: strings in, a validated patch of what changed out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { toPublicSettings } from '../../electron/core/config/settings-api.js';
import { settingsPatchSchema } from '../../electron/core/config/settings-api.js';
import { fieldOfServerError, formFromSettings, formToPatch } from '../../renderer/src/settings/form.js';

const current = toPublicSettings({ ...defaultSettings, dailyBudgetUsd: 20 });

test('an untouched form is no change', () => {
  assert.deepEqual(formToPatch(formFromSettings(current), current), { patch: {}, errors: {} });
});

test('only changed fields are sent, typed, and the patch passes the API schema', () => {
  const form = { ...formFromSettings(current), grafanaUrl: ' http://127.0.0.1:3002 ', refreshIntervalSeconds: '30', telemetryMode: 'scrape' as const, dailyBudgetUsd: '', monthlyBudgetUsd: '$150.5', launchAtLogin: true };
  const { patch, errors } = formToPatch(form, current);
  assert.deepEqual(errors, {});
  assert.deepEqual(patch, { grafanaUrl: 'http://127.0.0.1:3002', refreshIntervalSeconds: 30, telemetryMode: 'scrape', dailyBudgetUsd: null, monthlyBudgetUsd: 150.5, launchAtLogin: true });
  assert.equal(settingsPatchSchema.safeParse(patch).success, true);
});

test('bad values are named per field and not sent', () => {
  const form = { ...formFromSettings(current), prometheusUrl: 'localhost:9090', lokiUrl: 'ftp://x', refreshIntervalSeconds: '1', monthlyBudgetUsd: 'lots' };
  const { patch, errors } = formToPatch(form, current);
  assert.deepEqual(Object.keys(errors).sort(), ['lokiUrl', 'monthlyBudgetUsd', 'prometheusUrl', 'refreshIntervalSeconds']);
  assert.deepEqual(patch, {});
});

test('a budget of 0 means none', () => {
  assert.deepEqual(formToPatch({ ...formFromSettings(current), dailyBudgetUsd: '0' }, current).patch, { dailyBudgetUsd: null });
});

test('server validation messages map back to their field', () => {
  assert.equal(fieldOfServerError('updateSettings: patch.grafanaUrl: Invalid URL'), 'grafanaUrl');
  assert.equal(fieldOfServerError('refreshIntervalSeconds: Too small'), 'refreshIntervalSeconds');
  assert.equal(fieldOfServerError('Settings cannot be changed from this host'), null);
});
