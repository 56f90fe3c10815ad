/** The Settings form's Backend card: local or shared, its auth, headers and attributes as rows, checked as the schema checks them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackendView } from '../../electron/core/api/types.js';
import { defaultSettings, settingsSchema } from '../../electron/core/config/settings-schema.js';
import { settingsPatchSchema, toPublicSettings } from '../../electron/core/config/settings-api.js';
import { withBackendKind } from '../../renderer/src/settings/backend-form.js';
import { fieldOfServerError, formFromSettings, formToPatch } from '../../renderer/src/settings/form.js';
import { secretProblem, secretStatus } from '../../renderer/src/settings/secret-status.js';

const local = toPublicSettings(defaultSettings);
const remote = toPublicSettings(
  settingsSchema.parse({
    prometheusUrl: 'https://vm.example/select/0/prometheus',
    otlpMetricsUrl: 'https://vm.example/opentelemetry/v1/metrics',
    backend: { kind: 'remote', name: 'team', auth: 'bearer', headers: { 'X-Scope-OrgID': 'acme' }, resourceAttributes: { team: 'platform' } },
  }),
);

describe('renderer: settings, the backend', () => {
  it('untouched, local or shared, is no change', () => {
    assert.deepEqual(formToPatch(formFromSettings(local), local), { patch: {}, errors: {} });
    assert.deepEqual(formToPatch(formFromSettings(remote), remote), { patch: {}, errors: {} });
    assert.deepEqual(formFromSettings(remote).backendHeaders, [{ name: 'X-Scope-OrgID', value: 'acme' }]);
  });
  it('a Prometheus off this machine is a shared backend even when the file says local; untouched, still no change', () => {
    const offMachine = { ...local, prometheusUrl: 'https://prom.example' };
    assert.equal(formFromSettings(offMachine).backendKind, 'remote');
    assert.deepEqual(formToPatch(formFromSettings(offMachine), offMachine).patch, {});
  });
  it('choosing a shared backend: its URLs, bearer auth, a header and an attribute, sent as the schema takes them', () => {
    const form = {
      ...formFromSettings(local),
      ...withBackendKind('remote', local),
      prometheusUrl: 'http://127.0.0.1:8427 ',
      otlpMetricsUrl: 'http://127.0.0.1:8427/opentelemetry/v1/metrics',
      backendName: ' team ',
      backendAuth: 'bearer' as const,
      backendHeaders: [{ name: 'X-Scope-OrgID', value: 'acme' }, { name: '', value: '' }],
      resourceAttributes: [{ name: 'team', value: 'platform' }],
    };
    const { patch, errors } = formToPatch(form, local);
    assert.deepEqual(errors, {});
    assert.equal(patch.prometheusUrl, 'http://127.0.0.1:8427');
    assert.equal(patch.otlpMetricsUrl, 'http://127.0.0.1:8427/opentelemetry/v1/metrics');
    assert.deepEqual(patch.backend, { ...defaultSettings.backend, kind: 'remote', name: 'team', auth: 'bearer', headers: { 'X-Scope-OrgID': 'acme' }, resourceAttributes: { team: 'platform' } });
    assert.equal(settingsPatchSchema.safeParse(patch).success, true);
  });
  it('choosing the local stack puts the reads and pushes back on it; choosing the saved kind again restores its URLs', () => {
    assert.deepEqual(withBackendKind('local', remote), { backendKind: 'local', prometheusUrl: 'http://127.0.0.1:9090', otlpMetricsUrl: '' });
    assert.deepEqual(withBackendKind('remote', remote), { backendKind: 'remote', prometheusUrl: remote.prometheusUrl, otlpMetricsUrl: remote.otlpMetricsUrl });
    const { patch } = formToPatch({ ...formFromSettings(remote), ...withBackendKind('local', remote) }, remote);
    assert.equal(patch.prometheusUrl, 'http://127.0.0.1:9090');
    assert.equal(patch.otlpMetricsUrl, null);
    assert.equal(patch.backend?.kind, 'local');
  });
  it('bad rows are named by row, and nothing of the backend is sent', () => {
    const bad = (rows: { name: string; value: string }[]) => formToPatch({ ...formFromSettings(remote), backendHeaders: rows }, remote);
    assert.match(bad([{ name: 'X Org', value: 'a' }]).errors.backendHeaders ?? '', /^Row 1: the name "X Org"/);
    assert.match(bad([{ name: 'X-A', value: 'a,b' }]).errors.backendHeaders ?? '', /without commas/);
    assert.match(bad([{ name: 'authorization', value: 'Bearer x' }]).errors.backendHeaders ?? '', /carries a secret/);
    assert.match(bad([{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }]).errors.backendHeaders ?? '', /^Row 2: "x-a" is there twice/);
    assert.match(bad([{ name: 'X-A', value: '' }]).errors.backendHeaders ?? '', /give X-A a value/);
    assert.equal(bad([{ name: 'X A', value: '1' }]).patch.backend, undefined);
    const attr = formToPatch({ ...formFromSettings(remote), resourceAttributes: [{ name: 'team', value: 'plat form' }] }, remote);
    assert.match(attr.errors.resourceAttributes ?? '', /^Row 1: the value of team/);
  });
  it('basic auth needs a user name; the Loki URL is checked; emptied fields are null', () => {
    assert.ok(formToPatch({ ...formFromSettings(remote), backendAuth: 'basic', basicUsername: ' ' }, remote).errors.basicUsername);
    assert.ok(formToPatch({ ...formFromSettings(remote), backendLokiUrl: 'loki:3100' }, remote).errors.backendLokiUrl);
    const withCa = { ...remote, backend: { ...remote.backend, caFile: '/ca.pem', lokiUrl: 'https://loki.example' } };
    const { patch } = formToPatch({ ...formFromSettings(withCa), caFile: '', backendLokiUrl: ' ' }, withCa);
    assert.deepEqual([patch.backend?.caFile, patch.backend?.lokiUrl], [null, null]);
  });
  it("the server's rejection of a backend field lands on that field", () => {
    assert.equal(fieldOfServerError('updateSettings: patch.backend.lokiUrl: Use an http(s) URL'), 'backendLokiUrl');
    assert.equal(fieldOfServerError('updateSettings: patch.backend.headers.X A: Invalid key'), 'backendHeaders');
    assert.equal(fieldOfServerError('updateSettings: patch.prometheusUrl: Invalid URL'), 'prometheusUrl');
  });
});

describe('renderer: settings, the backend secret', () => {
  const view = (auth: BackendView['auth'], source: BackendView['credential']['source']): BackendView => ({
    kind: 'remote',
    name: 'team',
    queryUrl: 'https://vm.example',
    otlpMetricsUrl: 'https://vm.example/opentelemetry/v1/metrics',
    eventsUrl: null,
    auth,
    credential: { set: source !== null, source },
    headers: {},
    caFile: null,
    resourceAttributes: {},
    identity: null,
    defaultScope: 'all',
    secretStore: { kind: 'file', detail: '/cfg/secrets.json (readable by you only)' },
  });
  it('says where it is kept, or where it comes from; never the value (the view has none)', () => {
    assert.deepEqual(secretStatus(view('bearer', 'secret store'), 'token'), { stored: true, text: 'Token stored in /cfg/secrets.json (readable by you only).' });
    assert.match(secretStatus(view('bearer', 'environment'), 'token').text, /CCMON_BEARER_TOKEN/);
    assert.deepEqual(secretStatus(view('bearer', null), 'token').stored, false);
    // The saved auth is bearer: a password for basic auth (chosen but not saved yet) is not known to be there.
    assert.equal(secretStatus(view('bearer', 'secret store'), 'password').stored, false);
    assert.equal(secretStatus(view('basic', 'secret store'), 'password').text, 'Password stored in /cfg/secrets.json (readable by you only).');
  });
  it("the API's refusal reads without the method's name", () => {
    assert.equal(secretProblem('setBackendSecret: value: one line without spaces or control characters'), 'one line without spaces or control characters');
  });
});
