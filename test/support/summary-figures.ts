import assert from 'node:assert/strict';
import type { UsageSummary } from '../../electron/core/api/types.js';
import type { KnownTotals } from '../../scripts/simulator/totals.js';

/** Everything a summary reports except when it was taken, rounded as people read it. */
export function summaryFigures(s: Omit<UsageSummary, 'bySession'>): unknown {
  const r = (n: number): number => Math.round(n * 1e6) / 1e6;
  return {
    cost: r(s.costUsd),
    tokens: s.tokens,
    sessions: s.sessions,
    byModel: s.byModel.map((m) => ({ ...m, costUsd: r(m.costUsd) })),
    linesOfCode: s.linesOfCode,
    commits: s.commits,
    pullRequests: s.pullRequests,
    active: { user: r(s.activeTimeSeconds.user), cli: r(s.activeTimeSeconds.cli) },
    periods: { today: r(s.periods.today), last7Days: r(s.periods.last7Days), last30Days: r(s.periods.last30Days) },
  };
}

export interface KnownTotalsCheck {
  /** Prefixes every failure message (which window, which path). */
  label?: string;
  /** Compare the session count too (default true). */
  sessions?: boolean;
  /** The summary names exactly the known models, no more (default true). */
  exactModels?: boolean;
}

/** A summary equals a scenario's known totals: cost to $0.0001, tokens, lines, commits and PRs exactly. */
export function assertKnownTotals(summary: Omit<UsageSummary, 'bySession'>, expected: KnownTotals, { label = '', sessions = true, exactModels = true }: KnownTotalsCheck = {}): void {
  const at = label ? `${label}: ` : '';
  assert.ok(Math.abs(summary.costUsd - expected.costUsd) <= 1e-4, `${at}cost ${summary.costUsd} vs known ${expected.costUsd}`);
  assert.deepEqual(summary.tokens, expected.tokens, `${at}tokens`);
  if (sessions) assert.equal(summary.sessions, expected.sessions, `${at}sessions`);
  assert.deepEqual(summary.linesOfCode, expected.linesOfCode, `${at}lines of code`);
  assert.equal(summary.commits, expected.commits, `${at}commits`);
  assert.equal(summary.pullRequests, expected.pullRequests, `${at}PRs`);
  assert.ok(Math.abs(summary.activeTimeSeconds.user - expected.activeTimeSeconds.user) < 1e-6, `${at}active time (user)`);
  assert.ok(Math.abs(summary.activeTimeSeconds.cli - expected.activeTimeSeconds.cli) < 1e-6, `${at}active time (cli)`);
  const byModel = new Map(summary.byModel.map((m) => [m.model, m]));
  if (exactModels) assert.equal(byModel.size, expected.byModel.length, `${at}models: ${[...byModel.keys()].join(', ')}`);
  for (const m of expected.byModel) {
    const got = byModel.get(m.model);
    if (exactModels) assert.ok(got, `${at}model ${m.model} missing`);
    assert.ok(Math.abs((got?.costUsd ?? 0) - m.costUsd) <= 1e-4, `${at}${m.model} cost ${got?.costUsd} vs ${m.costUsd}`);
    assert.deepEqual(got?.tokens, m.tokens, `${at}${m.model} tokens`);
  }
}
