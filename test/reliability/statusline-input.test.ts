/**
 * Issue 14 case 10 and issue 11's bad input: `ccmon statusline` (as Claude Code runs it: a new process,
 * the JSON on stdin) always prints one clean line within its bound, whatever it is given and whatever
 * state the backend is in; its flags are checked; the plan figures it records never double.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { KEEP_STDIN_OPEN, ccmonRun, type CcmonRunOptions } from '../support/ccmon.js';
import { serveHttp, type TestServer } from '../support/http-server.js';
import { tempDir } from '../support/tmp.js';
import { startVictoriaMetrics, VICTORIA_METRICS_BIN, type VictoriaMetricsHandle } from '../support/victoria-metrics.js';
import { existsSync } from 'node:fs';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const down = 'http://127.0.0.1:9';
const soon = (): number => Math.floor(Date.now() / 1000) + 3600;
const line = (run: { stdout: string }): string => run.stdout;
// eslint-disable-next-line no-control-regex -- a line without ESC is what is asserted
const oneLine = /^[^\n\u001b]*\n$/;

async function statusline(input: CcmonRunOptions['input'], args: string[] = [], env: Record<string, string> = {}) {
  return ccmonRun(['statusline', ...args], { input, env: { CCMON_PROMETHEUS_URL: down, CCMON_OTLP_METRICS_URL: `${down}/otlp`, ...env }, timeoutMs: 20_000 });
}

describe('10. the status line\'s bounds hold', () => {
  it('10. --timeout 999999999999: refused (exit 2), no TimeoutOverflowWarning', async () => {
    const run = await statusline('{}', ['--timeout', '999999999999']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--timeout 999999999999 is out of range: give 50 to 10000 milliseconds/);
    assert.doesNotMatch(run.stderr, /TimeoutOverflowWarning/);
  });

  it('10. --timeout abc: refused (exit 2), not silently 800', async () => {
    const run = await statusline('{}', ['--timeout', 'abc']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--timeout "abc" is not a whole number of milliseconds/);
  });

  it('10. a stdin that stays open does not hold the line: printed within the bound', async () => {
    const run = await statusline(KEEP_STDIN_OPEN, ['--timeout', '400']);
    assert.equal(run.code, 0);
    assert.equal(line(run), 'today –\n');
    assert.ok(run.wallMs < 2000, `${Math.round(run.wallMs)} ms`);
  });

  it('10. a newline or ESC in model.display_name does not break the one line', async () => {
    const run = await statusline(JSON.stringify({ model: { display_name: 'Opus\n\u001b[2J\u001b]0;PWNED\u0007' } }));
    assert.match(line(run), oneLine);
    // eslint-disable-next-line no-control-regex -- ESC and BEL reaching the terminal are what is ruled out
    assert.doesNotMatch(run.stdout, /\u001b|\u0007/);
    assert.match(run.stdout, /^Opus\\n\\u001b\[2J/);
  });
});

describe('the status line with bad input prints a line, always', () => {
  const reset = soon();
  const cases: Array<[string, CcmonRunOptions['input'], string]> = [
    ['no stdin at all', null, 'today –\n'],
    ['malformed JSON', '{"session_id": "x", "model": {', 'today –\n'],
    ['5 MB of input', `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, 'today –\n'],
    ['rate_limits with nulls', JSON.stringify({ model: { display_name: 'Opus' }, rate_limits: { five_hour: null, seven_day: { used_percentage: null, resets_at: null } } }), 'Opus · today –\n'],
    ['negative and above-100 percentages', JSON.stringify({ rate_limits: { five_hour: { used_percentage: -5, resets_at: reset }, seven_day: { used_percentage: 130, resets_at: reset } } }), 'today – · 7d 100% ↺0h59\n'],
    ['a reset in the past', JSON.stringify({ rate_limits: { five_hour: { used_percentage: 40, resets_at: 1_000_000_000 }, seven_day: { used_percentage: 10, resets_at: reset } } }), 'today – · 7d 10%\n'],
    ['the wrong types everywhere', JSON.stringify({ session_id: 42, model: 'opus', cost: { total_cost_usd: 'lots' }, rate_limits: [1, 2] }), 'today –\n'],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name}: "${expected.trim()}"`, async () => {
      const run = await statusline(input);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.replace(/↺1h00/, "↺0h59"), expected);
      assert.equal(run.stderr, '', 'nothing on stderr: Claude Code would show it');
    });
  }

  it('a backend that does not answer: the line within the bound, the failure kept for ccmon doctor', async () => {
    const silent = await serveHttp(() => undefined);
    servers.push(silent);
    const cache = tempDir('ccmon-rel-sl-');
    const run = await statusline(JSON.stringify({ session_id: 's', rate_limits: { five_hour: { used_percentage: 12, resets_at: soon() } } }), ['--timeout', '600'], { CCMON_PROMETHEUS_URL: silent.url, CCMON_OTLP_METRICS_URL: `${silent.url}/otlp`, CCMON_CACHE_DIR: cache.path });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'today – · 5h 12%\n');
    assert.ok(run.wallMs < 2500, `${Math.round(run.wallMs)} ms for a 600 ms bound`);
    const doctor = await ccmonRun(['doctor', '--json'], { env: { CCMON_PROMETHEUS_URL: silent.url, CCMON_CACHE_DIR: cache.path, DOCKER_HOST: 'unix:///nonexistent.sock' }, timeoutMs: 30_000 });
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; ok: boolean; detail: string }> }).checks;
    const push = checks.find((c) => c.id === 'statusline-push');
    assert.equal(push?.ok, false, JSON.stringify(checks));
    assert.match(push?.detail ?? '', /did not answer within/);
    cache.remove();
  });
});

describe('plan figures reported by two sessions in the same second', { skip: existsSync(VICTORIA_METRICS_BIN) ? false : 'no VictoriaMetrics (bash scripts/deps/victoria-metrics.sh)' }, () => {
  let vm: VictoriaMetricsHandle;
  before(async () => {
    vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  });
  after(() => vm?.stop());

  it('are not doubled, and the newest report wins', async () => {
    const reset = soon();
    const report = (session: string, used: number) => JSON.stringify({ session_id: session, rate_limits: { five_hour: { used_percentage: used, resets_at: reset } } });
    const env = { CCMON_PROMETHEUS_URL: vm.url, CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl };
    await Promise.all([statusline(report('a', 40), [], env), statusline(report('b', 40), [], env)]);
    await new Promise((r) => setTimeout(r, 1100));
    await statusline(report('a', 41), [], env);
    await vm.flush();
    await new Promise((r) => setTimeout(r, 1500));
    const run = await ccmonRun(['limits', '--json'], { env: { CCMON_PROMETHEUS_URL: vm.url } });
    const limits = JSON.parse(run.stdout) as { fiveHour: { usedPercent: number } | null };
    assert.equal(limits.fiveHour?.usedPercent, 41, 'the newest, not 40 + 40 or an average');
  });
});

void http;
