/**
 * `npm run bench -- statusline`: the commands Claude Code runs itself, timed as it runs them (a new
 * process, the JSON on stdin), beside ccusage 20's `statusline` (its npm package with the native
 * binary, fetched into .cache/deps/ccusage) and `node -e 0`, interleaved, 25 runs each:
 *   - `ccmon statusline`, the usual run: the plan figures unchanged, today's cost read within the minute;
 *   - `ccmon statusline`, cold: no state, so it reads today's cost and pushes the plan figures (to a real
 *     VictoriaMetrics on loopback, which also answers the query);
 *   - `ccmon hook` as the SessionStart hook runs it (reads its input and hands the work to a background
 *     process, which records the session's project: reads the repository's files, pushes one gauge; each
 *     run waits, untimed, for that process to finish, so none overlaps the next run), the same work done
 *     in the foreground (`--foreground`), and `ccmon otel-headers` (a shared backend's headers helper);
 *   - `ccmon --help` and `ccmon summary --json` (against the same VictoriaMetrics).
 * Targets (issues 11, 12): the status line faster than ccusage's and at most 1.5× `node -e 0`; the hook at
 * most 1.5× `node -e 0`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile, report, runOnce, timeAll, type Timed } from './process-timing.js';
import { startVictoriaMetrics } from '../../test/support/victoria-metrics.js';
import { tempDir } from '../../test/support/tmp.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadState, statuslineStateFile } from '../../electron/core/statusline/state.js';
import { sessionInfoMetric } from '../../electron/core/projects/session-record.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ccmonBin = path.join(root, 'bin', 'ccmon.cjs');
const ccusageDir = path.join(root, '.cache', 'deps', 'ccusage');
const ccusageBin = path.join(ccusageDir, 'node_modules', 'ccusage', 'src', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 25);

function ensureCcusage(): void {
  if (existsSync(ccusageBin)) return;
  mkdirSync(ccusageDir, { recursive: true });
  writeFileSync(path.join(ccusageDir, 'package.json'), '{"private":true}\n');
  // 20.0.26's native package is missing from the registry: 20.0.24 (DESIGN.md).
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', 'ccusage@20.0.24', '@ccusage/ccusage-linux-x64@20.0.24'], { cwd: ccusageDir, stdio: 'inherit' });
}

export async function benchStatusline(): Promise<string> {
  if (!existsSync(path.join(root, 'dist', 'electron', 'cli', 'hot', 'statusline.js'))) throw new Error('Build first: npm run build:main');
  ensureCcusage();
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  const home = tempDir('ccmon-bench-sl-');
  try {
    const configDir = path.join(home.path, '.claude');
    const sessionId = '0d8896b8-4928-4793-8879-747b92ea10c7';
    const projectDir = path.join(configDir, 'projects', '-bench');
    mkdirSync(projectDir, { recursive: true });
    const transcript = path.join(projectDir, `${sessionId}.jsonl`);
    writeFileSync(transcript, `${JSON.stringify({ type: 'assistant', sessionId, timestamp: new Date().toISOString(), message: { model: 'claude-sonnet-4-5', usage: { input_tokens: 1000, output_tokens: 200, cache_read_input_tokens: 3000, cache_creation_input_tokens: 200 } } })}\n`);
    const sample = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'claude-code-2.1.197-statusline-input.json'), 'utf8')) as Record<string, unknown>;
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const input = JSON.stringify({ ...sample, transcript_path: transcript, cwd: home.path, rate_limits: { five_hour: { used_percentage: 37, resets_at: reset }, seven_day: { used_percentage: 55, resets_at: reset + 86400 } } });
    const cache = path.join(home.path, 'cache');
    const repo = path.join(home.path, 'code', 'demo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const hookInput = JSON.stringify({ session_id: sessionId, transcript_path: transcript, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' });
    const env = { PATH: process.env.PATH, HOME: home.path, CLAUDE_CONFIG_DIR: configDir, CCMON_CONFIG_DIR: path.join(home.path, 'config'), CCMON_CACHE_DIR: cache, CCMON_PROMETHEUS_URL: vm.url, CCMON_OTLP_METRICS_URL: vm.otlpMetricsUrl };
    const node = process.execPath;
    const commands: Timed[] = [
      { name: 'node -e 0', command: node, args: ['-e', '0'], env },
      { name: 'ccmon statusline (usual: nothing to push)', command: node, args: [ccmonBin, 'statusline'], env, input },
      { name: 'ccmon statusline (cold: reads, then pushes)', command: node, args: [ccmonBin, 'statusline'], env: { ...env, CCMON_CACHE_DIR: path.join(home.path, 'cold') }, input, before: () => rmSync(path.join(home.path, 'cold'), { recursive: true, force: true }) },
      { name: 'ccusage 20.0.24 statusline', command: node, args: [ccusageBin, 'statusline'], env, input },
      { name: 'ccmon hook (SessionStart, as Claude Code runs it)', command: node, args: [ccmonBin, 'hook'], env, input: hookInput, ...awaitHandedOffWork(cache) },
      { name: 'ccmon hook --foreground (record, push)', command: node, args: [ccmonBin, 'hook', '--foreground'], env, input: hookInput },
      { name: 'ccmon otel-headers', command: node, args: [ccmonBin, 'otel-headers'], env: { ...env, CCMON_BEARER_TOKEN: 'bench-token' } },
    ];
    // Fill the usual run's state once: today's cost read, the figures pushed.
    await runOnce(commands[1]!);
    const check = await runOnce(commands[3]!);
    if (check.code !== 0) throw new Error(`ccusage statusline failed: ${check.stderr}`);
    const lines = [`status line: ${(await runOnce(commands[1]!)).stdout.trim()}`, `ccusage:     ${check.stdout.trim()}`, ''];
    const times = await timeAll(commands, runs);
    lines.push(report(times, 'node -e 0'));
    const usual = quantile(times.get(commands[1]!.name)!, 0.5);
    const ccusage = quantile(times.get(commands[3]!.name)!, 0.5);
    const bare = quantile(times.get('node -e 0')!, 0.5);
    lines.push('', `target: faster than ccusage (${usual.toFixed(0)} vs ${ccusage.toFixed(0)} ms: ${usual < ccusage ? 'met' : 'MISSED'}), at most 1.5× node -e 0 (${(usual / bare).toFixed(2)}×: ${usual <= 1.5 * bare ? 'met' : 'MISSED'})`);
    const hook = quantile(times.get(commands[4]!.name)!, 0.5);
    const foreground = quantile(times.get(commands[5]!.name)!, 0.5);
    lines.push(`target: the hook at most 1.5× node -e 0 (${(hook / bare).toFixed(2)}×: ${hook <= 1.5 * bare ? 'met' : 'MISSED'}; its work, done in the background, ${(foreground / bare).toFixed(2)}×)`);
    await vm.flush();
    const recorded = await fetch(`${vm.url}/api/v1/query?query=${encodeURIComponent(`count(${sessionInfoMetric})`)}`).then((r) => r.json() as Promise<{ data: { result: unknown[] } }>);
    if (recorded.data.result.length === 0) throw new Error('the hook recorded no session in VictoriaMetrics');
    const cli = await timeAll(
      [
        { name: 'node -e 0', command: node, args: ['-e', '0'], env },
        { name: 'ccmon --help', command: node, args: [ccmonBin, '--help'], env },
        { name: 'ccmon summary --json (VictoriaMetrics)', command: node, args: [ccmonBin, 'summary', '--json'], env: { ...env, CCMON_SUMMARY_CACHE: 'off' } },
      ],
      Math.min(runs, 15),
    );
    lines.push('', report(cli, 'node -e 0'));
    return lines.join('\n');
  } finally {
    await vm.stop();
    home.remove();
  }
}

/** before/after of a timed hook run: after it, waits (at most 3 s) until the background process it handed its work to has written its outcome. */
function awaitHandedOffWork(cache: string): Pick<Timed, 'before' | 'after'> {
  const file = statuslineStateFile(cache);
  const outcomeAt = (): number => loadState(file).health.hook?.at ?? 0;
  let mark = 0;
  return {
    before: () => {
      mark = outcomeAt();
    },
    after: async () => {
      for (const deadline = Date.now() + 3000; outcomeAt() <= mark && Date.now() < deadline; ) await sleep(5);
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStatusline());
