/**
 * Issue 2: the real Claude Code CLI in scrape mode (its Prometheus exporter on a free port), one
 * session with two turns against the Messages API stand-in. `ccmon probe` must see the session with
 * its cost, and after a real Prometheus 3.5 scraped it, `ccmon summary --since T0` must report the
 * session's own `total_cost_usd` (to $0.0001) and one session, also after the session has ended.
 *
 * Needs: `npm run build:main` (bin/ccmon.cjs runs dist/), and Prometheus from
 * `bash scripts/deps/prometheus.sh` (or PROMETHEUS_BIN).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { claudeCodeFor, startClaudeSession, waitForPort, type ClaudeSession } from '../support/claude-code.js';
import { startMessagesApiStandin, type MessagesApiStandin } from '../support/messages-api-standin.js';
import { freePort } from '../support/ports.js';
import { startPrometheus, type PrometheusHandle } from '../support/prometheus.js';
import { tempDir } from '../support/tmp.js';
import { ccmon, type CcmonResult } from '../support/ccmon.js';
import type { ProbeResult, Summary } from '../../electron/core/api/types.js';

const USD = 0.0001;

const USAGE = { input_tokens: 2000, output_tokens: 250, cache_read_input_tokens: 1000, cache_creation_input_tokens: 500 };

function parseJson<T>(r: CcmonResult, what: string): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`${what}: stdout is not one JSON document (exit ${r.code}).\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/** `name{labels} value` samples of one metric from Prometheus text exposition. */
function samples(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ labels, value: Number(m[3]) });
  }
  return out;
}

test('real Claude Code in scrape mode: ccmon probe and, through a real Prometheus, ccmon summary match total_cost_usd', { timeout: 140_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;

  let standin: MessagesApiStandin | undefined;
  let session: ClaudeSession | undefined;
  let prom: PrometheusHandle | undefined;
  try {
    const t0 = new Date();
    standin = await startMessagesApiStandin({ defaultUsage: USAGE });
    session = await startClaudeSession({ apiUrl: standin.url, proxyUrl: standin.url, telemetry: { mode: 'scrape' } });
    const port = session.exporterPort!;
    const exporterUrl = session.exporterUrl!;

    // Turn 1 writes a file (lines-of-code counter), turn 2 is plain text.
    standin.enqueue(
      { toolUse: { name: 'Write', input: { file_path: `${session.cwd}/hello.py`, content: 'print("hello")\nprint("world")\n' } } },
      { text: 'Created hello.py.' },
      { text: 'Anything else?' },
    );
    const r1 = await session.send('Create hello.py that prints two lines.');
    assert.equal(r1.is_error, false, `turn 1 failed: ${JSON.stringify(r1)}`);
    const r2 = await session.send('Thanks.');
    assert.equal(r2.is_error, false, `turn 2 failed: ${JSON.stringify(r2)}`);
    const sessionId = session.sessionId!;
    const totalCost = r2.total_cost_usd;
    assert.ok(sessionId, 'the CLI reported a session id');
    assert.ok(r2.total_cost_usd > r1.total_cost_usd && r1.total_cost_usd > 0, `the running cost grows (${r1.total_cost_usd} → ${r2.total_cost_usd})`);

    // The exporter itself, read directly: the harness works whatever ccmon does.
    await waitForPort(port, 30_000);
    const text = await (await fetch(exporterUrl, { signal: AbortSignal.timeout(5000) })).text();
    const cost = samples(text, 'claude_code_cost_usage_total').filter((s) => s.labels.session_id === sessionId);
    assert.ok(cost.length > 0, `the exporter exposes claude_code_cost_usage_total for ${sessionId}:\n${text}`);
    assert.ok(Math.abs(cost.reduce((a, s) => a + s.value, 0) - totalCost) <= USD, 'the exporter cost equals total_cost_usd');
    const linesAdded = samples(text, 'claude_code_lines_of_code_count_total')
      .filter((s) => s.labels.type === 'added')
      .reduce((a, s) => a + s.value, 0);
    assert.ok(linesAdded >= 2, `lines added on the exporter (${linesAdded})`);

    // (i) ccmon probe sees the session with its cost.
    const probeRun = await ccmon(['probe', '--json'], { CCMON_EXPORTER_URL: exporterUrl });
    const probe = parseJson<ProbeResult>(probeRun, 'ccmon probe --json');
    assert.equal(probeRun.code, 0, `ccmon probe exit code (stderr: ${probeRun.stderr})`);
    assert.equal(probe.reachable, true, `probe reachable (error: ${probe.error})`);
    assert.equal(probe.url, exporterUrl);
    const seen = probe.sessions.find((s) => s.sessionId === sessionId);
    assert.ok(seen, `probe lists session ${sessionId}: ${JSON.stringify(probe.sessions)}`);
    assert.ok(Math.abs(seen.costUsd - totalCost) <= USD, `probe costUsd ${seen.costUsd} = total_cost_usd ${totalCost}`);

    // (ii) A real Prometheus scrapes the exporter every second.
    prom = await startPrometheus({ targets: [`127.0.0.1:${port}`], scrapeIntervalSeconds: 1 });
    await prom.waitForScrape([`127.0.0.1:${port}`], { timeoutMs: 30_000 });
    const inProm = await prom.query(`sum(claude_code_cost_usage_total{session_id="${sessionId}"})`);
    assert.ok(Math.abs(Number(inProm[0]?.value?.[1]) - totalCost) <= USD, `Prometheus holds the final cost: ${JSON.stringify(inProm)}`);

    const summaryEnv = { CCMON_PROMETHEUS_URL: prom.url };
    const checkSummary = async (when: string) => {
      const run = await ccmon(['summary', '--since', t0.toISOString(), '--json'], summaryEnv);
      const s = parseJson<Summary>(run, `ccmon summary --json (${when})`);
      assert.equal(run.code, 0, `ccmon summary exit code (${when}; stderr: ${run.stderr})`);
      t.diagnostic(`summary (${when}): costUsd ${s.costUsd}, sessions ${s.sessions}, tokens ${JSON.stringify(s.tokens)}, linesOfCode ${JSON.stringify(s.linesOfCode)}`);
      assert.ok(Math.abs(s.costUsd - totalCost) <= USD, `summary costUsd ${s.costUsd} = total_cost_usd ${totalCost} (${when})`);
      assert.equal(s.sessions, 1, `one session (${when})`);
      const used = standin!.totalUsage();
      assert.deepEqual(
        s.tokens,
        { input: used.input_tokens, output: used.output_tokens, cacheRead: used.cache_read_input_tokens, cacheCreation: used.cache_creation_input_tokens },
        `summary tokens equal the usage the stand-in answered (${when})`,
      );
      assert.equal(s.linesOfCode.added, linesAdded, `summary lines added (${when})`);
    };
    t.diagnostic(`Claude Code ${avail.version}, session ${sessionId}: total_cost_usd ${r1.total_cost_usd} → ${totalCost}; probe ${seen.costUsd}; exporter lines added ${linesAdded}`);
    await checkSummary('session running');

    // The session ends; its series go stale in Prometheus. The window's totals must not change.
    const exit = await session.close();
    assert.equal(exit.code, 0, `Claude Code exited cleanly (${JSON.stringify(exit)})`);
    await prom.waitForScrape([`127.0.0.1:${port}`], { health: 'any', timeoutMs: 30_000 });
    await checkSummary('session ended');
    assert.deepEqual(standin.proxyAttempts, [], 'Claude Code tried no outbound connections');
  } finally {
    await session?.kill();
    await prom?.stop();
    await standin?.close();
  }
});

