/**
 * A summary's figures as the grouped totals Prometheus answers (cost and tokens per model and session,
 * the other counters per type), and back: `assembleSummary` builds the summary from them,
 * `summaryParts` takes a summary apart into them (a carried-forward summary adds the new samples'
 * rows to its base's). Pure.
 */
import type { ModelUsage, SessionUsage, TokenCounts, UsageSummary } from '../api/types.js';
import { sessionLabels, tokenTypes, type TokenType } from '../telemetry/metrics.js';
import type { GroupedTotal } from './window-totals.js';

/** Cost is grouped by these; tokens by these and `type`. */
export const costGroupBy = ['model', ...sessionLabels] as const;
export const tokenGroupBy = ['model', 'type', ...sessionLabels] as const;

export interface SummaryParts {
  now: Date;
  since: Date;
  until: Date;
  /** By model and session labels. */
  cost: GroupedTotal[];
  /** By model, type and session labels. */
  tokens: GroupedTotal[];
  /** By type (added, removed). */
  loc: GroupedTotal[];
  commits: GroupedTotal[];
  prs: GroupedTotal[];
  /** By type (user, cli). */
  active: GroupedTotal[];
  /** Every session with a sample in the window (some may have no cost yet), with the labels that say whose and where. */
  sessions: ReadonlyMap<string, Readonly<Record<string, string>>>;
  periods: UsageSummary['periods'];
}

/** Rounds away floating-point dust (0.30000000000000004) without hiding real cents. */
export const tidy = (n: number): number => Math.round(n * 1e9) / 1e9;
export const sumValues = (rows: readonly GroupedTotal[]): number => tidy(rows.reduce((acc, r) => acc + r.value, 0));
const byLabel = (rows: readonly GroupedTotal[], label: string, value: string): number => sumValues(rows.filter((r) => r.labels[label] === value));
/**
 * Tokens, lines, commits and pull requests are whole numbers; a backend summing them in floating point
 * can answer 4636413388.999999 (VictoriaMetrics, a team's month), where `tidy` has no digits left to round.
 */
const whole = Math.round;

export function assembleSummary(p: SummaryParts): UsageSummary {
  const bySession = sessionBreakdown(p.cost, p.tokens, p.sessions);
  return {
    asOf: p.now.toISOString(),
    window: { since: p.since.toISOString(), until: p.until.toISOString() },
    costUsd: sumValues(p.cost),
    tokens: tokenCounts(p.tokens),
    sessions: bySession.length,
    byModel: modelBreakdown(p.cost, p.tokens),
    bySession,
    linesOfCode: { added: whole(byLabel(p.loc, 'type', 'added')), removed: whole(byLabel(p.loc, 'type', 'removed')) },
    commits: whole(sumValues(p.commits)),
    pullRequests: whole(sumValues(p.prs)),
    activeTimeSeconds: { user: byLabel(p.active, 'type', 'user'), cli: byLabel(p.active, 'type', 'cli') },
    periods: { today: tidy(p.periods.today), last7Days: tidy(p.periods.last7Days), last30Days: tidy(p.periods.last30Days) },
  };
}

/** A summary taken apart into the grouped totals it was assembled from (the inverse of `assembleSummary`). */
export function summaryParts(summary: UsageSummary): SummaryParts {
  const row = (labels: Record<string, string>, value: number): GroupedTotal => ({ labels, value });
  const of = (s: SessionUsage, model: string): Record<string, string> => ({ ...s.labels, session_id: s.sessionId, model });
  return {
    now: new Date(summary.asOf),
    since: new Date(summary.window.since),
    until: new Date(summary.window.until),
    cost: summary.bySession.flatMap((s) => s.byModel.map((m) => row(of(s, m.model), m.costUsd))),
    tokens: summary.bySession.flatMap((s) => s.byModel.flatMap((m) => tokenTypes.map((t) => row({ ...of(s, m.model), type: t }, m.tokens[t])))),
    loc: [row({ type: 'added' }, summary.linesOfCode.added), row({ type: 'removed' }, summary.linesOfCode.removed)],
    commits: [row({}, summary.commits)],
    prs: [row({}, summary.pullRequests)],
    active: [row({ type: 'user' }, summary.activeTimeSeconds.user), row({ type: 'cli' }, summary.activeTimeSeconds.cli)],
    sessions: new Map(summary.bySession.map((s) => [s.sessionId, s.labels])),
    periods: summary.periods,
  };
}

function tokenCounts(rows: readonly GroupedTotal[]): TokenCounts {
  const counts = Object.fromEntries(tokenTypes.map((t) => [t, whole(byLabel(rows, 'type', t))])) as Record<TokenType, number>;
  return { input: counts.input, output: counts.output, cacheRead: counts.cacheRead, cacheCreation: counts.cacheCreation };
}

/** Cost and tokens per model, most expensive first. */
function modelBreakdown(cost: readonly GroupedTotal[], tokens: readonly GroupedTotal[]): ModelUsage[] {
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

/** Every session: its rows (cost and tokens per model), the labels that say whose and where; most expensive first. */
function sessionBreakdown(cost: readonly GroupedTotal[], tokens: readonly GroupedTotal[], sessions: ReadonlyMap<string, Readonly<Record<string, string>>>): SessionUsage[] {
  const rows = new Map<string, { labels: Record<string, string>; cost: GroupedTotal[]; tokens: GroupedTotal[] }>();
  const entry = (id: string) => {
    let e = rows.get(id);
    if (!e) rows.set(id, (e = { labels: {}, cost: [], tokens: [] }));
    return e;
  };
  const note = (e: { labels: Record<string, string> }, labels: Readonly<Record<string, string>>): void => {
    for (const l of sessionLabels) if (l !== 'session_id' && labels[l]) e.labels[l] = labels[l];
  };
  for (const [id, labels] of sessions) note(entry(id), labels);
  for (const [list, kind] of [[cost, 'cost'], [tokens, 'tokens']] as const) {
    for (const r of list) {
      const id = r.labels.session_id ?? '';
      // A row of nothing for a session the window does not count adds no session.
      if (!rows.has(id) && r.value === 0) continue;
      const e = entry(id);
      e[kind].push(r);
      note(e, r.labels);
    }
  }
  return [...rows]
    .map(([sessionId, e]) => ({ sessionId, labels: e.labels, costUsd: sumValues(e.cost), tokens: tokenCounts(e.tokens), byModel: modelBreakdown(e.cost, e.tokens) }))
    .sort((a, b) => b.costUsd - a.costUsd || a.sessionId.localeCompare(b.sessionId));
}
