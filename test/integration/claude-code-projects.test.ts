/**
 * Projects end to end, with the real Claude Code CLI (-p, stream-json) configured only by
 * `ccmon env --apply` on a temp CLAUDE_CONFIG_DIR, pushing to a real VictoriaMetrics:
 *   - three sessions: a git repository on its default branch, another on a feature branch, and a plain
 *     folder; the SessionStart/SessionEnd hooks record each one's project;
 *   - `ccmon summary --json` byProject: each project's cost equals its sessions' total_cost_usd
 *     ($0.0001), and the rows add up to costUsd; `ccmon sessions --json` lists every session with its
 *     project and branch;
 *   - the user's own hooks (several events, several matchers) are still there, and still run, after
 *     apply; after revert the file is byte for byte what it was.
 * Skips, saying why, where Claude Code or VictoriaMetrics can't run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionView, Summary } from '../../electron/core/api/types.js';
import { claudeCodeFor, startClaudeSession, type ClaudeSession } from '../support/claude-code.js';
import { ccmonRun } from '../support/ccmon.js';
import { startMessagesApiStandin } from '../support/messages-api-standin.js';
import { tempDir } from '../support/tmp.js';
import { startVictoriaMetrics, VICTORIA_METRICS_BIN } from '../support/victoria-metrics.js';

const userHooks = (marker: string) => ({
  SessionStart: [{ hooks: [{ type: 'command', command: `echo started >> ${marker}` }] }],
  PreToolUse: [
    { matcher: 'Bash', hooks: [{ type: 'command', command: 'true' }] },
    { matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'true', timeout: 3 }] },
  ],
  Stop: [{ hooks: [{ type: 'command', command: 'true' }] }],
});

test('projects: real Claude Code sessions in two repositories and a plain folder, by project, exact to the cent', { timeout: 300_000 }, async (t) => {
  if (!claudeCodeFor(t)) return;
  if (!existsSync(VICTORIA_METRICS_BIN)) return t.skip(`no VictoriaMetrics at ${VICTORIA_METRICS_BIN} (bash scripts/deps/victoria-metrics.sh)`);
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  const api = await startMessagesApiStandin({ defaultUsage: { input_tokens: 1500, output_tokens: 200, cache_read_input_tokens: 500, cache_creation_input_tokens: 250 } });
  const home = tempDir('ccmon-projects-');
  const sessions: ClaudeSession[] = [];
  t.after(async () => {
    for (const s of sessions) await s.kill();
    await api.close();
    await vm.stop();
    home.remove();
  });
  const configDir = join(home.path, '.claude');
  mkdirSync(configDir, { recursive: true });
  const marker = join(home.path, 'user-hook-ran');
  const original = `${JSON.stringify({ model: 'sonnet', hooks: userHooks(marker) }, null, 2)}\n`;
  writeFileSync(join(configDir, 'settings.json'), original);
  const ccmonEnv = { CCMON_CONFIG_DIR: join(home.path, 'ccmon-config'), CCMON_CACHE_DIR: join(home.path, 'ccmon-cache') };
  const applied = await ccmonRun(['env', '--apply', '--mode', 'push', '--no-statusline'], { env: { ...ccmonEnv, HOME: home.path, CLAUDE_CONFIG_DIR: configDir, CCMON_PROMETHEUS_URL: vm.url, CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl } });
  assert.equal(applied.code, 0, applied.stderr);
  const settings = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as { hooks: Record<string, unknown[]> };
  assert.deepEqual(settings.hooks.PreToolUse, userHooks(marker).PreToolUse, "the user's PreToolUse matchers, untouched");
  assert.deepEqual(settings.hooks.Stop, userHooks(marker).Stop);
  assert.equal(settings.hooks.SessionStart?.length, 2, "the user's SessionStart hook and ours");
  assert.deepEqual(settings.hooks.SessionStart?.[0], userHooks(marker).SessionStart[0]);

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const folder = (name: string, branch?: string): string => {
    const dir = join(home.path, 'code', name);
    mkdirSync(dir, { recursive: true });
    if (branch) git(dir, 'init', '-q', '-b', branch);
    return dir;
  };
  const places = [
    { project: 'shop-api', cwd: folder('shop-api', 'main'), branch: 'main', turns: 2 },
    { project: 'billing', cwd: folder('billing', 'feature/invoices'), branch: 'feature/invoices', turns: 1 },
    { project: 'scratch', cwd: folder('scratch'), branch: '', turns: 1 },
  ];
  const costs = new Map<string, number>();
  const ids = new Map<string, string>();
  for (const p of places) {
    const s = await startClaudeSession({ apiUrl: api.url, proxyUrl: api.url, telemetry: { mode: 'none' }, home: home.path, cwd: p.cwd, env: { ...ccmonEnv, OTEL_METRIC_EXPORT_INTERVAL: '1000' } });
    sessions.push(s);
    for (let i = 0; i < p.turns; i++) await s.send(`Turn ${i + 1} in ${p.project}`);
    costs.set(p.project, s.totalCostUsd());
    ids.set(p.project, s.sessionId!);
    await s.close();
  }
  assert.ok(existsSync(marker) && readFileSync(marker, 'utf8').split('\n').filter(Boolean).length === places.length, "the user's own SessionStart hook ran for every session");
  const truth = [...costs.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`sessions: ${[...costs].map(([p, c]) => `${p} $${c}`).join(', ')}; total $${truth}`);

  let summary: Summary | undefined;
  for (let i = 0; i < 30; i++) {
    await vm.flush();
    await new Promise((r) => setTimeout(r, 1000));
    const run = await ccmonRun(['summary', '--json'], { env: { ...ccmonEnv, CCMON_PROMETHEUS_URL: vm.url, CCMON_SUMMARY_CACHE: 'off' } });
    assert.equal(run.code, 0, run.stderr);
    summary = JSON.parse(run.stdout) as Summary;
    if (Math.abs(summary.costUsd - truth) < 1e-4 && summary.byProject.every((p) => p.project !== '(unattributed)')) break;
  }
  assert.ok(summary && Math.abs(summary.costUsd - truth) < 1e-4, `total ${summary?.costUsd} vs Claude Code's ${truth}`);
  for (const [project, cost] of costs) {
    const row: Summary["byProject"][number] | undefined = summary.byProject.find((p) => p.project === project);
    assert.ok(row, `${project} in byProject: ${JSON.stringify(summary.byProject)}`);
    assert.ok(Math.abs(row.costUsd - cost) < 1e-4, `${project}: ${row.costUsd} vs ${cost}`);
    assert.equal(row.sessions, 1);
  }
  const rowsTotal = summary.byProject.reduce((a, p) => a + p.costUsd, 0);
  assert.ok(Math.abs(rowsTotal - summary.costUsd) < 1e-9, 'the rows add up to costUsd');
  assert.deepEqual(summary.byProject.reduce((a, p) => a + p.tokens.input, 0), summary.tokens.input);

  const listed = await ccmonRun(['sessions', '--json'], { env: { ...ccmonEnv, CCMON_PROMETHEUS_URL: vm.url, CCMON_SUMMARY_CACHE: 'off' } });
  assert.equal(listed.code, 0, listed.stderr);
  const views = JSON.parse(listed.stdout) as SessionView[];
  for (const p of places) {
    const v = views.find((s) => s.sessionId === ids.get(p.project));
    assert.ok(v, `session of ${p.project} listed`);
    assert.equal(v.project, p.project);
    assert.equal(v.branch, p.branch);
    assert.ok(Math.abs(v.costUsd - costs.get(p.project)!) < 1e-4);
    assert.ok(v.startedAt && v.lastSeenAt && v.startedAt <= v.lastSeenAt, JSON.stringify(v));
  }

  const reverted = await ccmonRun(['env', '--revert'], { env: { ...ccmonEnv, HOME: home.path, CLAUDE_CONFIG_DIR: configDir } });
  assert.equal(reverted.code, 0, reverted.stderr);
  assert.equal(readFileSync(join(configDir, 'settings.json'), 'utf8'), original, 'revert gives back the user\'s file byte for byte');
});
