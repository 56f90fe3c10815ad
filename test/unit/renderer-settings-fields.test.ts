/** The Settings form's newer fields: plan-limit alert thresholds, project recording, the OTLP metrics URL. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../electron/core/config/settings-schema.js';
import { settingsPatchSchema, toPublicSettings } from '../../electron/core/config/settings-api.js';
import { fieldOfServerError, formFromSettings, formToPatch } from '../../renderer/src/settings/form.js';

const current = toPublicSettings(defaultSettings);

describe('renderer: settings, plan alerts', () => {
  it('the two thresholds show as two fields; untouched, they are no change', () => {
    const form = formFromSettings(current);
    assert.deepEqual([form.planAlertFirst, form.planAlertSecond], ['80', '95']);
    assert.deepEqual(formToPatch(form, current).patch, {});
  });
  it('changed: sent ascending, each once, and the patch passes the API schema', () => {
    const { patch, errors } = formToPatch({ ...formFromSettings(current), planAlertFirst: '90', planAlertSecond: '50%' }, current);
    assert.deepEqual(errors, {});
    assert.deepEqual(patch, { planAlertPercents: [50, 90] });
    assert.equal(settingsPatchSchema.safeParse(patch).success, true);
    assert.deepEqual(formToPatch({ ...formFromSettings(current), planAlertSecond: '80' }, current).patch, { planAlertPercents: [80] });
  });
  it('both empty: no plan-limit notifications', () => {
    assert.deepEqual(formToPatch({ ...formFromSettings(current), planAlertFirst: '', planAlertSecond: ' ' }, current).patch, { planAlertPercents: [] });
  });
  it('a third threshold from the file is kept; the same set in another order is no change', () => {
    const more = { ...current, planAlertPercents: [95, 80, 99] };
    assert.deepEqual(formToPatch(formFromSettings(more), more).patch, {});
    assert.deepEqual(formToPatch({ ...formFromSettings(more), planAlertFirst: '70' }, more).patch, { planAlertPercents: [70, 80, 99] });
  });
  it('not a whole percent from 1 to 100: an error on that field, nothing sent', () => {
    const { patch, errors } = formToPatch({ ...formFromSettings(current), planAlertFirst: '0', planAlertSecond: '101' }, current);
    assert.deepEqual(Object.keys(errors).sort(), ['planAlertFirst', 'planAlertSecond']);
    assert.deepEqual(patch, {});
    assert.ok(formToPatch({ ...formFromSettings(current), planAlertFirst: '80.5' }, current).errors.planAlertFirst);
  });
  it("the server's rejection of the list lands on the first field", () => {
    assert.equal(fieldOfServerError('updateSettings: patch.planAlertPercents: Too big'), 'planAlertFirst');
  });
});

describe('renderer: settings, project recording and the OTLP URL', () => {
  it('project recording: name, hash or off', () => {
    assert.equal(formFromSettings(current).projectRecording, 'name');
    assert.deepEqual(formToPatch({ ...formFromSettings(current), projectRecording: 'hash' }, current).patch, { projectRecording: 'hash' });
    assert.equal(fieldOfServerError('updateSettings: patch.projectRecording: Invalid option'), 'projectRecording');
  });
  it('the OTLP metrics URL: empty is the stack default (null); a URL is checked and sent trimmed', () => {
    assert.equal(formFromSettings(current).otlpMetricsUrl, '');
    const set = formToPatch({ ...formFromSettings(current), otlpMetricsUrl: ' https://vm.example.com/opentelemetry/v1/metrics ' }, current).patch;
    assert.deepEqual(set, { otlpMetricsUrl: 'https://vm.example.com/opentelemetry/v1/metrics' });
    assert.equal(settingsPatchSchema.safeParse(set).success, true);
    const withUrl = { ...current, otlpMetricsUrl: 'https://vm.example.com/opentelemetry/v1/metrics' };
    assert.deepEqual(formToPatch({ ...formFromSettings(withUrl), otlpMetricsUrl: '' }, withUrl).patch, { otlpMetricsUrl: null });
    assert.ok(formToPatch({ ...formFromSettings(current), otlpMetricsUrl: 'vm:8428' }, current).errors.otlpMetricsUrl);
  });
});
