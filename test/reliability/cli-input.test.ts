/**
 * Issue 14, cases 7 and 8, and the URL rule: what a person types or keeps in a file is read by one rule,
 * and what is wrong is named without losing what is right.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ccmonRun } from '../support/ccmon.js';
import { fixtureCostUsd, prometheusWithFixture, type PrometheusWithData } from '../support/exporter-fixture.js';
import { tempDir } from '../support/tmp.js';

let data: PrometheusWithData;
const dir = tempDir('ccmon-rel-input-');
before(async () => {
  data = await prometheusWithFixture();
});
after(async () => {
  await data?.stop();
  dir.remove();
});

describe('7. one bad field in config.json costs only that field', () => {
  it('7. telemetryMode "grpc" is named; the configured Prometheus is still the one queried', async () => {
    const configDir = join(dir.path, 'config-7');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ prometheusUrl: data.prometheus.url, telemetryMode: 'grpc' }));
    const run = await ccmonRun(['summary', '--json'], { env: { CCMON_CONFIG_DIR: configDir, CCMON_SUMMARY_CACHE: 'off' } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { costUsd: number }).costUsd, fixtureCostUsd, 'read from the configured Prometheus, not :9090');
    assert.match(run.stderr, /ccmon: warning: .*config\.json: telemetryMode \("grpc": .*\); that setting is ignored/);
    assert.doesNotMatch(run.stderr, /prometheusUrl/);
  });
});

describe('8. date flags accept ISO 8601 only, by the same rule as the web API', () => {
  const bad: Array<[string, string[], RegExp]> = [
    ['12', ['--since', '12'], /--since: "12" is not an ISO 8601 date/],
    ['March 5', ['--since', 'March 5'], /not an ISO 8601 date/],
    ['2026-02-30', ['--since', '2026-02-30'], /not a date on the calendar/],
    ['a future --since', ['--since', '2999-01-01T00:00:00Z'], /is in the future/],
    ['year 0001', ['--since', '0001-01-01T00:00:00Z'], /before 1970/],
    ['year 9999', ['--since', '9999-12-31'], /in the future/],
    ['since after until', ['--since', '2026-11-28T10:00:00Z', '--until', '2026-11-28T09:00:00Z'], /must be before until/],
    ['25:00', ['--until', '2026-11-28T25:00:00Z'], /not a time of day/],
  ];
  for (const [name, args, message] of bad) {
    it(`8. ${name}: exit 2 with the ISO hint`, async () => {
      const run = await ccmonRun(['summary', ...args, '--json'], { env: { CCMON_PROMETHEUS_URL: data.prometheus.url } });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Use ISO 8601, e\.g\. 2026-11-28 or 2026-11-28T09:00:00Z/);
      assert.doesNotMatch(run.stderr, /parse error|duration out of range/);
      assert.equal(run.stdout, '');
    });
  }

  it('8. a calendar date and an offset are accepted; an end in the future means now', async () => {
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const run = await ccmonRun(['summary', '--since', day, '--until', '9999-12-31T00:00:00+01:00', '--json'], { env: { CCMON_PROMETHEUS_URL: data.prometheus.url } });
    assert.equal(run.code, 0, run.stderr);
    const s = JSON.parse(run.stdout) as { costUsd: number; window: { since: string; until: string } };
    assert.equal(s.costUsd, fixtureCostUsd);
    assert.equal(new Date(s.window.since).getTime(), new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime());
    assert.ok(Math.abs(new Date(s.window.until).getTime() - Date.now()) < 60_000, 'until clamped to now');
  });
});

describe('a base URL with a query or fragment is refused when it is read', () => {
  for (const url of ['http://127.0.0.1:9090/?x=1', 'http://127.0.0.1:9090/#frag', 'http://user:secret@127.0.0.1:9090']) {
    it(`${url}: exit 2 naming the variable, before any request`, async () => {
      const run = await ccmonRun(['summary', '--json'], { env: { CCMON_PROMETHEUS_URL: url } });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /CCMON_PROMETHEUS_URL is invalid: must not (have a query|carry a user name)/);
      assert.doesNotMatch(run.stderr, /secret/, 'the password is not echoed');
    });
  }
});
