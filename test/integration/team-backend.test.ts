/**
 * A team's shared backend end to end: a real VictoriaMetrics behind a real vmauth (TLS with its own CA,
 * two bearer tokens, one per person), and the real Claude Code configured only by `ccmon backend set`,
 * `ccmon backend set-token` (stdin) and `ccmon env --apply` on each of three machines:
 *   alice on laptop-a and desktop-a (one Claude Code identity on both), bob on laptop-b.
 * Claude Code pushes OTLP through vmauth, its token coming from our otelHeadersHelper (never written into
 * its settings), its machine from OTEL_RESOURCE_ATTRIBUTES, the CA from NODE_EXTRA_CA_CERTS. Then:
 *   - `ccmon summary --json --scope all` equals the sessions' own total_cost_usd per person, per machine
 *     and in total ($0.0001), tokens exact; `--scope me` (the default on a shared backend) is each
 *     person's own;
 *   - a wrong token and a missing one: one sentence naming the backend and the fix, exit 1, no stack trace.
 * Skips, saying why, where Claude Code, VictoriaMetrics or openssl can't run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Summary } from '../../electron/core/api/types.js';
import { claudeCodeFor, startClaudeSession, type ClaudeSession, type ResultMessage } from '../support/claude-code.js';
import { ccmonRun } from '../support/ccmon.js';
import { startMessagesApiStandin } from '../support/messages-api-standin.js';
import { tempDir } from '../support/tmp.js';
import { makeTestPki } from '../support/tls.js';
import { startVictoriaMetrics, startVmauth, VICTORIA_METRICS_BIN, VMAUTH_BIN } from '../support/victoria-metrics.js';

interface MachineEnv extends Record<string, string> {
  HOME: string;
  CLAUDE_CONFIG_DIR: string;
  CCMON_CONFIG_DIR: string;
}
interface Machine {
  person: 'alice' | 'bob';
  host: string;
  turns: number;
  home: string;
  env: MachineEnv;
}

const people = {
  alice: { userID: 'a11ce'.padEnd(64, '0'), token: 'alice-token-7f3e9c' },
  bob: { userID: 'b0b'.padEnd(64, '1'), token: 'bob-token-2d81aa' },
};

type Tokens = Summary['tokens'];
const noTokens = (): Tokens => ({ input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });
/** A session's tokens as Claude Code counted them (its last result's per-model usage). */
function tokensOf(result: ResultMessage): Tokens {
  const t = noTokens();
  for (const u of Object.values(result.modelUsage ?? {})) {
    const m = u as { inputTokens?: number; outputTokens?: number; cacheReadInputTokens?: number; cacheCreationInputTokens?: number };
    t.input += m.inputTokens ?? 0;
    t.output += m.outputTokens ?? 0;
    t.cacheRead += m.cacheReadInputTokens ?? 0;
    t.cacheCreation += m.cacheCreationInputTokens ?? 0;
  }
  return t;
}
const plus = (a: Tokens, b: Tokens): Tokens => ({ input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheCreation: a.cacheCreation + b.cacheCreation });

