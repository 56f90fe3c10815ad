/**
 * Issue 12's bad input: `ccmon hook`, as Claude Code runs it (a new process, the JSON on stdin), never
 * changes what Claude Code does — exit 0, nothing on stdout or stderr, back within its bound — whatever it
 * is given (no stdin, malformed JSON, 5 MB, a folder that is gone, a bare repository, a detached HEAD) and
 * whatever state the backend is in (down, silent). What it recorded is read back from a real
 * VictoriaMetrics; what it could not do, from `ccmon doctor`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { KEEP_STDIN_OPEN, ccmonRun, type CcmonRunOptions } from '../support/ccmon.js';
import { serveHttp, type TestServer } from '../support/http-server.js';
import { tempDir } from '../support/tmp.js';
import { startVictoriaMetrics, VICTORIA_METRICS_BIN, type VictoriaMetricsHandle } from '../support/victoria-metrics.js';
import { loadState, statuslineStateFile } from '../../electron/core/statusline/state.js';
import { projectOf, sessionInfoMetric } from '../../electron/core/projects/session-record.js';

const down = 'http://127.0.0.1:9';
const work = tempDir('ccmon-rel-hook-');
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  work.remove();
});

let runs = 0;
/** A hook run with its own cache (where the background process it hands off to writes its outcome). */
async function hook(input: CcmonRunOptions['input'], env: Record<string, string> = {}, args: string[] = []) {
  const cache = join(work.path, `cache-${++runs}`);
  const run = await ccmonRun(['hook', ...args], { input, env: { CCMON_PROMETHEUS_URL: down, CCMON_OTLP_METRICS_URL: `${down}/otlp`, CCMON_CACHE_DIR: cache, ...env }, timeoutMs: 20_000 });
  return { ...run, cache };
}

/** The outcome the hook's background process wrote, once it has (at most 10 s). */
async function outcome(cache: string): Promise<{ ok: boolean; detail?: string }> {
  const file = statuslineStateFile(cache);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(20)) {
    const health = loadState(file).health.hook;
    if (health) return health;
  }
  throw new Error(`the hook wrote no outcome under ${cache}`);
}

const startInput = (sessionId: string, cwd: string): string => JSON.stringify({ session_id: sessionId, transcript_path: join(cwd, 't.jsonl'), cwd, hook_event_name: 'SessionStart', source: 'startup' });

function assertUnnoticed(run: { code: number; stdout: string; stderr: string; wallMs: number }, boundMs = 2500): void {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '', 'nothing on stdout: a SessionStart hook\'s output would join the conversation');
  assert.equal(run.stderr, '');
  assert.ok(run.wallMs < boundMs, `${Math.round(run.wallMs)} ms`);
}

describe('the hook with bad input changes nothing for Claude Code', () => {
  const cases: Array<[string, CcmonRunOptions['input']]> = [
    ['no stdin at all', null],
    ['an empty stdin', ''],
    ['malformed JSON', '{"session_id": "x", "cwd": '],
    ['5 MB of input', `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`],
    ['the wrong types', JSON.stringify({ session_id: 42, cwd: ['/'] })],
  ];
  for (const [name, input] of cases) {
    it(`${name}: exit 0, silent; ccmon doctor says what it lacked`, async () => {
      const run = await hook(input);
      assertUnnoticed(run);
      const got = await outcome(run.cache);
      assert.equal(got.ok, false);
      assert.match(got.detail ?? '', /no session id and folder on stdin/);
    });
  }

  it('a stdin that stays open does not hold the session: back within the bound', async () => {
    const run = await hook(KEEP_STDIN_OPEN, {}, ['--timeout', '400']);
    assertUnnoticed(run, 2000);
  });

  it('an unknown flag: still exit 0 (a hook never fails a session), the mistake on stderr only, done in the process', async () => {
    const run = await hook(startInput('s-flag', work.path), {}, ['--frobnicate']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /ccmon hook: .*frobnicate/);
    assert.equal(loadState(statuslineStateFile(run.cache)).health.hook?.ok, false, 'its outcome written before it ended: no process handed the command line it could not read');
    await sleep(1000);
    assert.equal(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('--frobnicate')).length, 0, 'no process left repeating it');
  });
});

