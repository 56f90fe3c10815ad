/** One definition: compose/docker-compose.yml must be exactly what the app's stack definition generates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { composeDocument, renderCompose } from '../../electron/core/stack/compose.js';
import { composeParams, defaultHostPorts, defaultImages, defaultStackName, interpolate, serviceNames, stackSpec } from '../../electron/core/stack/definition.js';

const composeDir = fileURLToPath(new URL('../../compose/', import.meta.url));
const composeFile = path.join(composeDir, 'docker-compose.yml');

test('compose/docker-compose.yml is what the stack definition generates (run `npm run stack:compose` after changing the definition)', () => {
  const onDisk = readFileSync(composeFile, 'utf8');
  assert.deepEqual(parse(onDisk), parse(renderCompose()), 'compose file and definition differ (parsed)');
  assert.equal(onDisk, renderCompose(), 'compose file text differs from the generated text');
});

test('with its variables unset, the compose file describes the same containers the app creates with defaults', () => {
  const env = { CCMON_GRAFANA_ADMIN_PASSWORD: 'pw-123' };
  const resolved: unknown = parse(interpolate(readFileSync(composeFile, 'utf8'), env));
  const app = composeDocument(stackSpec({ name: defaultStackName, images: defaultImages, hostPorts: defaultHostPorts, grafanaAdminPassword: 'pw-123' }));
  assert.deepEqual(resolved, JSON.parse(JSON.stringify(app)));
});

test('overrides reach the same places in both: stack name, images and ports', () => {
  const env = { CCMON_STACK_NAME: 'x-test', CCMON_IMAGE_LOKI: 'mirror/loki:1', CCMON_GRAFANA_PORT: '13001', CCMON_GRAFANA_ADMIN_PASSWORD: 'p' };
  const resolved: unknown = parse(interpolate(readFileSync(composeFile, 'utf8'), env));
  const app = composeDocument(stackSpec({ name: 'x-test', images: { ...defaultImages, loki: 'mirror/loki:1' }, hostPorts: { ...defaultHostPorts, grafana: 13001 }, grafanaAdminPassword: 'p' }));
  assert.deepEqual(resolved, JSON.parse(JSON.stringify(app)));
});

test('no admin/admin: compose refuses to start without a Grafana password', () => {
  const text = readFileSync(composeFile, 'utf8');
  assert.match(text, /GF_SECURITY_ADMIN_PASSWORD: \$\{CCMON_GRAFANA_ADMIN_PASSWORD:\?/);
  assert.equal(stackSpec(composeParams()).services.find((s) => s.name === 'grafana')?.environment.GF_SECURITY_ADMIN_PASSWORD?.startsWith('${CCMON_GRAFANA_ADMIN_PASSWORD:?'), true);
});

test('every port is bound to 127.0.0.1, every service has a named volume, one network, pinned images', () => {
  const spec = stackSpec({ name: 'n', images: defaultImages, hostPorts: defaultHostPorts, grafanaAdminPassword: 'p' });
  assert.deepEqual(spec.services.map((s) => s.name), [...serviceNames]);
  for (const s of spec.services) {
    for (const p of s.ports) assert.equal(p.hostIp, '127.0.0.1');
    assert.equal(s.volumes.length, 1);
    assert.match(s.image, /:v?\d+\.\d+\.\d+$/, `${s.image} is pinned`);
    assert.equal(s.labels['dev.ccmon.stack'], 'n');
  }
  assert.match(defaultImages.prometheus, /:v3\.5\./);
  assert.match(defaultImages.loki, /:3\./);
  assert.match(defaultImages.grafana, /:12\./);
});

// The parts of the shipped config files the next test reads.
interface PrometheusYml {
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; scrape_interval: string; static_configs: Array<{ targets: string[] }> }>;
  otlp?: unknown;
}
interface LokiYml {
  schema_config: { configs: Array<{ schema: string }> };
  limits_config: { allow_structured_metadata: boolean };
  compactor: { retention_enabled: boolean };
}
interface DatasourcesYml {
  datasources: Array<{ uid: string }>;
}

test('the config files the stack ships exist in compose/ (the ones this stack owns)', () => {
  for (const f of ['prometheus/prometheus.yml', 'loki/loki.yml', 'grafana/provisioning/datasources/datasources.yml']) {
    assert.ok(existsSync(path.join(composeDir, f)), `${f} exists`);
  }
  const prom = parse(readFileSync(path.join(composeDir, 'prometheus/prometheus.yml'), 'utf8')) as PrometheusYml;
  assert.deepEqual(prom.rule_files, ['/etc/prometheus/rules/*.yml']);
  const cc = prom.scrape_configs.find((j) => j.job_name === 'claude-code');
  assert.deepEqual(cc?.static_configs[0]?.targets, ['host.docker.internal:9464']);
  assert.equal(cc.scrape_interval, '5s');
  assert.ok(prom.otlp, 'otlp section present');
  const loki = parse(readFileSync(path.join(composeDir, 'loki/loki.yml'), 'utf8')) as LokiYml;
  assert.equal(loki.schema_config.configs[0]?.schema, 'v13');
  assert.equal(loki.limits_config.allow_structured_metadata, true);
  assert.equal(loki.compactor.retention_enabled, true);
  const ds = parse(readFileSync(path.join(composeDir, 'grafana/provisioning/datasources/datasources.yml'), 'utf8')) as DatasourcesYml;
  assert.deepEqual(ds.datasources.map((d) => d.uid), ['ccmon-prometheus', 'ccmon-loki']);
});

test('interpolate resolves compose variables like compose does', () => {
  assert.equal(interpolate('${A:-x}-${B:-y}', { A: 'a' }), 'a-y');
  assert.equal(interpolate('${A:-x}', { A: '' }), 'x');
  assert.equal(interpolate('${P:?need}', {}), '<unset P>');
});