test('team backend: three machines, two people, through vmauth with TLS; by person, by machine and in total, exact', { timeout: 400_000 }, async (t) => {
  if (!claudeCodeFor(t)) return;
  for (const bin of [VICTORIA_METRICS_BIN, VMAUTH_BIN]) if (!existsSync(bin)) return t.skip(`no ${bin} (bash scripts/deps/victoria-metrics.sh)`);
  let pki: ReturnType<typeof makeTestPki>;
  try {
    pki = makeTestPki();
  } catch (err) {
    return t.skip((err as Error).message);
  }
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  const gate = await startVmauth({ targetUrl: vm.url, tokens: [people.alice.token, people.bob.token], tls: { certFile: pki.certFile, keyFile: pki.keyFile, caPem: pki.caPem } });
  const api = await startMessagesApiStandin({ defaultUsage: { input_tokens: 1200, output_tokens: 150, cache_read_input_tokens: 400, cache_creation_input_tokens: 100 } });
  const root = tempDir('ccmon-team-');
  const sessions: ClaudeSession[] = [];
  t.after(async () => {
    for (const s of sessions) await s.kill();
    await api.close();
    await gate.stop();
    await vm.stop();
    root.remove();
    pki.remove();
  });

  const machines: Machine[] = [
    { person: 'alice', host: 'laptop-a', turns: 2 },
    { person: 'alice', host: 'desktop-a', turns: 1 },
    { person: 'bob', host: 'laptop-b', turns: 1 },
  ].map((m) => {
    const home = join(root.path, m.host);
    const configDir = join(home, '.claude');
    mkdirSync(configDir, { recursive: true });
    // The person's Claude Code identity: the same on both of alice's machines (as one login would make it).
    writeFileSync(join(configDir, '.claude.json'), JSON.stringify({ userID: people[m.person as 'alice' | 'bob'].userID }));
    const env: MachineEnv = { HOME: home, CLAUDE_CONFIG_DIR: configDir, CCMON_CONFIG_DIR: join(home, 'ccmon-config'), CCMON_CACHE_DIR: join(home, 'ccmon-cache'), CCMON_SUMMARY_CACHE: 'off' };
    return { ...m, person: m.person as 'alice' | 'bob', home, env };
  });

  for (const m of machines) {
    const set = await ccmonRun(['backend', 'set', '--url', gate.url, '--otlp-url', `${gate.url}/opentelemetry/v1/metrics`, '--name', 'team', '--auth', 'bearer', '--ca-file', pki.caFile, '--attribute', 'team=platform'], { env: m.env });
    assert.equal(set.code, 0, set.stderr);
    const token = await ccmonRun(['backend', 'set-token'], { env: m.env, input: `${people[m.person].token}\n` });
    assert.equal(token.code, 0, token.stderr);
    const shown = await ccmonRun(['backend', '--json'], { env: { ...m.env, CCMON_HOST_NAME: m.host } });
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(!shown.stdout.includes(people[m.person].token), 'ccmon backend never prints the token');
    const view = JSON.parse(shown.stdout) as { kind: string; credential: { set: boolean; source: string }; identity: { label: string; value: string }; defaultScope: string };
    assert.deepEqual([view.kind, view.credential, view.identity, view.defaultScope], ['remote', { set: true, source: 'secret store' }, { label: 'user_id', value: people[m.person].userID }, 'me']);
    const applied = await ccmonRun(['env', '--apply', '--no-statusline', '--no-hooks'], { env: { ...m.env, CCMON_HOST_NAME: m.host } });
    assert.equal(applied.code, 0, applied.stderr);
    const text = readFileSync(join(m.env.CLAUDE_CONFIG_DIR, 'settings.json'), 'utf8');
    assert.ok(!text.includes(people[m.person].token), 'the token is never written into Claude Code\'s settings');
    const written = JSON.parse(text) as { env: Record<string, string>; otelHeadersHelper?: string };
    assert.equal(written.env.OTEL_RESOURCE_ATTRIBUTES, `host.name=${m.host},team=platform`);
    assert.equal(written.env.NODE_EXTRA_CA_CERTS, pki.caFile);
    assert.equal(written.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, `${gate.url}/opentelemetry/v1/metrics`);
    assert.equal(written.env.OTEL_LOGS_EXPORTER, undefined, 'no events without a Loki for the shared backend');
    assert.match(written.otelHeadersHelper ?? '', /otel-headers --install [0-9a-f]{12}$/);
  }

  const truth = { cost: new Map<string, number>(), tokens: new Map<string, Tokens>() };
  for (const m of machines) {
    const s = await startClaudeSession({ apiUrl: api.url, proxyUrl: api.url, telemetry: { mode: 'none' }, home: m.home, env: { ...m.env, OTEL_METRIC_EXPORT_INTERVAL: '1000' } });
    sessions.push(s);
    let last: ResultMessage | undefined;
    for (let i = 0; i < m.turns; i++) last = await s.send(`Turn ${i + 1} on ${m.host}`);
    truth.cost.set(m.host, s.totalCostUsd());
    truth.tokens.set(m.host, tokensOf(last!));
    await s.close();
  }
  const sum = (hosts: string[]) => ({ cost: hosts.reduce((a, h) => a + truth.cost.get(h)!, 0), tokens: hosts.reduce((a, h) => plus(a, truth.tokens.get(h)!), noTokens()) });
  const total = sum(machines.map((m) => m.host));
  const ofPerson = (p: 'alice' | 'bob') => sum(machines.filter((m) => m.person === p).map((m) => m.host));
  t.diagnostic(`sessions: ${[...truth.cost].map(([h, c]) => `${h} $${c}`).join(', ')}; total $${total.cost}`);

  const [laptopA, , laptopB] = machines as [Machine, Machine, Machine];
  const summaryOn = async (m: Machine, ...args: string[]): Promise<Summary> => {
    const run = await ccmonRun(['summary', '--json', ...args], { env: m.env });
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as Summary;
  };
  let all: Summary | undefined;
  for (let i = 0; i < 40; i++) {
    await vm.flush();
    all = await summaryOn(laptopA, '--scope', 'all');
    if (Math.abs(all.costUsd - total.cost) < 1e-4 && all.byMachine.length === 3) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok(all && Math.abs(all.costUsd - total.cost) < 1e-4, `total ${all?.costUsd} vs Claude Code's ${total.cost}`);
  assert.deepEqual(all.tokens, total.tokens, 'tokens in total, exact');

  for (const m of machines) {
    const row: Summary['byMachine'][number] | undefined = all.byMachine.find((r) => r.machine === m.host);
    assert.ok(row, `${m.host} in byMachine: ${JSON.stringify(all.byMachine)}`);
    assert.ok(Math.abs(row.costUsd - truth.cost.get(m.host)!) < 1e-4, `${m.host}: ${row.costUsd} vs ${truth.cost.get(m.host)}`);
    assert.deepEqual(row.tokens, truth.tokens.get(m.host), `${m.host} tokens`);
  }
  for (const p of ['alice', 'bob'] as const) {
    const row: Summary['byUser'][number] | undefined = all.byUser.find((r) => r.user === people[p].userID);
    assert.ok(row, `${p} in byUser: ${JSON.stringify(all.byUser)}`);
    assert.ok(Math.abs(row.costUsd - ofPerson(p).cost) < 1e-4, `${p}: ${row.costUsd} vs ${ofPerson(p).cost}`);
    assert.deepEqual(row.tokens, ofPerson(p).tokens, `${p} tokens`);
    assert.equal(row.sessions, machines.filter((m) => m.person === p).length);
  }
  assert.equal(all.byUser.length, 2);

  // "me" is the default on a shared backend, and each person's own.
  for (const [m, p] of [[laptopA, 'alice'], [laptopB, 'bob']] as const) {
    const mine = await summaryOn(m);
    assert.ok(Math.abs(mine.costUsd - ofPerson(p).cost) < 1e-4, `${p}'s own (default scope): ${mine.costUsd} vs ${ofPerson(p).cost}`);
    assert.deepEqual(mine.tokens, ofPerson(p).tokens);
    const explicit = await summaryOn(m, '--scope', 'me');
    assert.equal(explicit.costUsd, mine.costUsd);
  }

  // ccmon doctor for the shared backend: every check passes on a machine set up as above ...
  const doctor = async (env: Record<string, string>) => {
    const run = await ccmonRun(['doctor', '--json'], { env: { ...env, CCMON_HOST_NAME: 'laptop-a' } });
    const report = JSON.parse(run.stdout) as { checks: Array<{ id: string; ok: boolean; detail: string; hint?: string }> };
    return { code: run.code, byId: Object.fromEntries(report.checks.map((c) => [c.id, c])) };
  };
  const healthy = await doctor(laptopA.env);
  assert.equal(healthy.code, 0, JSON.stringify(healthy.byId, null, 2));
  assert.deepEqual(Object.keys(healthy.byId), ['backend-reachable', 'backend-credentials', 'clock-skew', 'otlp-push', 'data-from-this-machine']);
  assert.match(healthy.byId['data-from-this-machine']!.detail, /host_name="laptop-a".*as you \(user_id\)/);
  // ... and says what to do when the token is wrong (the read and the test point both refused), exit 3.
  const refused = await doctor({ ...laptopA.env, CCMON_BEARER_TOKEN: 'not-a-valid-token' });
  assert.equal(refused.code, 3);
  assert.equal(refused.byId['backend-reachable']!.ok, true);
  assert.equal(refused.byId['backend-credentials']!.ok, false);
  assert.match(refused.byId['backend-credentials']!.hint ?? '', /CCMON_BEARER_TOKEN/);
  assert.equal(refused.byId['otlp-push']!.ok, false);
  assert.match(refused.byId['otlp-push']!.detail, /HTTP 401/);
  t.diagnostic(`doctor, wrong token: ${refused.byId['backend-credentials']!.detail} → ${refused.byId['backend-credentials']!.hint}`);

  // A wrong token, and none at all: one line naming the backend and what to do, exit 1, no stack trace.
  for (const [label, env] of [
    ['wrong token', { ...laptopA.env, CCMON_BEARER_TOKEN: 'not-a-valid-token' }],
    ['no token', { ...laptopA.env, CCMON_CONFIG_DIR: join(root.path, 'no-secrets') }],
  ] as const) {
    if (label === 'no token') {
      mkdirSync(env.CCMON_CONFIG_DIR, { recursive: true });
      writeFileSync(join(env.CCMON_CONFIG_DIR, 'config.json'), readFileSync(join(laptopA.env.CCMON_CONFIG_DIR, 'config.json')));
    }
    const run = await ccmonRun(['summary'], { env });
    assert.equal(run.code, 1, `${label}: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${label}: one line: ${run.stderr}`);
    t.diagnostic(`${label}: ${lines[0]}`);
    assert.match(lines[0]!, new RegExp(`^ccmon: The backend "team" at ${gate.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} refused`), label);
    assert.match(lines[0]!, label === 'wrong token' ? /It refused the token in CCMON_BEARER_TOKEN/ : /No token is set: store one with `ccmon backend set-token`/, label);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});
