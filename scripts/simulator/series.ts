/**
 * The series a process exposes at its end: Prometheus name + labels (as the exporter writes
 * them, without otel_scope_* / job / instance) -> final value. Pure; an independent restatement
 * of what session.ts records, used to check raw series in Prometheus.
 */
import { promName, type InstrumentKey, type Spelling } from './instruments.js';
import { TOKEN_TYPES, type SessionRun } from './scenario.js';

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

export function expectedSeries(run: SessionRun, spelling: Spelling = 'plain'): ExpectedSeries[] {
  const out = new Map<string, ExpectedSeries>();
  const add = (key: InstrumentKey, labels: Record<string, string>, v: number): void => {
    const name = promName(key, spelling);
    const k = seriesKey(name, labels);
    const cur = out.get(k);
    if (cur) cur.value += v;
    else out.set(k, { name, labels, value: v });
  };
  const base = { user_id: run.userId, session_id: run.sessionId, terminal_type: run.terminalType };
  add('session', { ...base, start_type: run.startType }, 1);
  for (const step of run.steps) {
    const model = step.model ?? run.model;
    const api = { ...base, model, query_source: step.querySource ?? run.querySource, effort: step.effort ?? run.effort };
    if (step.costUsd !== undefined) add('cost', api, step.costUsd);
    for (const type of TOKEN_TYPES) {
      const n = step.tokens?.[type];
      if (n !== undefined) add('token', { ...api, type }, n);
    }
    if (step.linesAdded !== undefined || step.linesRemoved !== undefined) {
      add('linesOfCode', { ...base, type: 'added', model }, step.linesAdded ?? 0);
      add('linesOfCode', { ...base, type: 'removed', model }, step.linesRemoved ?? 0);
    }
    if (step.commits) add('commit', base, step.commits);
    if (step.pullRequests) add('pullRequest', base, step.pullRequests);
    if (step.activeTime?.user !== undefined) add('activeTime', { ...base, type: 'user' }, step.activeTime.user);
    if (step.activeTime?.cli !== undefined) add('activeTime', { ...base, type: 'cli' }, step.activeTime.cli);
    for (const d of step.editDecisions ?? []) {
      add('codeEditDecision', { ...base, decision: d.decision, source: d.source, tool_name: d.toolName, language: d.language }, d.count);
    }
  }
  return [...out.values()];
}
