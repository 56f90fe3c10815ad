import type { Summary } from '../../electron/core/api/types.js';

/** Everything a summary reports except when it was taken, rounded as people read it. */
export function summaryFigures(s: Summary): unknown {
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
