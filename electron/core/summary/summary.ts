import type { PrometheusClient } from '../prometheus/client.js';
import type { UsageSummary } from '../api/types.js';
import { assembleSummary, costGroupBy, sumValues, tokenGroupBy } from './summary-parts.js';
import type { WindowSpec } from './promql.js';
import { periodStarts, startOfLocalDay } from './time-windows.js';
import { RulesCoverage, WindowCounter } from './window-totals.js';

export { assembleSummary, summaryParts, type SummaryParts } from './summary-parts.js';

export interface SummaryRequest {
  since?: Date | undefined;
  until?: Date | undefined;
  now?: Date | undefined;
  /** Read our recording rules' snapshots where they cover the window (default true). */
  useRules?: boolean | undefined;
  /** Label matchers that scope every figure (a person on a shared backend: `user_id="…"`). */
  scope?: string | undefined;
}


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
  const scope = request.scope ?? '';
  const main = new WindowCounter(client, w, ['cost', 'tokens', 'linesOfCode', 'commits', 'pullRequests', 'activeTime'], coverage, scope);
  const periodCost = (start: Date): Promise<number> =>
    start.getTime() === since.getTime() && until.getTime() === now.getTime()
      ? main.totals('cost', costGroupBy).then(sumValues)
      : new WindowCounter(client, { since: start, until: now }, ['cost'], coverage, scope).totals('cost', []).then(sumValues);

  const [cost, tokens, loc, commits, prs, active, sessions, flaggedSessionIds, today, last7Days, last30Days] = await Promise.all([
    main.totals('cost', costGroupBy),
    main.totals('tokens', tokenGroupBy),
    main.totals('linesOfCode', ['type']),
    main.totals('commits', []),
    main.totals('pullRequests', []),
    main.totals('activeTime', ['type']),
    main.sessions(),
    main.flaggedSessions(),
    periodCost(starts.today),
    periodCost(starts.last7Days),
    periodCost(starts.last30Days),
  ]);

  const summary = assembleSummary({ now, since, until, cost, tokens, loc, commits, prs, active, sessions, periods: { today, last7Days, last30Days } });
  return { summary, sessionIds: [...sessions.keys()], flaggedSessionIds };
}

/** The cost in (since, until], counted as every other figure: one metric, for callers that need only it. */
export async function costBetween(client: PrometheusClient, since: Date, until: Date, useRules = true, coverage = new RulesCoverage(client, useRules), scope = ''): Promise<number> {
  if (since.getTime() >= until.getTime()) return 0;
  const window = new WindowCounter(client, { since, until }, ['cost'], coverage, scope);
  return sumValues(await window.totals('cost', []));
}

/** Cost since local midnight only, for callers that run often (Claude Code's status line). */
export function costToday(client: PrometheusClient, now = new Date(), useRules = true): Promise<number> {
  return costBetween(client, startOfLocalDay(now), now, useRules);
}
