/**
 * The plan limits as the backend holds them, with their pace: for each window the newest report of
 * any session (the figures are account-wide; several sessions report them at once), its history in the
 * current window, and the cost Claude Code's telemetry counted there. And, for everyone (API-key users
 * have no plan limits), the budget pace: the cost rate of the last hour and where today and the month
 * are heading.
 */
import type { PrometheusClient } from '../prometheus/client.js';
import { RulesCoverage } from '../summary/window-totals.js';
import { costBetween } from '../summary/summary.js';
import { startOfLocalDay } from '../summary/time-windows.js';
import { pace } from './forecast.js';
import { planMetrics } from './records.js';
import type { PlanWindowName } from '../statusline/input.js';
import type { BudgetPace, PlanLimits, PlanLimitsView, PlanWindowView } from '../api/types.js';

export type { BudgetPace, PlanLimits, PlanLimitsView, PlanWindowView } from '../api/types.js';

export const windowLengthMs: Record<PlanWindowName, number> = { five_hour: 5 * 3600_000, seven_day: 7 * 24 * 3600_000 };
/** How far back the recent pace is read. */
export const recentPaceMs: Record<PlanWindowName, number> = { five_hour: 3600_000, seven_day: 24 * 3600_000 };
/** The newest report may be this old (a 7-day window, a week without Claude Code). */
const reportLookback = '8d';

interface Report {
  window: PlanWindowName;
  usedPercent: number;
  resetsAt: number;
  observedAt: number;
}

/** The newest report per window, or nothing for a window no session reported. */
export async function latestReports(client: PrometheusClient, now: Date, selector = ''): Promise<Partial<Record<PlanWindowName, Report>>> {
  const q = (name: string) => client.query(`last_over_time(${name}${selector ? `{${selector}}` : ''}[${reportLookback}])`, now);
  const [observed, used, resets] = await Promise.all([q(planMetrics.observedAt), q(planMetrics.usedPercent), q(planMetrics.resetsAt)]);
  const key = (m: Record<string, string>): string => `${m.session_id ?? ''}|${m.window ?? ''}`;
  const usedBy = new Map(used.map((s) => [key(s.metric), s.value]));
  const resetsBy = new Map(resets.map((s) => [key(s.metric), s.value]));
  const newest: Partial<Record<PlanWindowName, Report>> = {};
  for (const s of observed) {
    const window = s.metric.window as PlanWindowName;
    if (window !== 'five_hour' && window !== 'seven_day') continue;
    const usedPercent = usedBy.get(key(s.metric));
    const resetsAt = resetsBy.get(key(s.metric));
    if (usedPercent === undefined || resetsAt === undefined) continue;
    if (!newest[window] || newest[window].observedAt < s.value) newest[window] = { window, usedPercent, resetsAt, observedAt: s.value };
  }
  return newest;
}

async function windowView(client: PrometheusClient, report: Report, now: Date, coverage: RulesCoverage, selector: string): Promise<PlanWindowView> {
  const resetsAtMs = report.resetsAt * 1000;
  const base = { resetsAt: new Date(resetsAtMs).toISOString(), observedAt: new Date(report.observedAt * 1000).toISOString() };
  if (resetsAtMs <= now.getTime()) return { usedPercent: 0, ...base, projectedPercentAtReset: 0, limitAt: null };
  const windowStart = Math.max(resetsAtMs - windowLengthMs[report.window], 0);
  const recentMs = recentPaceMs[report.window];
  const sinceStart = Math.max(1, Math.round((now.getTime() - windowStart) / 1000));
  const matchers = [`window="${report.window}"`, ...(selector ? [selector] : [])].join(',');
  const [history, costSinceStart, costRecent] = await Promise.all([
    client.querySamples(`${planMetrics.usedPercent}{${matchers}}[${sinceStart}s]`, now),
    costBetween(client, new Date(windowStart), now, true, coverage, selector).catch(() => null),
    costBetween(client, new Date(Math.max(windowStart, now.getTime() - recentMs)), now, true, coverage, selector).catch(() => null),
  ]);
  const reports = history.flatMap((s) => s.values.map(([t, v]) => [t * 1000, v] as const)).sort((a, b) => a[0] - b[0]);
  const p = pace({ now: now.getTime(), windowStart, resetsAt: resetsAtMs, usedPercent: report.usedPercent, reports, costSinceStartUsd: costSinceStart, costRecentUsd: costRecent, recentMs });
  return { usedPercent: report.usedPercent, ...base, projectedPercentAtReset: p.projectedPercentAtReset, limitAt: p.limitAt === null ? null : new Date(p.limitAt).toISOString() };
}

/** The plan windows with their pace (no budget), for the summary and the tray. */
export async function readPlanLimits(client: PrometheusClient, now = new Date(), selector = ''): Promise<PlanLimitsView> {
  const reports = await latestReports(client, now, selector);
  const coverage = new RulesCoverage(client);
  const [fiveHour, sevenDay] = await Promise.all([
    reports.five_hour ? windowView(client, reports.five_hour, now, coverage, selector) : null,
    reports.seven_day ? windowView(client, reports.seven_day, now, coverage, selector) : null,
  ]);
  return { fiveHour, sevenDay };
}

/**
 * `ccmon limits`: the plan windows and the budget pace. `selector` picks whose plan (one account's: on a
 * shared backend, always "me"), `costScope` whose cost the budget pace counts.
 */
export async function readLimits(client: PrometheusClient, now = new Date(), selector = '', costScope = selector): Promise<PlanLimits> {
  const coverage = new RulesCoverage(client);
  const dayStart = startOfLocalDay(now);
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const [plan, lastHour, today, month] = await Promise.all([
    readPlanLimits(client, now, selector),
    costBetween(client, new Date(now.getTime() - 3600_000), now, true, coverage, costScope),
    costBetween(client, dayStart, now, true, coverage, costScope),
    costBetween(client, monthStart, now, true, coverage, costScope),
  ]);
  return { asOf: now.toISOString(), ...plan, budget: budgetPace({ now, lastHourUsd: lastHour, todayUsd: today, monthUsd: month }) };
}

/** The budget pace (pure): today at the last hour's rate until midnight, the month at its daily average. */
export function budgetPace(input: { now: Date; lastHourUsd: number; todayUsd: number; monthUsd: number }): BudgetPace {
  const { now } = input;
  const midnight = startOfLocalDay(now, -1).getTime();
  const hoursLeft = Math.max(0, midnight - now.getTime()) / 3600_000;
  const daysInMonth = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  // At least a day: a month is not extrapolated from its first hours.
  const daysElapsed = Math.max((now.getTime() - monthStart) / 86_400_000, 1);
  const round = (n: number): number => Math.round(n * 1e4) / 1e4;
  return {
    usdPerHour: round(input.lastHourUsd),
    projectedTodayUsd: round(input.todayUsd + input.lastHourUsd * hoursLeft),
    projectedMonthUsd: round(input.monthUsd + (input.monthUsd / daysElapsed) * Math.max(0, daysInMonth - daysElapsed)),
  };
}
