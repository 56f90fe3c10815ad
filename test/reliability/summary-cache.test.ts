/**
 * Issue 14, case 2: `ccmon summary`'s cache is only a cache. Wherever it can't be written (a home that
 * doesn't exist, a read-only folder, a file in the way, /proc), the summary is printed as without the
 * cache, with one warning, in bounded time. Against a real Prometheus holding a known $2.50.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ccmonRun, type CcmonRunOptions } from '../support/ccmon.js';
import { fixtureCostUsd, prometheusWithFixture, type PrometheusWithData } from '../support/exporter-fixture.js';
import { tempDir } from '../support/tmp.js';

let data: PrometheusWithData;
const dir = tempDir('ccmon-rel-cache-');
before(async () => {
  data = await prometheusWithFixture();
});
after(async () => {
  await data?.stop();
  dir.remove();
});

const isRoot = process.getuid?.() === 0;
/** Permissions mean nothing to root: those cases run as `nobody`. */
const asUser: Pick<CcmonRunOptions, 'uid' | 'gid'> = isRoot ? { uid: 65534, gid: 65534 } : {};

const figures = (stdout: string) => {
  const s = JSON.parse(stdout) as { costUsd: number; sessions: number; tokens: unknown; byModel: unknown };
  return { costUsd: s.costUsd, sessions: s.sessions, tokens: s.tokens, byModel: s.byModel };
};

async function summaryWith(env: Record<string, string>, options: CcmonRunOptions = {}) {
  return ccmonRun(['summary', '--json'], { ...options, env: { CCMON_PROMETHEUS_URL: data.prometheus.url, ...env }, timeoutMs: 20_000 });
}

describe('2. ccmon summary never fails because its cache cannot be written', () => {
  let expected: ReturnType<typeof figures>;
  before(async () => {
    const off = await summaryWith({ CCMON_SUMMARY_CACHE: 'off' });
    assert.equal(off.code, 0, off.stderr);
    expected = figures(off.stdout);
    assert.equal(expected.costUsd, fixtureCostUsd);
  });

  const cases: Array<[string, () => { env: Record<string, string>; options?: CcmonRunOptions }]> = [
    ['HOME=/nonexistent as an unprivileged user', () => ({ env: { HOME: '/nonexistent', CCMON_CACHE_DIR: '' }, options: asUser })],
    ['a read-only CCMON_CACHE_DIR', () => {
      const ro = join(dir.path, 'read-only');
      mkdirSync(ro, { recursive: true });
      chmodSync(ro, 0o555);
      return { env: { CCMON_CACHE_DIR: join(ro, 'cache') }, options: asUser };
    }],
    ['a CCMON_CACHE_DIR that is a file', () => {
      const file = join(dir.path, 'a-file');
      writeFileSync(file, 'not a folder');
      return { env: { CCMON_CACHE_DIR: file } };
    }],
    ['a CCMON_CACHE_DIR under /proc', () => ({ env: { CCMON_CACHE_DIR: '/proc/ccmon-no-such/cache' } })],
  ];
  for (const [name, setup] of cases) {
    it(`2. ${name}: the summary, one warning, bounded time`, async () => {
      const { env, options } = setup();
      const run = await summaryWith(env, options);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(figures(run.stdout), expected);
      const warnings = run.stderr.split('\n').filter((l) => l.startsWith('ccmon: warning:'));
      assert.equal(warnings.length, 1, run.stderr);
      assert.match(warnings[0]!, /summary cache .* could not be written .*CCMON_CACHE_DIR/);
      assert.ok(run.wallMs < 10_000, `took ${Math.round(run.wallMs)} ms`);
    });
  }
});
