/**
 * Plan limits end to end, with the real Claude Code TUI (2.1.197) in tmux as a claude.ai subscriber
 * (CLAUDE_CODE_OAUTH_TOKEN, no API key) and a real VictoriaMetrics as the OTLP store:
 *   - a user's own status line is installed first; `ccmon env --apply` (temp CLAUDE_CONFIG_DIR) adds the
 *     telemetry env and our status line, which wraps theirs;
 *   - the stand-in API answers the first prompt with 5-hour utilization 0.36 and the second with 0.58;
 *   - the status line Claude Code draws (read with capture-pane) keeps the user's text and gains ours;
 *   - `ccmon limits --json` reads 58 back from VictoriaMetrics, with the stand-in's reset time.
 * Skips, saying why, where Claude Code, tmux or VictoriaMetrics can't run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeCodeFor } from '../support/claude-code.js';
import { startClaudeTui, tmuxAvailable } from '../support/claude-tui.js';
import { ccmonRun } from '../support/ccmon.js';
import { planLimitHeaders, startMessagesApiStandin } from '../support/messages-api-standin.js';
import { tempDir } from '../support/tmp.js';
import { startVictoriaMetrics, VICTORIA_METRICS_BIN } from '../support/victoria-metrics.js';

interface LimitsJson {
  fiveHour: { usedPercent: number; resetsAt: string; observedAt: string; projectedPercentAtReset: number; limitAt: string | null } | null;
  sevenDay: { usedPercent: number; resetsAt: string } | null;
}

test('plan limits: Claude Code\'s TUI → our status line (wrapping the user\'s) → VictoriaMetrics → ccmon limits', { timeout: 240_000 }, async (t) => {
  if (!claudeCodeFor(t)) return;
  const noTmux = tmuxAvailable();
  if (noTmux) return t.skip(noTmux);
  if (!existsSync(VICTORIA_METRICS_BIN)) return t.skip(`no VictoriaMetrics at ${VICTORIA_METRICS_BIN} (bash scripts/deps/victoria-metrics.sh)`);

  // Queries see samples a second after they land (the default hides the newest 30 s).
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  const api = await startMessagesApiStandin({ defaultUsage: { input_tokens: 1200, output_tokens: 150 } });
  const home = tempDir('ccmon-plan-tui-');
  const configDir = join(home.path, '.claude');
  const cwd = join(home.path, 'work');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(configDir, { recursive: true });
  const ccmonEnv = { CCMON_CONFIG_DIR: join(home.path, 'ccmon-config'), CCMON_CACHE_DIR: join(home.path, 'ccmon-cache') };
  t.after(async () => {
    await api.close();
    await vm.stop();
    home.remove();
  });

  writeFileSync(join(configDir, 'settings.json'), `${JSON.stringify({ statusLine: { type: 'command', command: "printf 'MY-OWN-LINE'" } }, null, 2)}\n`);
  const applied = await ccmonRun(['env', '--apply', '--mode', 'push'], {
    env: { ...ccmonEnv, HOME: home.path, CLAUDE_CONFIG_DIR: configDir, CCMON_PROMETHEUS_URL: vm.url, CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl },
  });
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /statusLine/);

  const nowS = Math.floor(Date.now() / 1000);
  const fiveHourReset = nowS + 3 * 3600 + 17 * 60;
  const sevenDayReset = nowS + 4 * 86400;
  api.setResponseHeaders(planLimitHeaders({ utilization: 0.36, resetsAt: fiveHourReset }, { utilization: 0.55, resetsAt: sevenDayReset }));

  const tui = await startClaudeTui({ apiUrl: api.url, configDir, cwd, home: home.path, oauthToken: 'offline-oauth-token', env: ccmonEnv });
  t.after(() => tui.close());
  await tui.submit('What is 2 + 2?');
  await tui.waitFor(/MY-OWN-LINE · 5h 36% · 7d 55%/, 60_000);

  api.setResponseHeaders(planLimitHeaders({ utilization: 0.58, resetsAt: fiveHourReset }, { utilization: 0.55, resetsAt: sevenDayReset }));
  await tui.submit('And 3 + 3?');
  const screen = await tui.waitFor(/MY-OWN-LINE · 5h 58% · 7d 55%/, 60_000);
  t.diagnostic(`status line: ${screen.split('\n').find((l) => l.includes('MY-OWN-LINE'))?.trim()}`);

  // What the status line pushed, read back by the CLI from VictoriaMetrics.
  let limits: LimitsJson | undefined;
  for (let i = 0; i < 20 && limits?.fiveHour?.usedPercent !== 58; i++) {
    await vm.flush();
    await new Promise((r) => setTimeout(r, 1000));
    const run = await ccmonRun(['limits', '--json'], { env: { ...ccmonEnv, CCMON_PROMETHEUS_URL: vm.url } });
    assert.equal(run.code, 0, run.stderr);
    limits = JSON.parse(run.stdout) as LimitsJson;
  }
  const state = join(ccmonEnv.CCMON_CACHE_DIR, 'statusline.json');
  assert.equal(limits?.fiveHour?.usedPercent, 58, `the status line's state: ${existsSync(state) ? readFileSync(state, 'utf8') : 'none'}`);
  assert.equal(limits?.fiveHour?.resetsAt, new Date(fiveHourReset * 1000).toISOString(), "the stand-in's reset time");
  assert.equal(limits?.sevenDay?.usedPercent, 55);
  assert.equal(limits?.sevenDay?.resetsAt, new Date(sevenDayReset * 1000).toISOString());
  assert.ok((limits?.fiveHour?.projectedPercentAtReset ?? 0) >= 58, 'the projection never goes below the usage');
});
