/**
 * Issue 6: the real Claude Code CLI, configured for push mode (OTLP http/protobuf, cumulative
 * temporality), pointed at a local OTLP receiver standing in for Prometheus 3's OTLP receiver
 * (/api/v1/otlp/v1/metrics) and Loki 3's native OTLP endpoint (/otlp/v1/logs).
 *
 * Prometheus-side and Loki-side ingestion can't run on this machine (Debian's Prometheus build has
 * no OTLP receiver, Loki is absent); this proves what Claude Code sends on those paths.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envVars } from '../../electron/core/env/snippet.js';
import { claudeCodeFor, startClaudeSession, type ClaudeSession } from '../support/claude-code.js';
import { startMessagesApiStandin, type MessagesApiStandin } from '../support/messages-api-standin.js';
import { TEMPORALITY, decodeMetrics, startOtlpReceiver, type DecodedMetric, type OtlpReceiver } from '../support/otlp-receiver.js';

const METRICS_PATH = '/api/v1/otlp/v1/metrics';
const LOGS_PATH = '/otlp/v1/logs';

/**
 * The push-mode snippet users get (`ccmon env --mode push`, the app's Setup panel), with Prometheus
 * and Loki both at the receiver. Only the export intervals are shortened, so the test sees periodic
 * exports within a second (the final flush on exit is checked too).
 */
function pushModeEnv(receiverUrl: string): Record<string, string> {
  const env = envVars('push', { prometheusUrl: receiverUrl, lokiUrl: receiverUrl, exporterUrl: 'http://127.0.0.1:9464/metrics' });
  assert.equal(env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, `${receiverUrl}${METRICS_PATH}`, "the snippet targets Prometheus 3's OTLP path");
  assert.equal(env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, `${receiverUrl}${LOGS_PATH}`, "the snippet targets Loki 3's OTLP path");
  return { ...env, OTEL_METRIC_EXPORT_INTERVAL: '1000', OTEL_LOGS_EXPORT_INTERVAL: '500' };
}

const USAGE = { input_tokens: 1200, output_tokens: 150, cache_read_input_tokens: 400, cache_creation_input_tokens: 300 };

function sumPoints(metrics: DecodedMetric[], name: string, filter: (a: Record<string, unknown>) => boolean = () => true): number {
  return metrics
    .filter((m) => m.name === name)
    .flatMap((m) => m.points)
    .filter((p) => filter(p.attributes))
    .reduce((s, p) => s + p.value, 0);
}

interface PushRig {
  standin: MessagesApiStandin;
  receiver: OtlpReceiver;
  /** A Claude Code session against the stand-in, exporting per `env`; killed when the test ends. */
  start: (env: Record<string, string>, options?: { gitInit?: boolean }) => Promise<ClaudeSession>;
}

/** A Messages API stand-in and an OTLP receiver for one test: both, and every session started, are closed however it ends. */
async function withPushRig(body: (rig: PushRig) => Promise<void>): Promise<void> {
  const sessions: ClaudeSession[] = [];
  let standin: MessagesApiStandin | undefined;
  let receiver: OtlpReceiver | undefined;
  try {
    standin = await startMessagesApiStandin({ defaultUsage: USAGE });
    receiver = await startOtlpReceiver();
    const url = standin.url;
    const start: PushRig['start'] = async (env, options = {}) => {
      const session = await startClaudeSession({ apiUrl: url, proxyUrl: url, telemetry: { mode: 'env', env }, ...options });
      sessions.push(session);
      return session;
    };
    await body({ standin, receiver, start });
  } finally {
    for (const s of sessions) await s.kill();
    await receiver?.close();
    await standin?.close();
  }
}

