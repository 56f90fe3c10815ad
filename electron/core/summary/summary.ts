import type { PrometheusClient } from '../prometheus/client.js';
import { tokenTypes, type TokenType } from '../telemetry/metrics.js';
import type { ModelUsage, UsageSummary, TokenCounts } from '../api/types.js';
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
export async function computeSummary(client: PrometheusClient, request: SummaryRequest = {}): Promise<UsageSummary> {
  return (await computeSummaryDetailed(client, request)).summary;
}

export interface DetailedSummary {
  summary: UsageSummary;
  /** The sessions counted in `summary.sessions`. */
  sessionIds: string[];
  /** The sessions of the main window totalled from raw samples (they resumed, or a value fell). */
  flaggedSessionIds: string[];
}

/** `computeSummary`, plus what an incremental summary needs to carry on from it (see live-summary.ts). */
export async function computeSummaryDetailed(client: PrometheusClient, request: SummaryRequest = {}): Promise<DetailedSummary> {
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

  const [cost, tokens, loc, commits, prs, active, sessionIds, flaggedSessionIds, today, last7Days, last30Days] = await Promise.all([
    main.totals('cost', ['model']),
    main.totals('tokens', ['model', 'type']),
    main.totals('linesOfCode', ['type']),
    main.totals('commits', []),
    main.totals('pullRequests', []),
    main.totals('activeTime', ['type']),
    main.sessionIds(),
    main.flaggedSessions(),
    periodCost(starts.today),
    periodCost(starts.last7Days),
    periodCost(starts.last30Days),
  ]);

  const summary = assembleSummary({ now, since, until, cost, tokens, loc, commits, prs, active, sessions: sessionIds.length, periods: { today, last7Days, last30Days } });
  return { summary, sessionIds, flaggedSessionIds };
}

/** A summary's figures as totals grouped by label, the way Prometheus answers them. */
export interface SummaryParts {
  now: Date;
  since: Date;
  until: Date;
  /** By model. */
  cost: GroupedTotal[];
  /** By model and type. */
  tokens: GroupedTotal[];
  /** By type (added, removed). */
  loc: GroupedTotal[];
  commits: GroupedTotal[];
  prs: GroupedTotal[];
  /** By type (user, cli). */
  active: GroupedTotal[];
  sessions: number;
  periods: UsageSummary['periods'];
}

export function assembleSummary(p: SummaryParts): UsageSummary {
  return {
    asOf: p.now.toISOString(),
    window: { since: p.since.toISOString(), until: p.until.toISOString() },
    costUsd: sumValues(p.cost),
    tokens: tokenCounts(p.tokens),
    sessions: p.sessions,
    byModel: modelBreakdown(p.cost, p.tokens),
    linesOfCode: { added: byLabel(p.loc, 'type', 'added'), removed: byLabel(p.loc, 'type', 'removed') },
    commits: sumValues(p.commits),
    pullRequests: sumValues(p.prs),
    activeTimeSeconds: { user: byLabel(p.active, 'type', 'user'), cli: byLabel(p.active, 'type', 'cli') },
    periods: { today: tidy(p.periods.today), last7Days: tidy(p.periods.last7Days), last30Days: tidy(p.periods.last30Days) },
  };
}

/** A summary taken apart into the grouped totals it was assembled from (the inverse of `assembleSummary`). */
export function summaryParts(summary: UsageSummary): SummaryParts {
  const row = (labels: Record<string, string>, value: number): GroupedTotal => ({ labels, value });
  return {
    now: new Date(summary.asOf),
    since: new Date(summary.window.since),
    until: new Date(summary.window.until),
    cost: summary.byModel.map((m) => row({ model: m.model }, m.costUsd)),
    tokens: summary.byModel.flatMap((m) => tokenTypes.map((t) => row({ model: m.model, type: t }, m.tokens[t]))),
    loc: [row({ type: 'added' }, summary.linesOfCode.added), row({ type: 'removed' }, summary.linesOfCode.removed)],
    commits: [row({}, summary.commits)],
    prs: [row({}, summary.pullRequests)],
    active: [row({ type: 'user' }, summary.activeTimeSeconds.user), row({ type: 'cli' }, summary.activeTimeSeconds.cli)],
    sessions: summary.sessions,
    periods: summary.periods,
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

/** The cost in (since, until], counted as every other figure: one metric, for callers that need only it. */
export async function costBetween(client: PrometheusClient, since: Date, until: Date, useRules = true, coverage = new RulesCoverage(client, useRules)): Promise<number> {
  if (since.getTime() >= until.getTime()) return 0;
  const window = new WindowCounter(client, { since, until }, ['cost'], coverage);
  return sumValues(await window.totals('cost', []));
}

/** Cost since local midnight only, for callers that run often (Claude Code's status line). */
export function costToday(client: PrometheusClient, now = new Date(), useRules = true): Promise<number> {
  return costBetween(client, startOfLocalDay(now), now, useRules);
}