test('real Claude Code, a resumed session: same session id, counters restart at 0 in the new process; ccmon summary counts both', { timeout: 140_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;

  let standin: MessagesApiStandin | undefined;
  let first: ClaudeSession | undefined;
  let second: ClaudeSession | undefined;
  let prom: PrometheusHandle | undefined;
  const home = tempDir('ccmon-cc-resume-home-');
  const work = tempDir('ccmon-cc-resume-work-');
  try {
    const t0 = new Date();
    standin = await startMessagesApiStandin({ defaultUsage: USAGE });
    const port = await freePort();
    const target = `127.0.0.1:${port}`;
    prom = await startPrometheus({ targets: [target], scrapeIntervalSeconds: 1 });
    const sessionId = randomUUID();
    // An explicit model keeps every label equal across the two processes (the default model's
    // label differs between a fresh and a resumed process), so the cost series really resets.
    const common = {
      apiUrl: standin.url,
      proxyUrl: standin.url,
      telemetry: { mode: 'scrape' as const, port },
      home: home.path,
      cwd: work.path,
      model: 'claude-sonnet-4-5',
    };

    // Process 1: two turns, one writes a file.
    first = await startClaudeSession({ ...common, sessionId });
    standin.enqueue(
      { toolUse: { name: 'Write', input: { file_path: `${work.path}/a.txt`, content: 'alpha\nbeta\n' } } },
      { text: 'Wrote a.txt.' },
      { text: 'Sure.' },
    );
    assert.equal((await first.send('Write a.txt.')).is_error, false);
    const cost1 = (await first.send('Thanks.')).total_cost_usd;
    assert.equal(first.sessionId, sessionId);
    await prom.waitForScrape([target], { timeoutMs: 30_000 });
    const series1 = await prom.query(`claude_code_cost_usage_total{session_id="${sessionId}"}`);
    assert.equal(series1.length, 1, `one cost series: ${JSON.stringify(series1)}`);
    assert.ok(Math.abs(Number(series1[0]!.value?.[1]) - cost1) <= USD, 'Prometheus holds process 1 final cost');
    assert.equal((await first.close()).code, 0);
    const requests1 = standin.messageRequests().length;
    await prom.waitForScrape([target], { health: 'any', timeoutMs: 30_000 });

    // Process 2: `--resume` the same session on the same port; one turn that writes a file.
    second = await startClaudeSession({ ...common, resume: sessionId });
    standin.enqueue({ toolUse: { name: 'Write', input: { file_path: `${work.path}/b.txt`, content: 'gamma\n' } } }, { text: 'Wrote b.txt.' });
    const r = await second.send('Write b.txt.');
    assert.equal(r.is_error, false);
    assert.equal(r.session_id, sessionId, 'the resumed process keeps the session id');
    const cost2 = r.total_cost_usd;
    // Every request has the same usage and model, so costs are proportional to request counts:
    // the resumed process's total_cost_usd covers only its own requests, not the session's.
    const requests2 = standin.messageRequests().length - requests1;
    assert.ok(Math.abs(cost2 - (cost1 * requests2) / requests1) <= 1e-9, `resumed total_cost_usd ${cost2} covers its ${requests2} requests only (process 1: ${cost1} for ${requests1})`);
    await prom.waitForScrape([target], { timeoutMs: 30_000 });
    const series2 = await prom.query(`claude_code_cost_usage_total{session_id="${sessionId}"}`);
    assert.equal(series2.length, 1, `still one cost series (same labels), now reset: ${JSON.stringify(series2)}`);
    assert.deepEqual(series2[0]!.metric, series1[0]!.metric, 'identical labels before and after the resume');
    assert.ok(Math.abs(Number(series2[0]!.value?.[1]) - cost2) <= USD, 'the counter restarted from 0 in process 2');
    const resets = await prom.query(`resets(claude_code_cost_usage_total{session_id="${sessionId}"}[10m])`);
    assert.equal(Number(resets[0]?.value?.[1]), 1, 'Prometheus sees one counter reset');

    const expected = cost1 + cost2;
    t.diagnostic(`Claude Code ${avail.version}, session ${sessionId}: process 1 total_cost_usd ${cost1}, resumed process ${cost2}, together ${expected}`);
    const run = await ccmon(['summary', '--since', t0.toISOString(), '--json'], { CCMON_PROMETHEUS_URL: prom.url });
    const s = parseJson<Summary>(run, 'ccmon summary --json');
    t.diagnostic(`summary: costUsd ${s.costUsd}, sessions ${s.sessions}, tokens ${JSON.stringify(s.tokens)}, linesOfCode ${JSON.stringify(s.linesOfCode)}`);
    assert.equal(run.code, 0, `ccmon summary exit code (stderr: ${run.stderr})`);
    assert.ok(Math.abs(s.costUsd - expected) <= USD, `summary costUsd ${s.costUsd} = ${cost1} + ${cost2}`);
    assert.equal(s.sessions, 1, 'a resumed session is still one session');
    const used = standin.totalUsage();
    assert.deepEqual(s.tokens, {
      input: used.input_tokens,
      output: used.output_tokens,
      cacheRead: used.cache_read_input_tokens,
      cacheCreation: used.cache_creation_input_tokens,
    });
    assert.equal((await second.close()).code, 0);
    assert.deepEqual(standin.proxyAttempts, [], 'Claude Code tried no outbound connections');
  } finally {
    await first?.kill();
    await second?.kill();
    await prom?.stop();
    await standin?.close();
    home.remove();
    work.remove();
  }
});

