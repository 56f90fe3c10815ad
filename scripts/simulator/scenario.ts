/**
 * Scenario model: what a set of Claude Code processes does, in scenario seconds.
 *
 * A scenario is a list of session *runs*. Each run is one Claude Code process: it starts at
 * `start`, lives `duration` seconds (plus a linger, see runner.ts), has its own MeterProvider and
 * so its own counters from zero, and applies `steps` at `at` seconds after its own start.
 * A counter reset (a resumed session) is two runs with the same `sessionId` that do not overlap:
 * the second process starts its counters from zero under the same labels and, by default, on the
 * same exporter slot (port).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const TOKEN_TYPES = ['input', 'output', 'cacheRead', 'cacheCreation'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

const nonNeg = z.number().finite().nonnegative();

export const editDecisionSchema = z.object({
  toolName: z.string().default('Edit'),
  decision: z.enum(['accept', 'reject']).default('accept'),
  source: z.string().default('config'),
  language: z.string().default('TypeScript'),
  count: z.number().int().positive().default(1),
});

export const usageStepSchema = z.object({
  /** Seconds after the process starts (scenario time). */
  at: nonNeg,
  /** Model label; defaults to the run's `model`. */
  model: z.string().optional(),
  querySource: z.enum(['main', 'auxiliary', 'subagent']).optional(),
  effort: z.string().optional(),
  costUsd: nonNeg.optional(),
  tokens: z
    .object({ input: nonNeg.optional(), output: nonNeg.optional(), cacheRead: nonNeg.optional(), cacheCreation: nonNeg.optional() })
    .optional(),
  linesAdded: nonNeg.optional(),
  linesRemoved: nonNeg.optional(),
  commits: z.number().int().nonnegative().optional(),
  pullRequests: z.number().int().nonnegative().optional(),
  /** Active seconds to add, by type. */
  activeTime: z.object({ user: nonNeg.optional(), cli: nonNeg.optional() }).optional(),
  editDecisions: z.array(editDecisionSchema).optional(),
});

export const sessionRunSchema = z.object({
  sessionId: z.string().min(1),
  userId: z.string().default('5f1c3b7a9e2d4c6b8a0f1e3d5c7b9a2e4f6d8c0b1a3e5d7f9c2b4a6e8d0f1c3b'),
  terminalType: z.string().default('xterm'),
  /**
   * More attributes on every series of the process, after Claude Code's own: a login's identity
   * (`user_email`, `user_account_uuid`) and OTEL_RESOURCE_ATTRIBUTES' keys, which Claude Code puts on
   * its datapoints (`host_name` as the OTLP receivers name `host.name`).
   */
  attributes: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).optional(),
  startType: z.enum(['fresh', 'resume', 'continue']).default('fresh'),
  /** Default model for steps that name none. */
  model: z.string().default('claude-sonnet-4-6'),
  querySource: z.enum(['main', 'auxiliary', 'subagent']).default('main'),
  effort: z.string().default('high'),
  /** Process start, seconds after the scenario starts. */
  start: nonNeg,
  /** Process lifetime in seconds (the process also lingers after its last step, see runner.ts). */
  duration: nonNeg,
  /** Exporter slot (index into the runner's ports). Default: the lowest slot free at `start`. */
  slot: z.number().int().nonnegative().optional(),
  /** Claude Code version (service.version, otel_scope_version). */
  version: z.string().optional(),
  steps: z.array(usageStepSchema).default([]),
});

export const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  sessions: z.array(sessionRunSchema).min(1),
});

export type EditDecision = z.output<typeof editDecisionSchema>;
export type UsageStep = z.output<typeof usageStepSchema>;
export type SessionRun = z.output<typeof sessionRunSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
/** What authors write: defaults may be omitted. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Validates and fills defaults; throws an error that names the bad field. */
export function parseScenario(input: unknown): Scenario {
  const res = scenarioSchema.safeParse(input);
  if (!res.success) {
    const issue = res.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new Error(`Invalid scenario${where ? ` at ${where}` : ''}: ${issue?.message ?? res.error.message}`);
  }
  const scenario = res.data;
  for (const run of scenario.sessions) {
    for (const step of run.steps) {
      if (step.at > run.duration) {
        throw new Error(`Invalid scenario: session ${run.sessionId} has a step at ${step.at}s after its duration ${run.duration}s`);
      }
    }
    run.steps.sort((a, b) => a.at - b.at);
  }
  assertNoOverlappingRunsOfOneSession(scenario);
  return scenario;
}

/** Two processes of one session at the same time would be one series written twice: refuse. */
function assertNoOverlappingRunsOfOneSession(scenario: Scenario): void {
  const bySession = new Map<string, SessionRun[]>();
  for (const run of scenario.sessions) {
    const list = bySession.get(run.sessionId) ?? [];
    list.push(run);
    bySession.set(run.sessionId, list);
  }
  for (const [id, runs] of bySession) {
    const sorted = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      if (sorted[i]!.start < prev.start + prev.duration) {
        throw new Error(`Invalid scenario: runs of session ${id} overlap; a resumed session must start after the previous process ends`);
      }
    }
  }
}

export async function loadScenarioFile(file: string): Promise<Scenario> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`Scenario file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(json);
}

/** Scenario length in seconds: the end of the last process (without linger). */
export function scenarioLength(scenario: Scenario): number {
  return Math.max(0, ...scenario.sessions.map((r) => r.start + r.duration));
}
