/**
 * Claude Code's side of a shared backend: the variables `ccmon env` writes for it, the headers helper
 * in settings.json (applied and reverted exactly, the user's own put back), `ccmon otel-headers`, the
 * managed settings, and how a refused read names the backend and the fix.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../electron/cli/index.js';
import { otelHeaders } from '../../electron/cli/hot/otel-headers.js';
import { backendWording } from '../../electron/core/config/backend.js';
import { defaultSettings, type Settings } from '../../electron/core/config/settings-schema.js';
import { planSettingsApply, planSettingsRevert } from '../../electron/core/env/claude-settings.js';
import { managedDesired, managedSettingsFile } from '../../electron/core/env/managed.js';
import { labelSafe, pushTargetOf } from '../../electron/core/env/push-target.js';
import { envSnippet, envVars, managedKeys } from '../../electron/core/env/snippet.js';
import { tempDir } from '../support/tmp.js';

const remote = (backend: Partial<Settings['backend']> = {}): Settings => ({
  ...defaultSettings,
  prometheusUrl: 'https://vm.example/select/0/prometheus',
  otlpMetricsUrl: 'https://vm.example/insert/0/opentelemetry/v1/metrics',
  backend: { ...defaultSettings.backend, kind: 'remote', name: 'team', ...backend },
});

async function ccmon(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false }, env);
  return { code, out, err };
}

describe('ccmon env for a shared backend', () => {
  it('pushes with host.name and the team attributes, the headers that are not secrets, the CA; no events without a Loki', () => {
    const settings = remote({ headers: { 'X-Scope-OrgID': 'acme' }, resourceAttributes: { team: 'platform' }, caFile: '/etc/ssl/team.pem', auth: 'bearer' });
    const target = pushTargetOf(settings, {}, 'laptop 7');
    assert.deepEqual(envVars('push', settings, target), {
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'https://vm.example/insert/0/opentelemetry/v1/metrics',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative',
      OTEL_METRIC_EXPORT_INTERVAL: '10000',
      OTEL_EXPORTER_OTLP_HEADERS: 'X-Scope-OrgID=acme',
      OTEL_RESOURCE_ATTRIBUTES: 'host.name=laptop-7,team=platform',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/team.pem',
    });
    for (const key of Object.keys(envVars('push', settings, target))) assert.ok((managedKeys as readonly string[]).includes(key), `${key} is one revert may remove`);
    const withLoki = envVars('push', remote({ lokiUrl: 'https://logs.example' }), pushTargetOf(remote({ lokiUrl: 'https://logs.example' }), {}, 'h'));
    assert.equal(withLoki.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, 'https://logs.example/otlp/v1/logs');
    assert.equal(withLoki.OTEL_LOGS_EXPORTER, 'otlp');
  });

  it('never carries a secret, and says where the credentials come from instead', () => {
    const settings = remote({ auth: 'bearer' });
    const snippet = envSnippet('bash', 'push', settings, pushTargetOf(settings, { CCMON_BEARER_TOKEN: 's3cret' }, 'h'));
    assert.doesNotMatch(snippet.text, /s3cret|Authorization/);
    assert.match(snippet.text, /otelHeadersHelper to `ccmon otel-headers`/);
  });

  it('refuses the scrape mode (a shared backend cannot scrape this machine) with the fix', () => {
    const settings = remote();
    assert.throws(() => envVars('scrape', settings, pushTargetOf(settings, {}, 'h')), (err: Error & { hint?: string }) => /pushes only/.test(err.message) && /push mode/.test(err.hint ?? ''));
  });

  it('machine names become label-safe the same way for Claude Code and ccmon', () => {
    assert.equal(labelSafe('Bob’s MacBook Pro.local'), 'Bob-s-MacBook-Pro.local');
    assert.equal(labelSafe('a,b=c'), 'a-b-c');
    assert.equal(labelSafe('   '), 'unknown');
    assert.equal(pushTargetOf(remote(), { CCMON_BACKEND_KIND: 'local' }, 'h').kind, 'local');
  });
});

describe('the headers helper in settings.json', () => {
  const desired = { env: { CLAUDE_CODE_ENABLE_TELEMETRY: '1' }, otelHeadersHelper: '/usr/bin/node /opt/ccmon/bin/ccmon.cjs otel-headers --install 0123456789ab' };
  const now = new Date('2026-12-01T12:00:00Z');

  it('is set, and reverted to exactly what was there (none)', () => {
    const text = '{\n  "model": "opus"\n}\n';
    const { plan, record } = planSettingsApply(text, 's.json', desired, null, now);
    assert.equal((JSON.parse(plan.after) as { otelHeadersHelper: string }).otelHeadersHelper, desired.otelHeadersHelper);
    assert.deepEqual(plan.changes.map((c) => c.section), ['env', 'otelHeadersHelper']);
    assert.equal(planSettingsRevert(plan.after, 's.json', record, []).after, text);
  });

  it("replaces the user's own, and revert puts theirs back byte for byte", () => {
    const text = '{\n  "otelHeadersHelper":   "/home/me/bin/headers.sh",\n  "model": "opus"\n}\n';
    const { plan, record } = planSettingsApply(text, 's.json', desired, null, now);
    assert.equal(plan.changes.find((c) => c.section === 'otelHeadersHelper')?.before, '"/home/me/bin/headers.sh"');
    assert.equal(planSettingsRevert(plan.after, 's.json', record, []).after, text);
  });

  it('a helper the user changed since is left alone by revert, and named', () => {
    const { plan, record } = planSettingsApply('{}', 's.json', desired, null, now);
    const changed = plan.after.replace(desired.otelHeadersHelper, '/home/me/other.sh');
    const reverted = planSettingsRevert(changed, 's.json', record, []);
    assert.match(reverted.after, /other\.sh/);
    assert.deepEqual(reverted.keptUserValues, ['otelHeadersHelper']);
  });

  it('without a record, only our own helper is taken out', () => {
    const ours = `{"otelHeadersHelper": ${JSON.stringify(desired.otelHeadersHelper)}}`;
    assert.equal((JSON.parse(planSettingsRevert(ours, 's.json', null, [desired]).after) as { otelHeadersHelper?: string }).otelHeadersHelper, undefined);
    const theirs = '{"otelHeadersHelper": "/home/me/bin/headers.sh"}';
    assert.equal(planSettingsRevert(theirs, 's.json', null, [desired]).after, theirs);
  });
});

describe('ccmon otel-headers', () => {
  function sandbox(secrets?: Record<string, string>): NodeJS.ProcessEnv {
    const dir = tempDir('ccmon-otel-headers-');
    const configDir = join(dir.path, 'app');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ backend: { kind: 'remote', auth: 'bearer', headers: { 'X-Scope-OrgID': 'acme' } }, prometheusUrl: 'https://vm.example' }));
    if (secrets) {
      writeFileSync(join(configDir, 'secrets.json'), JSON.stringify(secrets));
      chmodSync(join(configDir, 'secrets.json'), 0o600);
    }
    return { CCMON_CONFIG_DIR: configDir, HOME: dir.path };
  }
  const run = async (env: NodeJS.ProcessEnv) => {
    let out = '';
    let err = '';
    const code = await otelHeaders([], { stdout: (t) => (out += t), stderr: (t) => (err += t) }, env);
    return { code, out, err };
  };

  it('prints the stored token and the extra headers as the JSON object Claude Code wants', async () => {
    const r = await run(sandbox({ bearerToken: 'tok-123' }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { 'X-Scope-OrgID': 'acme', Authorization: 'Bearer tok-123' });
  });

  it('CCMON_BEARER_TOKEN wins over the stored token', async () => {
    const r = await run({ ...sandbox({ bearerToken: 'tok-123' }), CCMON_BEARER_TOKEN: 'from-env' });
    assert.equal((JSON.parse(r.out) as Record<string, string>).Authorization, 'Bearer from-env');
  });

  it('a secrets file others can read is not trusted', async () => {
    const env = sandbox({ bearerToken: 'tok-123' });
    chmodSync(join(env.CCMON_CONFIG_DIR!, 'secrets.json'), 0o644);
    const r = await run(env);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
  });

  it('without credentials: nothing on stdout, one line saying what to do, exit 1', async () => {
    const r = await run(sandbox());
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /^ccmon otel-headers: no credentials for the backend at .*`ccmon backend set-token`.*\n$/);
  });
});

describe('ccmon env --managed', () => {
  const backendFlags = ['backend', 'set', '--url', 'https://vm.example/select/0/prometheus', '--otlp-url', 'https://vm.example/insert/0/opentelemetry/v1/metrics', '--auth', 'bearer', '--header', 'X-Scope-OrgID=acme'];

  it('is the team env without anything per machine or person, and the helper from the PATH', () => {
    const settings = remote({ auth: 'bearer', resourceAttributes: { team: 'platform' } });
    const d = managedDesired(settings, pushTargetOf(settings, {}, 'laptop-1'));
    assert.equal(d.env.OTEL_RESOURCE_ATTRIBUTES, undefined, 'host.name is per machine: left to each machine');
    assert.equal(d.otelHeadersHelper, 'ccmon otel-headers');
    assert.equal(managedSettingsFile('linux'), '/etc/claude-code/managed-settings.json');
    assert.equal(managedSettingsFile('darwin'), '/Library/Application Support/ClaudeCode/managed-settings.json');
  });

  it('prints it, writes it into a managed file keeping what the admin had, and reverts it exactly', async () => {
    const dir = tempDir('ccmon-managed-');
    const env = { HOME: dir.path, CCMON_CONFIG_DIR: join(dir.path, 'app'), CLAUDE_CONFIG_DIR: join(dir.path, 'claude') };
    assert.equal((await ccmon(backendFlags, env)).code, 0);
    const printed = await ccmon(['env', '--managed'], env);
    assert.equal(printed.code, 0, printed.err);
    const json = JSON.parse(printed.out) as { env: Record<string, string>; otelHeadersHelper: string };
    assert.equal(json.env.OTEL_EXPORTER_OTLP_HEADERS, 'X-Scope-OrgID=acme');
    assert.equal(json.otelHeadersHelper, 'ccmon otel-headers');
    const file = join(dir.path, 'managed-settings.json');
    const admin = '{\n  "permissions": { "deny": ["WebFetch"] }\n}\n';
    writeFileSync(file, admin);
    const applied = await ccmon(['env', '--managed', '--apply', '--managed-file', file], env);
    assert.equal(applied.code, 0, applied.err);
    const after = JSON.parse(readFileSync(file, 'utf8')) as { permissions: unknown; env: Record<string, string> };
    assert.deepEqual(after.permissions, { deny: ['WebFetch'] });
    assert.equal(after.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, 'https://vm.example/insert/0/opentelemetry/v1/metrics');
    const reverted = await ccmon(['env', '--managed', '--revert', '--managed-file', file], env);
    assert.equal(reverted.code, 0, reverted.err);
    assert.equal(readFileSync(file, 'utf8'), admin);
  });

  it('is refused for the local stack, saying how to set a shared backend', async () => {
    const dir = tempDir('ccmon-managed-');
    const r = await ccmon(['env', '--managed'], { HOME: dir.path, CCMON_CONFIG_DIR: join(dir.path, 'app') });
    assert.equal(r.code, 2);
    assert.match(r.err, /--managed is for a shared backend.*ccmon backend set/);
  });
});

describe('a refused read names the backend and the fix', () => {
  it('local, shared without a token, with a stored token, with CCMON_BEARER_TOKEN, basic', () => {
    assert.equal(backendWording({ prometheusUrl: 'http://127.0.0.1:9090' }, {}, {}).label, 'Prometheus at http://127.0.0.1:9090');
    const s = remote();
    assert.equal(backendWording(s, {}, {}).label, 'The backend "team" at https://vm.example/select/0/prometheus');
    assert.match(backendWording(s, {}, {}).authHint, /No token is set: store one with `ccmon backend set-token`/);
    assert.match(backendWording(s, { bearerToken: 'x' }, {}).authHint, /refused the stored token/);
    assert.match(backendWording(s, { bearerToken: 'x' }, { CCMON_BEARER_TOKEN: 'x' }).authHint, /token in CCMON_BEARER_TOKEN/);
    assert.match(backendWording(remote({ auth: 'basic' }), {}, {}).authHint, /set-password/);
  });
});
