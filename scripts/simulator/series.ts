/**
 * The series a process exposes: Prometheus name + labels (as the exporter writes them, without
 * otel_scope_* / job / instance) and the increments applied to them over the process's life.
 * Pure; an independent restatement of what session.ts records, used to check raw series in
 * Prometheus and to generate backfill history.
 */
import { promName, type InstrumentKey, type Spelling } from './instruments.js';
import { TOKEN_TYPES, type SessionRun } from './scenario.js';

export interface SeriesIncrement {
  key: InstrumentKey;
  name: string;
  labels: Record<string, string>;
  /** Seconds after the process starts. */
  at: number;
  delta: number;
}

export interface ExpectedSeries {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A stable key for a series: name{sorted labels}. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${parts.join(',')}}`;
}

/** Every counter increment of one process, in step order (session count first, at 0). */
export function seriesIncrements(run: SessionRun, spelling: Spelling = 'plain'): SeriesIncrement[] {
  const out: SeriesIncrement[] = [];
  const add = (key: InstrumentKey, labels: Record<string, string>, at: number, delta: number): void => {
    out.push({ key, name: promName(key, spelling), labels, at, delta });
  };
  const base = { user_id: run.userId, session_id: run.sessionId, terminal_type: run.terminalType, ...run.attributes };
  add('session', { ...base, start_type: run.startType }, 0, 1);
  for (const step of run.steps) {
    const at = step.at;
    const model = step.model ?? run.model;
    const api = { ...base, model, query_source: step.querySource ?? run.querySource, effort: step.effort ?? run.effort };
    if (step.costUsd !== undefined) add('cost', api, at, step.costUsd);
    for (const type of TOKEN_TYPES) {
      const n = step.tokens?.[type];
      if (n !== undefined) add('token', { ...api, type }, at, n);
    }
    if (step.linesAdded !== undefined || step.linesRemoved !== undefined) {
      add('linesOfCode', { ...base, type: 'added', model }, at, step.linesAdded ?? 0);
      add('linesOfCode', { ...base, type: 'removed', model }, at, step.linesRemoved ?? 0);
    }
    if (step.commits) add('commit', base, at, step.commits);
    if (step.pullRequests) add('pullRequest', base, at, step.pullRequests);
    if (step.activeTime?.user !== undefined) add('activeTime', { ...base, type: 'user' }, at, step.activeTime.user);
    if (step.activeTime?.cli !== undefined) add('activeTime', { ...base, type: 'cli' }, at, step.activeTime.cli);
    for (const d of step.editDecisions ?? []) {
      add('codeEditDecision', { ...base, decision: d.decision, source: d.source, tool_name: d.toolName, language: d.language }, at, d.count);
    }
  }
  return out;
}

/** Final value of every series one process exposes. */
export function expectedSeries(run: SessionRun, spelling: Spelling = 'plain'): ExpectedSeries[] {
  const out = new Map<string, ExpectedSeries>();
  for (const inc of seriesIncrements(run, spelling)) {
    const k = seriesKey(inc.name, inc.labels);
    const cur = out.get(k);
    if (cur) cur.value += inc.delta;
    else out.set(k, { name: inc.name, labels: inc.labels, value: inc.delta });
  }
  return [...out.values()];
}