test('real Claude Code configured by the push-mode snippet sends cumulative OTLP metrics and event logs on the Prometheus and Loki paths', { timeout: 150_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;
  await withPushRig(async ({ standin, receiver, start }) => {
    const session = await start(pushModeEnv(receiver.url), { gitInit: true });

    // Turn 1: write a 3-line file, commit it, answer. Turn 2: the API refuses the request (400, not
    // retried), which Claude Code reports as an api_error event. Turn 3: plain text.
    // (If the last turn ends in an error, the CLI exits with code 1.)
    standin.enqueue(
      { toolUse: { name: 'Write', input: { file_path: `${session.cwd}/notes.md`, content: 'one\ntwo\nthree\n' } } },
      { toolUse: { name: 'Bash', input: { command: 'git add notes.md && git commit -q -m "Add notes"', description: 'Commit notes' } } },
      { text: 'Written and committed.' },
      { error: { status: 400, type: 'invalid_request_error', message: 'scripted refusal' } },
      { text: 'You are welcome.' },
    );
    const r1 = await session.send('Write notes.md with three lines and commit it.');
    assert.equal(r1.is_error, false, `turn 1 failed: ${JSON.stringify(r1)}`);
    const r2 = await session.send('One more thing.');
    assert.equal(r2.is_error, true, `turn 2 reports the API error: ${JSON.stringify(r2)}`);
    assert.equal(r2.total_cost_usd, r1.total_cost_usd, 'a refused request costs nothing');
    const r3 = await session.send('Thanks!');
    assert.equal(r3.is_error, false, `turn 3 failed: ${JSON.stringify(r3)}`);
    assert.ok(r3.total_cost_usd > r2.total_cost_usd, 'the session goes on after an API error');
    const sessionId = session.sessionId;
    assert.ok(sessionId, 'the CLI reported a session id');
    const totalCost = r3.total_cost_usd;
    assert.ok(totalCost > 0, `total_cost_usd is positive (${totalCost})`);
    assert.equal(standin.pending(), 0, 'every scripted reply was used');

    // At least one periodic export while the session is alive, then the final flush on exit.
    await receiver.waitFor(() => receiver.on(METRICS_PATH).length >= 1 && receiver.on(LOGS_PATH).length >= 1, 30_000, 'a periodic metrics and logs export');
    const beforeExit = receiver.on(METRICS_PATH).length;
    const exit = await session.close();
    assert.equal(exit.code, 0, `Claude Code exited cleanly (${JSON.stringify(exit)})`);
    assert.ok(receiver.on(METRICS_PATH).length > beforeExit, 'the process flushed metrics on exit');

    // Transport: every POST on one of the two configured paths, protobuf. (GETs are ignored: on a
    // shared machine another test's Prometheus may scrape whatever loopback port this receiver got.)
    const posts = receiver.requests.filter((r) => r.method === 'POST');
    for (const r of posts) {
      assert.ok([METRICS_PATH, LOGS_PATH].includes(r.path), `unexpected OTLP path ${r.path}`);
      assert.match(r.contentType, /^application\/x-protobuf/, `${r.path} content-type`);
      assert.ok(r.body.length > 0, `${r.path} has a body`);
    }

    // Metrics: every sum is cumulative and monotonic; the last export holds the session's totals.
    const all = receiver.metrics(METRICS_PATH);
    for (const m of all) {
      assert.equal(m.kind, 'sum', `${m.name} is a sum`);
      assert.equal(m.temporality, TEMPORALITY.CUMULATIVE, `${m.name} is cumulative`);
      assert.equal(m.monotonic, true, `${m.name} is monotonic`);
    }
    const exports = receiver.on(METRICS_PATH);
    const last = decodeMetrics(exports[exports.length - 1]!.body);
    const names = new Set(last.map((m) => m.name));
    for (const n of [
      'claude_code.session.count',
      'claude_code.cost.usage',
      'claude_code.token.usage',
      'claude_code.active_time.total',
      'claude_code.lines_of_code.count',
      'claude_code.commit.count',
      'claude_code.code_edit_tool.decision',
    ]) {
      assert.ok(names.has(n), `instrument ${n} exported (got ${[...names].join(', ')})`);
    }
    assert.equal(last.find((m) => m.name === 'claude_code.cost.usage')?.unit, 'USD');
    assert.equal(last.find((m) => m.name === 'claude_code.token.usage')?.unit, 'tokens');
    assert.equal(last[0]?.resource['service.name'], 'claude-code');
    for (const m of last) for (const p of m.points) assert.equal(p.attributes['session.id'], sessionId, `${m.name} carries session.id`);

    t.diagnostic(
      `Claude Code ${avail.version}, session ${sessionId}: total_cost_usd ${totalCost}; exported cost ${sumPoints(last, 'claude_code.cost.usage')}; ` +
        `${exports.length} metrics and ${receiver.on(LOGS_PATH).length} logs requests; instruments ${[...names].join(', ')}`,
    );
    assert.ok(Math.abs(sumPoints(last, 'claude_code.cost.usage') - totalCost) <= 0.0001, `cost ${sumPoints(last, 'claude_code.cost.usage')} = total_cost_usd ${totalCost}`);
    const used = standin.totalUsage();
    const tok = (type: string) => sumPoints(last, 'claude_code.token.usage', (a) => a.type === type);
    assert.deepEqual(
      { input: tok('input'), output: tok('output'), cacheRead: tok('cacheRead'), cacheCreation: tok('cacheCreation') },
      { input: used.input_tokens, output: used.output_tokens, cacheRead: used.cache_read_input_tokens, cacheCreation: used.cache_creation_input_tokens },
      'token counters equal the usage the stand-in answered',
    );
    assert.equal(sumPoints(last, 'claude_code.session.count'), 1);
    assert.equal(sumPoints(last, 'claude_code.commit.count'), 1);
    assert.ok(sumPoints(last, 'claude_code.lines_of_code.count', (a) => a.type === 'added') >= 3, 'lines added counted');

    // Cumulative across exports: per series, values never go down and the start time stays put.
    const seen = new Map<string, { start: number; value: number }>();
    for (const req of exports) {
      for (const m of decodeMetrics(req.body)) {
        for (const p of m.points) {
          const key = `${m.name}${JSON.stringify(p.attributes)}`;
          const prev = seen.get(key);
          if (prev) {
            assert.equal(p.startTimeUnixNano, prev.start, `${key} keeps its start time`);
            assert.ok(p.value >= prev.value, `${key} never decreases`);
          }
          seen.set(key, { start: p.startTimeUnixNano, value: p.value });
        }
      }
    }

    // Logs: Claude Code's events, with event.name, session.id, and durations on api_request.
    const logs = receiver.logs(LOGS_PATH);
    const byName = (n: string) => logs.filter((l) => l.eventName === n);
    assert.equal(byName('user_prompt').length, 3, 'one user_prompt per turn');
    const apiRequests = byName('api_request');
    const answered = standin.messageRequests().filter((r) => r.reply?.status === 200);
    assert.equal(apiRequests.length, answered.length, 'one api_request event per answered Messages API call');
    for (const e of apiRequests) {
      assert.equal(typeof e.attributes.duration_ms, 'number', 'api_request has a numeric duration_ms');
      assert.ok((e.attributes.duration_ms as number) >= 0);
      assert.equal(e.attributes['session.id'], sessionId);
      assert.equal(e.body, 'claude_code.api_request');
      assert.ok(typeof e.attributes.model === 'string' && e.attributes.model.length > 0);
    }
    const eventCost = apiRequests.reduce((s, e) => s + Number(e.attributes.cost_usd ?? 0), 0);
    assert.ok(Math.abs(eventCost - totalCost) <= 0.0001, `api_request cost_usd sums to total_cost_usd (${eventCost} vs ${totalCost})`);
    const apiErrors = byName('api_error');
    assert.equal(apiErrors.length, 1, 'one api_error event');
    assert.equal(apiErrors[0]!.attributes.status_code, 400);
    assert.equal(typeof apiErrors[0]!.attributes.duration_ms, 'number', 'api_error has a numeric duration_ms');
    assert.ok(byName('tool_result').some((e) => e.attributes.tool_name === 'Bash'), 'a Bash tool_result event');
    assert.ok(byName('tool_decision').length >= 2, 'tool_decision events');
    assert.deepEqual(standin.proxyAttempts, [], 'Claude Code tried no outbound connections');
  });
});

