/**
 * A team's shared backend as the window sees it from one machine:
 *
 *   simulated Claude Code sessions, two people on three machines ──(OTLP, Bearer token)──> vmauth ─> VictoriaMetrics
 *   `ccmon web` on "laptop-a" (alice), configured only by `ccmon backend set` and `ccmon backend set-token` ──> vmauth
 *
 * Each session carries its person (user_id, user_email) and machine (host_name) as Claude Code's do.
 * Known figures: each session's cost from its scenario, so each person's, each machine's and the total.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../../../electron/core/api/types.js';
import { startScenario } from '../../../scripts/simulator/runner.js';
import { parseScenario, type Scenario } from '../../../scripts/simulator/scenario.js';
import { ccmonRun } from '../ccmon.js';
import { freePort } from '../ports.js';
import { tempDir } from '../tmp.js';
import { startVictoriaMetrics, startVmauth, type VictoriaMetricsHandle, type VmauthHandle } from '../victoria-metrics.js';
import { startWeb } from './backend.js';

export const people = {
  alice: { userId: 'a11ce'.padEnd(64, '0'), email: 'alice@example.com' },
  bob: { userId: 'b0b'.padEnd(64, '1'), email: 'bob@example.com' },
} as const;
export type Person = keyof typeof people;

export interface TeamSession {
  sessionId: string;
  person: Person;
  machine: string;
  costUsd: number;
}

/** Alice on two machines (two sessions on one), Bob on one. */
export const teamSessions: readonly TeamSession[] = [
  { sessionId: '6f0b7a1e-0000-4000-8000-00000000a001', person: 'alice', machine: 'laptop-a', costUsd: 1.2345 },
  { sessionId: '6f0b7a1e-0000-4000-8000-00000000a002', person: 'alice', machine: 'laptop-a', costUsd: 0.5 },
  { sessionId: '6f0b7a1e-0000-4000-8000-00000000a003', person: 'alice', machine: 'desktop-a', costUsd: 2.25 },
  { sessionId: '6f0b7a1e-0000-4000-8000-00000000b001', person: 'bob', machine: 'laptop-b', costUsd: 0.8765 },
];

/** The machine `ccmon web` runs as. */
export const thisMachine = { machine: 'laptop-a', person: 'alice' as Person };

export const costOf = (pick: (s: TeamSession) => boolean): number => teamSessions.filter(pick).reduce((a, s) => a + s.costUsd, 0);

function teamScenario(): Scenario {
  return parseScenario({
    name: 'e2e-team-view',
    sessions: teamSessions.map((s, i) => ({
      sessionId: s.sessionId,
      userId: people[s.person].userId,
      attributes: { user_email: people[s.person].email, host_name: s.machine },
      model: 'claude-sonnet-4-6',
      start: i,
      duration: 4,
      steps: [
        { at: 1, costUsd: s.costUsd / 2, tokens: { input: 1500, output: 600, cacheRead: 20000, cacheCreation: 700 } },
        { at: 3, costUsd: s.costUsd / 2, tokens: { input: 900, output: 300, cacheRead: 12000, cacheCreation: 300 } },
      ],
    })),
  });
}

export interface TeamBackend {
  webUrl: string;
  gate: VmauthHandle;
  token: string;
  /** Where `ccmon backend set-token` stored the token. */
  configDir: string;
  close(): Promise<void>;
}

/** A command's run, failing with its stderr when it did not exit 0. */
async function ccmonOk(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  const run = await ccmonRun(args, { env, ...(input === undefined ? {} : { input }) });
  if (run.code !== 0) throw new Error(`ccmon ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

async function untilStored(vm: VictoriaMetricsHandle, env: Record<string, string>, total: number): Promise<void> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    await vm.flush();
    last = await ccmonOk(['summary', '--json', '--scope', 'all'], env);
    const s = JSON.parse(last) as Summary;
    if (Math.abs(s.costUsd - total) < 1e-9 && s.byMachine.length === 3) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`VictoriaMetrics never held the team's $${total} through vmauth: ${last}\n${vm.logs()}`);
}

export async function startTeamBackend(): Promise<TeamBackend> {
  const tmp = tempDir('ccmon-e2e-team-');
  const token = 'team-token-5b2f91c4e7';
  const vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=1s'] });
  let gate: VmauthHandle | undefined;
  try {
    gate = await startVmauth({ targetUrl: vm.url, tokens: [token] });
    const otlpUrl = `${gate.url}/opentelemetry/v1/metrics`;
    const sim = await startScenario(teamScenario(), { output: { mode: 'otlp', endpoint: otlpUrl, exportIntervalMs: 1000, headers: { Authorization: `Bearer ${token}` } }, speed: 4, lingerMs: 2500 });
    await sim.done;

    // This machine: its Claude Code identity (alice's), and ccmon configured as a person would.
    const configDir = join(tmp.path, 'ccmon-config');
    const claudeDir = join(tmp.path, 'claude');
    mkdirSync(claudeDir);
    writeFileSync(join(claudeDir, '.claude.json'), JSON.stringify({ userID: people[thisMachine.person].userId }));
    const env = { CCMON_CONFIG_DIR: configDir, CLAUDE_CONFIG_DIR: claudeDir, CCMON_CACHE_DIR: join(tmp.path, 'ccmon-cache'), CCMON_HOST_NAME: thisMachine.machine, CCMON_SUMMARY_CACHE: 'off' };
    await ccmonOk(['backend', 'set', '--url', gate.url, '--otlp-url', otlpUrl, '--name', 'team', '--auth', 'bearer'], env);
    await ccmonOk(['backend', 'set-token'], env, `${token}\n`);
    await untilStored(vm, env, costOf(() => true));

    const web = await startWeb({ exporterUrl: `http://127.0.0.1:${await freePort()}/metrics`, configDir, claudeDir, env: { CCMON_CACHE_DIR: env.CCMON_CACHE_DIR, CCMON_HOST_NAME: thisMachine.machine } });
    const stopGate = gate;
    return {
      webUrl: web.url,
      gate,
      token,
      configDir,
      async close() {
        await web.close();
        await stopGate.stop();
        await vm.stop();
        tmp.remove();
      },
    };
  } catch (err) {
    await gate?.stop();
    await vm.stop();
    tmp.remove();
    throw err;
  }
}
