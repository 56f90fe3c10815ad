/** `ccmon doctor` for a shared backend: each failure says what is wrong and what to do. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remoteDoctorReport, type RemoteFacts } from '../../electron/core/doctor/remote.js';
import type { BackendView } from '../../electron/core/config/backend-view.js';

const view: BackendView = {
  kind: 'remote',
  name: 'team',
  queryUrl: 'https://vm.example',
  otlpMetricsUrl: 'https://vm.example/opentelemetry/v1/metrics',
  eventsUrl: null,
  auth: 'bearer',
  credential: { set: true, source: 'secret store' },
  headers: {},
  caFile: null,
  resourceAttributes: { 'host.name': 'laptop-a' },
  identity: { label: 'user_id', value: 'abc' },
  defaultScope: 'me',
  secretStore: { kind: 'file', detail: '/home/u/.config/x/secrets.json (readable by you only)' },
};
const healthy: RemoteFacts = { view, read: { ok: true, roundTripMs: 12, skewMs: 800 }, push: { ok: true, status: 200 }, fromThisMachine: { series: 4, mine: 4 }, secretsFileOpen: null };
const ids = (f: RemoteFacts) => Object.fromEntries(remoteDoctorReport(f).checks.map((c) => [c.id, c]));

describe('remote doctor', () => {
  it('all good: reachable, credentials, clock, push, data from this machine', () => {
    const checks = remoteDoctorReport(healthy).checks;
    assert.deepEqual(checks.map((c) => [c.id, c.ok]), [['backend-reachable', true], ['backend-credentials', true], ['clock-skew', true], ['otlp-push', true], ['data-from-this-machine', true]]);
    assert.match(checks[1]!.detail, /token from the secret store/);
  });

  it('a clock off by more than 30 s, each way, with the fix', () => {
    const behind = ids({ ...healthy, read: { ok: true, roundTripMs: 1, skewMs: 95_000 } })['clock-skew']!;
    assert.equal(behind.ok, false);
    assert.match(behind.detail, /95 s behind.*in the past/);
    assert.match(behind.hint ?? '', /network time/);
    assert.match(ids({ ...healthy, read: { ok: true, roundTripMs: 1, skewMs: -40_000 } })['clock-skew']!.detail, /ahead of.*in the future/);
  });

  it('refused credentials: reachable, but the credentials check fails with the read hint', () => {
    const c = ids({ ...healthy, read: { ok: false, code: 'prometheus-auth', message: 'The backend refused the request (HTTP 401).', hint: 'No token is set.' } });
    assert.equal(c['backend-reachable']!.ok, true);
    assert.deepEqual([c['backend-credentials']!.ok, c['backend-credentials']!.hint], [false, 'No token is set.']);
    assert.equal(c['clock-skew'], undefined);
  });

  it("an untrusted certificate points at the CA setting", () => {
    const c = ids({ ...healthy, read: { ok: false, code: 'prometheus-unreachable', message: 'The backend is not reachable (SELF_SIGNED_CERT_IN_CHAIN).' }, fromThisMachine: null });
    assert.match(c['backend-reachable']!.hint ?? '', /--ca-file/);
  });

  it('a push that is not taken names the OTLP paths of each engine; no data from this machine says how to send some', () => {
    const c = ids({ ...healthy, push: { ok: false, error: 'https://vm.example/v1/metrics answered HTTP 404' }, fromThisMachine: { series: 0, mine: null } });
    assert.match(c['otlp-push']!.hint ?? '', /VictoriaMetrics \/opentelemetry\/v1\/metrics, Mimir \/otlp\/v1\/metrics/);
    assert.equal(c['data-from-this-machine']!.ok, false);
    assert.match(c['data-from-this-machine']!.detail, /host_name="laptop-a"/);
    assert.match(c['data-from-this-machine']!.hint ?? '', /ccmon env --apply/);
  });

  it('a secrets file others can read comes first, with the chmod', () => {
    const first = remoteDoctorReport({ ...healthy, secretsFileOpen: '/home/u/.config/x/secrets.json' }).checks[0]!;
    assert.equal(first.id, 'secrets-file');
    assert.match(first.hint ?? '', /chmod 600/);
  });
});
