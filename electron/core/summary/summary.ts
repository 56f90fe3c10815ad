import type { PrometheusClient } from '../prometheus/client.js';
import { tokenTypes, type TokenType } from '../telemetry/metrics.js';
import type { ModelUsage, Summary, TokenCounts } from '../api/types.js';
import type { WindowSpec } from './promql.js';
import { periodStarts, startOfLocalDay } from './time-windows.js';
import { RulesCoverage, WindowCounter, type GroupedTotal } from './window-totals.js';

export interface SummaryRequest {
  since?: Date | undefined;
  until?: Date | undefined;
  now?: Date | undefined;
  /** Read our recording rules' snapshots where they cover the window (default true). */
  useRules?: boolean | undefined;
}

/** Rounds away floating-point dust (0.30000000000000004) without hiding real cents. */
const tidy = (n: number): number => Math.round(n * 1e9) / 1e9;

const sumValues = (rows: GroupedTotal[]): number => tidy(rows.reduce((acc, r) => acc + r.value, 0));
const byLabel = (rows: GroupedTotal[], label: string, value: string): number => sumValues(rows.filter((r) => r.labels[label] === value));

/**
 * Everything `ccmon summary` reports, for any window (default: local midnight to now), with totals
 * equal to what Claude Code itself reported (see promql.ts for how).
 */
export async function computeSummary(client: PrometheusClient, request: SummaryRequest = {}): Promise<Summary> {
  const now = request.now ?? new Date();
  const until = request.until ?? now;
  const since = request.since ?? startOfLocalDay(now);
  if (since.getTime() >= until.getTime()) {
    throw new RangeError(`The window is empty: since (${since.toISOString()}) must be before until (${until.toISOString()}).`);
  }
  const w: WindowSpec = { since, until };
  const coverage = new RulesCoverage(client, request.useRules ?? true);
  const starts = periodStarts(now);
  // The longest window first: the shorter ones ending now are then known covered without a query.
  await coverage.covers({ since: starts.last30Days, until: now });
  const main = new WindowCounter(client, w, ['cost', 'tokens', 'linesOfCode', 'commits', 'pullRequests', 'activeTime'], coverage);
  const periodCost = (start: Date): Promise<number> =>
    start.getTime() === since.getTime() && until.getTime() === now.getTime()
      ? main.totals('cost', ['model']).then(sumValues)
      : new WindowCounter(client, { since: start, until: now }, ['cost'], coverage).totals('cost', []).then(sumValues);

  const [cost, tokens, loc, commits, prs, active, sessions, today, last7Days, last30Days] = await Promise.all([
    main.totals('cost', ['model']),
    main.totals('tokens', ['model', 'type']),
    main.totals('linesOfCode', ['type']),
    main.totals('commits', []),
    main.totals('pullRequests', []),
    main.totals('activeTime', ['type']),
    main.sessions(),
    periodCost(starts.today),
    periodCost(starts.last7Days),
    periodCost(starts.last30Days),
  ]);

  return {
    asOf: now.toISOString(),
    window: { since: since.toISOString(), until: until.toISOString() },
    costUsd: sumValues(cost),
    tokens: tokenCounts(tokens),
    sessions,
    byModel: modelBreakdown(cost, tokens),
    linesOfCode: { added: byLabel(loc, 'type', 'added'), removed: byLabel(loc, 'type', 'removed') },
    commits: sumValues(commits),
    pullRequests: sumValues(prs),
    activeTimeSeconds: { user: byLabel(active, 'type', 'user'), cli: byLabel(active, 'type', 'cli') },
    periods: { today, last7Days, last30Days },
  };
}

function tokenCounts(rows: GroupedTotal[]): TokenCounts {
  const counts = Object.fromEntries(tokenTypes.map((t) => [t, byLabel(rows, 'type', t)])) as Record<TokenType, number>;
  return { input: counts.input, output: counts.output, cacheRead: counts.cacheRead, cacheCreation: counts.cacheCreation };
}

/** Cost and tokens per model, most expensive first. */
function modelBreakdown(cost: GroupedTotal[], tokens: GroupedTotal[]): ModelUsage[] {
  const models = new Set([...cost, ...tokens].map((r) => r.labels.model ?? ''));
  return [...models]
    .map((model) => ({
      model: model || 'unknown',
      costUsd: byLabel(cost, 'model', model),
      tokens: tokenCounts(tokens.filter((r) => (r.labels.model ?? '') === model)),
    }))
    .filter((m) => m.costUsd > 0 || Object.values(m.tokens).some((n) => n > 0))
    .sort((a, b) => b.costUsd - a.costUsd || a.model.localeCompare(b.model));
}

/** Cost since local midnight only: one metric, for callers that run often (Claude Code's status line). */
export async function costToday(client: PrometheusClient, now = new Date(), useRules = true): Promise<number> {
  const window = new WindowCounter(client, { since: startOfLocalDay(now), until: now }, ['cost'], new RulesCoverage(client, useRules));
  return sumValues(await window.totals('cost', []));
}
