/**
 * Known totals of a scenario, in the shape of `ccmon summary --json` (the usage fields).
 * Known totals are what Claude Code itself would report: the sum, over processes, of each
 * process's final counter values (each process counts from zero), which is the sum of all steps.
 * Pure.
 */
import type { ModelUsage, UsageSummary } from '../../electron/core/api/types.js';
import { TOKEN_TYPES, type Scenario, type SessionRun, type TokenType, type UsageStep } from './scenario.js';

export type TokenTotals = Record<TokenType, number>;

export type ModelTotals = ModelUsage;

/**
 * The usage fields of `ccmon summary --json` (sessions: distinct session ids, a resumed session counting
 * once; byModel sorted by model name).
 */
export type KnownTotals = Omit<UsageSummary, 'asOf' | 'window' | 'periods' | 'bySession'>;

export interface TotalsOptions {
  /** Only count steps whose absolute time (run.start + step.at, scenario seconds) is >= since. */
  since?: number;
  /** Only count steps whose absolute time is < until. */
  until?: number;
}

export function zeroTokens(): TokenTotals {
  return { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
}

export function emptyTotals(): KnownTotals {
  return {
    costUsd: 0,
    tokens: zeroTokens(),
    sessions: 0,
    byModel: [],
    linesOfCode: { added: 0, removed: 0 },
    commits: 0,
    pullRequests: 0,
    activeTimeSeconds: { user: 0, cli: 0 },
  };
}

/** Mutable accumulator shared by scenario totals and the backfill generator. */
export class TotalsAccumulator {
  private readonly totals = emptyTotals();
  private readonly models = new Map<string, ModelTotals>();
  private readonly sessionIds = new Set<string>();

  addSession(sessionId: string): void {
    this.sessionIds.add(sessionId);
  }

  addStep(run: Pick<SessionRun, 'model'>, step: UsageStep): void {
    const t = this.totals;
    const model = step.model ?? run.model;
    const m = this.modelEntry(model);
    if (step.costUsd) {
      t.costUsd += step.costUsd;
      m.costUsd += step.costUsd;
    }
    for (const type of TOKEN_TYPES) {
      const n = step.tokens?.[type] ?? 0;
      t.tokens[type] += n;
      m.tokens[type] += n;
    }
    t.linesOfCode.added += step.linesAdded ?? 0;
    t.linesOfCode.removed += step.linesRemoved ?? 0;
    t.commits += step.commits ?? 0;
    t.pullRequests += step.pullRequests ?? 0;
    t.activeTimeSeconds.user += step.activeTime?.user ?? 0;
    t.activeTimeSeconds.cli += step.activeTime?.cli ?? 0;
  }

  result(): KnownTotals {
    const byModel = [...this.models.values()]
      .filter((m) => m.costUsd > 0 || TOKEN_TYPES.some((k) => m.tokens[k] > 0))
      .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
      .map((m) => ({ model: m.model, costUsd: m.costUsd, tokens: { ...m.tokens } }));
    return {
      ...this.totals,
      tokens: { ...this.totals.tokens },
      linesOfCode: { ...this.totals.linesOfCode },
      activeTimeSeconds: { ...this.totals.activeTimeSeconds },
      sessions: this.sessionIds.size,
      byModel,
    };
  }

  private modelEntry(model: string): ModelTotals {
    let m = this.models.get(model);
    if (!m) {
      m = { model, costUsd: 0, tokens: zeroTokens() };
      this.models.set(model, m);
    }
    return m;
  }
}

/**
 * The scenario's known totals. With `since`/`until`, only usage inside the window counts, and a
 * session counts when its process is alive for part of the window (as `sessions` in a summary).
 */
export function scenarioTotals(scenario: Scenario, opts: TotalsOptions = {}): KnownTotals {
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  const acc = new TotalsAccumulator();
  for (const run of scenario.sessions) {
    const end = run.start + run.duration;
    if (end >= since && run.start < until) acc.addSession(run.sessionId);
    for (const step of run.steps) {
      const t = run.start + step.at;
      if (t >= since && t < until) acc.addStep(run, step);
    }
  }
  return acc.result();
}

/** Final counter value of one process (one run), for checking raw series. */
export function runTotals(run: SessionRun): KnownTotals {
  const acc = new TotalsAccumulator();
  acc.addSession(run.sessionId);
  for (const step of run.steps) acc.addStep(run, step);
  return acc.result();
}