describe('the hook with the backend down or silent', () => {
  it('down: exit 0 at once; ccmon doctor names the failure and what to do', async () => {
    const run = await hook(startInput('s-down', work.path));
    assertUnnoticed(run);
    const got = await outcome(run.cache);
    assert.equal(got.ok, false);
    assert.match(got.detail ?? '', /127\.0\.0\.1:9/);
    const doctor = await ccmonRun(['doctor', '--json'], { env: { CCMON_PROMETHEUS_URL: down, CCMON_CACHE_DIR: run.cache, DOCKER_HOST: 'unix:///nonexistent.sock' }, timeoutMs: 30_000 });
    const check = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; ok: boolean; detail: string; hint?: string }> }).checks.find((c) => c.id === 'session-hook');
    assert.equal(check?.ok, false, doctor.stdout);
    assert.match(check?.detail ?? '', /could not record a session's project/);
    assert.match(check?.hint ?? '', /Claude Code is not affected/);
  });

  it('silent (accepts, never answers): the handed-off work gives up within its --timeout', async () => {
    const silent = await serveHttp(() => undefined);
    servers.push(silent);
    const started = Date.now();
    const run = await hook(startInput('s-silent', work.path), { CCMON_OTLP_METRICS_URL: `${silent.url}/otlp` }, ['--timeout', '600']);
    assertUnnoticed(run);
    const got = await outcome(run.cache);
    assert.equal(got.ok, false);
    assert.ok(Date.now() - started < 5000, `the background push ended after ${Date.now() - started} ms`);
  });

  it('--foreground does the work in the process, within its bound', async () => {
    const silent = await serveHttp(() => undefined);
    servers.push(silent);
    const run = await hook(startInput('s-fg', work.path), { CCMON_OTLP_METRICS_URL: `${silent.url}/otlp` }, ['--foreground', '--timeout', '600']);
    assert.equal(run.code, 0);
    assert.ok(run.wallMs < 2500, `${Math.round(run.wallMs)} ms for a 600 ms bound`);
    assert.equal(loadState(statuslineStateFile(run.cache)).health.hook?.ok, false, 'written before the process ended');
  });
});

describe('odd folders are recorded as what they are', { skip: existsSync(VICTORIA_METRICS_BIN) ? false : 'no VictoriaMetrics (bash scripts/deps/victoria-metrics.sh)' }, () => {
  let vm: VictoriaMetricsHandle;
  before(async () => {
    vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  });
  after(() => vm?.stop());

  const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });

  async function recorded(sessionId: string): Promise<Record<string, string>> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(250)) {
      await vm.flush();
      const res = (await fetch(`${vm.url}/api/v1/query?query=${encodeURIComponent(`${sessionInfoMetric}{session_id="${sessionId}"}`)}`).then((r) => r.json())) as { data: { result: Array<{ metric: Record<string, string> }> } };
      if (res.data.result[0]) return res.data.result[0].metric;
    }
    throw new Error(`no record of ${sessionId} in VictoriaMetrics\n${vm.logs()}`);
  }

  const folders: Array<[string, () => string]> = [
    [
      'a folder that no longer exists',
      () => {
        const gone = join(work.path, 'gone-project');
        mkdirSync(gone);
        rmSync(gone, { recursive: true });
        return gone;
      },
    ],
    [
      'a bare repository',
      () => {
        const bare = join(work.path, 'store.git');
        git(work.path, 'init', '-q', '--bare', '-b', 'trunk', bare);
        return bare;
      },
    ],
    [
      'a detached HEAD',
      () => {
        const repo = join(work.path, 'detached');
        mkdirSync(repo);
        git(repo, 'init', '-q', '-b', 'main');
        writeFileSync(join(repo, 'a.txt'), 'a\n');
        git(repo, 'add', '.');
        git(repo, 'commit', '-qm', 'one');
        git(repo, 'checkout', '-q', '--detach');
        return repo;
      },
    ],
  ];
  for (const [name, make] of folders) {
    it(`${name}: exit 0, silent, and the record says what the folder is`, async () => {
      const cwd = make();
      const sessionId = `s-${name.replace(/\W+/g, '-')}`;
      const run = await hook(startInput(sessionId, cwd), { CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl, CCMON_PROMETHEUS_URL: vm.url });
      assertUnnoticed(run);
      const labels = await recorded(sessionId);
      const want = projectOf(cwd);
      assert.equal(labels.project, want.project);
      assert.equal(labels.branch ?? '', want.branch);
      assert.equal((await outcome(run.cache)).ok, true);
    });
  }
});