test('without the temporality preference Claude Code exports delta sums, which is why the push snippet sets cumulative', { timeout: 90_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;
  await withPushRig(async ({ receiver, start }) => {
    const env = pushModeEnv(receiver.url);
    delete env.OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE;
    const session = await start(env);
    const r = await session.send('Hello.');
    assert.equal(r.is_error, false);
    assert.equal((await session.close()).code, 0);
    const metrics = receiver.metrics(METRICS_PATH);
    const cost = metrics.filter((m) => m.name === 'claude_code.cost.usage');
    assert.ok(cost.length > 0, 'cost exported');
    for (const m of metrics) if (m.kind === 'sum') assert.equal(m.temporality, TEMPORALITY.DELTA, `${m.name} is delta by default`);
    // Delta points add up to the session's cost.
    assert.ok(Math.abs(sumPoints(cost, 'claude_code.cost.usage') - r.total_cost_usd) <= 0.0001);
  });
});

test('push mode: two concurrent sessions and a short one each land with their own cost', { timeout: 120_000 }, async (t) => {
  const avail = claudeCodeFor(t);
  if (!avail) return;
  await withPushRig(async ({ receiver, start }) => {
    // The snippet's own intervals (no shortening): whatever a periodic export misses, the exit flush carries.
    const env = envVars('push', { prometheusUrl: receiver.url, lokiUrl: receiver.url, exporterUrl: 'http://127.0.0.1:9464/metrics' });
    const a = await start(env);
    const b = await start(env);
    const costs = new Map<string, number>();
    const ra = await a.send('First terminal.');
    const rb1 = await b.send('Second terminal.');
    const rb2 = await b.send('Second terminal again.');
    costs.set(ra.session_id, ra.total_cost_usd).set(rb1.session_id, rb2.total_cost_usd);
    // A short one-turn session that lives about a second.
    const c = await start(env);
    const rc = await c.send('Quick question.');
    costs.set(rc.session_id, rc.total_cost_usd);
    assert.equal((await c.close()).code, 0);
    assert.equal((await b.close()).code, 0);
    assert.equal((await a.close()).code, 0);
    assert.equal(costs.size, 3, 'three distinct sessions');

    // Cumulative exports: the last point per series is the session's total.
    const lastCost = new Map<string, number>();
    for (const m of receiver.metrics(METRICS_PATH)) {
      if (m.name !== 'claude_code.cost.usage') continue;
      const perSession = new Map<string, number>();
      for (const p of m.points) {
        const id = p.attributes['session.id'];
        assert.ok(typeof id === 'string', 'each cost point names its session');
        perSession.set(id, (perSession.get(id) ?? 0) + p.value);
      }
      for (const [id, v] of perSession) lastCost.set(id, v);
    }
    t.diagnostic(`pushed cost per session ${JSON.stringify([...lastCost])}; total_cost_usd ${JSON.stringify([...costs])}`);
    for (const [id, cost] of costs) {
      assert.ok(lastCost.has(id), `session ${id} pushed its metrics`);
      assert.ok(Math.abs(lastCost.get(id)! - cost) <= 0.0001, `session ${id}: pushed ${lastCost.get(id)} = total_cost_usd ${cost}`);
    }
    const prompts = receiver.logs(LOGS_PATH).filter((l) => l.eventName === 'user_prompt');
    assert.deepEqual(new Set(prompts.map((l) => l.attributes['session.id'])), new Set(costs.keys()), 'every session pushed its events');
  });
});
