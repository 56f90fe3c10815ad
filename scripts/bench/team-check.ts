/**
 * A team summary checked against what Claude Code itself reported (the generator's known totals): cost to
 * $0.0001, tokens and sessions exact, in total, per person and per machine; lines, commits, pull requests
 * and active time in total; and how far the naive
 * `sum by (...) (increase(...))` answers are off. Pure.
 */
import type { GroupUsage, MachineUsage, TokenCounts, UsageSummary, UserUsage } from '../../electron/core/api/types.js';
import type { KnownTotals } from '../simulator/totals.js';
import type { TeamTotals } from './team-data.js';

export interface TeamFigures extends GroupUsage, Pick<UsageSummary, 'linesOfCode' | 'commits' | 'pullRequests' | 'activeTimeSeconds'> {
  byUser: readonly UserUsage[];
  byMachine: readonly MachineUsage[];
}

const tokenKeys = ['input', 'output', 'cacheRead', 'cacheCreation'] as const satisfies ReadonlyArray<keyof TokenCounts>;

function groupMismatches(what: string, got: GroupUsage | undefined, want: KnownTotals): string[] {
  if (!got) return want.costUsd > 0 || want.sessions > 0 ? [`${what}: missing`] : [];
  const out: string[] = [];
  if (Math.abs(got.costUsd - want.costUsd) >= 1e-4) out.push(`${what}: cost ${got.costUsd} vs ${want.costUsd}`);
  for (const k of tokenKeys) if (got.tokens[k] !== want.tokens[k]) out.push(`${what}: ${k} tokens ${got.tokens[k]} vs ${want.tokens[k]}`);
  if (got.sessions !== want.sessions) out.push(`${what}: sessions ${got.sessions} vs ${want.sessions}`);
  return out;
}

/** Every way the summary differs from the truth; empty when it is right. */
export function teamMismatches(got: TeamFigures, truth: TeamTotals): string[] {
  const rows = <R extends GroupUsage>(list: readonly R[], key: (r: R) => string, want: Map<string, KnownTotals>, kind: string): string[] => [
    ...[...want].flatMap(([name, totals]) => groupMismatches(`${kind} ${name}`, list.find((r) => key(r) === name), totals)),
    ...list.filter((r) => !want.has(key(r))).map((r) => `${kind} ${key(r)}: not in the data`),
  ];
  const t = truth.total;
  const counts: Array<[string, number, number]> = [
    ['lines added', got.linesOfCode.added, t.linesOfCode.added],
    ['lines removed', got.linesOfCode.removed, t.linesOfCode.removed],
    ['commits', got.commits, t.commits],
    ['pull requests', got.pullRequests, t.pullRequests],
    ['active time (user)', got.activeTimeSeconds.user, t.activeTimeSeconds.user],
    ['active time (cli)', got.activeTimeSeconds.cli, t.activeTimeSeconds.cli],
  ];
  return [
    ...groupMismatches('total', got, truth.total),
    ...counts.filter(([, a, b]) => Math.abs(a - b) >= 1e-6).map(([what, a, b]) => `total: ${what} ${a} vs ${b}`),
    ...rows(got.byUser, (r) => r.user, truth.byUser, 'person'),
    ...rows(got.byMachine, (r) => r.machine, truth.byMachine, 'machine'),
  ];
}

/** (answer − truth) / truth, in percent; 0 when both are 0. */
export const errorPercent = (answer: number, truth: number): number => (truth === 0 ? (answer === 0 ? 0 : Infinity) : ((answer - truth) / truth) * 100);

/** The worst relative error (percent, by magnitude, sign kept) of per-group answers against the truth's groups. */
export function worstGroupError(answers: ReadonlyMap<string, number>, truth: ReadonlyMap<string, number>): number {
  let worst = 0;
  for (const [k, want] of truth) {
    const e = errorPercent(answers.get(k) ?? 0, want);
    if (Math.abs(e) > Math.abs(worst)) worst = e;
  }
  return worst;
}