test('real Claude Code, two concurrent sessions on one exporter port: the second is silently missing, and ccmon probe shows only the first', { timeout: 120_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;
  let standin: MessagesApiStandin | undefined;
  let first: ClaudeSession | undefined;
  let second: ClaudeSession | undefined;
  try {
    standin = await startMessagesApiStandin({ defaultUsage: USAGE });
    const port = await freePort();
    const common = { apiUrl: standin.url, proxyUrl: standin.url, telemetry: { mode: 'scrape' as const, port } };
    first = await startClaudeSession(common);
    const r1 = await first.send('Hello from the first terminal.');
    await waitForPort(port, 30_000);
    second = await startClaudeSession(common);
    const r2 = await second.send('Hello from the second terminal.');
    assert.equal(r1.is_error || r2.is_error, false, 'both sessions work');
    assert.notEqual(r1.session_id, r2.session_id);
    assert.ok(r2.total_cost_usd > 0, 'the second session has a cost of its own');

    const probe = parseJson<ProbeResult>(await ccmon(['probe', '--json'], { CCMON_EXPORTER_URL: first.exporterUrl! }), 'ccmon probe --json');
    t.diagnostic(`two live Claude Code processes (pids ${first.pid}, ${second.pid}); probe sees ${JSON.stringify(probe.sessions)}; second stderr ${JSON.stringify(second.stderr())}`);
    assert.equal(probe.reachable, true);
    assert.deepEqual(
      probe.sessions.map((s) => s.sessionId),
      [r1.session_id],
      'only the session that bound the port is visible: the other one is lost in scrape mode',
    );
    assert.equal(second.exited(), false, 'the second process kept running');
    assert.equal(second.stderr().trim(), '', 'Claude Code printed nothing about the busy port');
    assert.equal((await second.close()).code, 0);
    assert.equal((await first.close()).code, 0);
  } finally {
    await second?.kill();
    await first?.kill();
    await standin?.close();
  }
});
