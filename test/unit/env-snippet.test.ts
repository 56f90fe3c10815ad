import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envSnippet, envVars, managedKeys, renderSnippet, shells } from '../../electron/core/env/snippet.js';

const settings = { prometheusUrl: 'http://127.0.0.1:9090/', lokiUrl: 'http://127.0.0.1:3100', exporterUrl: 'http://127.0.0.1:9464/metrics' };

describe('env snippets', () => {
  it('push mode: explicit protocol, per-signal endpoints with full paths, cumulative, desktop intervals', () => {
    assert.deepEqual(envVars('push', settings), {
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://127.0.0.1:9090/api/v1/otlp/v1/metrics',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:3100/otlp/v1/logs',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative',
      OTEL_METRIC_EXPORT_INTERVAL: '10000',
      OTEL_LOGS_EXPORT_INTERVAL: '5000',
    });
  });

  it('scrape mode: the prometheus exporter, logs still pushed to Loki; a non-default port is passed on', () => {
    const vars = envVars('scrape', settings);
    assert.equal(vars.OTEL_METRICS_EXPORTER, 'prometheus');
    assert.equal(vars.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, undefined);
    assert.equal(vars.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, 'http://127.0.0.1:3100/otlp/v1/logs');
    assert.equal(vars.OTEL_EXPORTER_PROMETHEUS_PORT, undefined);
    assert.equal(envVars('scrape', { ...settings, exporterUrl: 'http://127.0.0.1:19465/metrics' }).OTEL_EXPORTER_PROMETHEUS_PORT, '19465');
  });

  it('every variable either mode sets is a managed key (revert can find it)', () => {
    for (const mode of ['push', 'scrape'] as const) {
      for (const key of Object.keys(envVars(mode, { ...settings, exporterUrl: 'http://127.0.0.1:1/metrics' }))) assert.ok((managedKeys as readonly string[]).includes(key), key);
    }
  });

  it('renders each shell', () => {
    const vars = { A: '1', B: 'http://x:1/p', C: "it's $HOME" };
    assert.equal(renderSnippet('bash', vars, 'push').split('\n').slice(1).join('\n'), `export A=1\nexport B=http://x:1/p\nexport C='it'\\''s $HOME'\n`);
    assert.equal(renderSnippet('zsh', vars, 'push'), renderSnippet('bash', vars, 'push'));
    assert.match(renderSnippet('fish', vars, 'push'), /^set -gx C 'it\\'s \$HOME'$/m);
    assert.match(renderSnippet('powershell', vars, 'push'), /^\$env:C = 'it''s \$HOME'$/m);
    assert.match(renderSnippet('cmd', vars, 'push'), /^set "B=http:\/\/x:1\/p"\r$/m);
    assert.deepEqual(JSON.parse(renderSnippet('json', vars, 'push')), { env: vars });
  });

  it('envSnippet carries text, env, explanation and where for every shell', () => {
    for (const shell of shells) {
      const s = envSnippet(shell, 'push', settings);
      assert.equal(s.shell, shell);
      assert.ok(s.text.includes('CLAUDE_CODE_ENABLE_TELEMETRY'));
      assert.ok(s.explanation.length > 20 && s.where.length > 10);
    }
  });
});
