import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backfillSessions, backfillTotals, openMetricsLines, type BackfillOptions } from '../../scripts/simulator/backfill.js';

const opts: BackfillOptions = { days: 3, sessionsPerDay: 6, endMs: Date.UTC(2026, 10, 1), resumeEvery: 4, sampleIntervalSec: 60 };
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+) (\d+)$/;

interface Parsed {
  families: string[];
  /** series text -> [ts seconds, value][] in file order */
  series: Map<string, [number, number][]>;
  order: string[];
}

function parse(lines: string[]): Parsed {
  const families: string[] = [];
  const series = new Map<string, [number, number][]>();
  const order: string[] = [];
  let family = '';
  for (const line of lines) {
    if (line.startsWith('# TYPE ')) {
      family = line.split(' ')[2]!;
      families.push(family);
      assert.match(line, / counter$/);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    assert.ok(m, `sample line: ${line}`);
    assert.equal(m[1], `${family}_total`, 'sample belongs to the current family');
    const key = `${m[1]}{${m[2]}}`;
    if (order[order.length - 1] !== key) order.push(key);
    const list = series.get(key) ?? [];
    list.push([Number(m[4]), Number(m[3])]);
    series.set(key, list);
  }
  return { families, series, order };
}

test('OpenMetrics for promtool: # EOF, seconds, one block per family, contiguous ascending series', () => {
  const lines = [...openMetricsLines(opts)];
  assert.equal(lines[lines.length - 1], '# EOF');
  assert.equal(lines.filter((l) => l === '# EOF').length, 1);
  assert.ok(!lines.some((l) => l.startsWith('# UNIT')), 'no UNIT lines (plain names do not end with the unit)');
  const p = parse(lines);
  assert.equal(new Set(p.families).size, p.families.length, 'each family once');
  assert.equal(new Set(p.order).size, p.order.length, 'each series contiguous');
  const endSec = opts.endMs / 1000;
  for (const [key, samples] of p.series) {
    for (let i = 1; i < samples.length; i++) assert.ok(samples[i]![0] > samples[i - 1]![0], `ascending timestamps in ${key}`);
    for (const [t] of samples) assert.ok(t <= endSec && t > endSec - 4 * 86400 && Number.isInteger(t), 'timestamps in seconds within the history');
    assert.match(key, /job="claude-code",instance="127\.0\.0\.1:9464"/);
  }
});

test('known totals equal the sum of each process final sample (resets included)', () => {
  const p = parse([...openMetricsLines(opts)]);
  const finals = (name: string, label?: string): number => {
    let sum = 0;
    for (const [key, samples] of p.series) {
      if (!key.startsWith(`${name}{`) || (label && !key.includes(label))) continue;
      // A new process starts after a gap longer than one sample interval.
      for (let i = 0; i < samples.length; i++) {
        const next = samples[i + 1];
        if (!next || next[0] - samples[i]![0] > 60) sum += samples[i]![1];
      }
    }
    return sum;
  };
  const t = backfillTotals(opts);
  assert.ok(Math.abs(finals('claude_code_cost_usage_total') - t.costUsd) < 1e-9);
  assert.equal(finals('claude_code_token_usage_total', 'type="input"'), t.tokens.input);
  assert.equal(finals('claude_code_token_usage_total', 'type="cacheRead"'), t.tokens.cacheRead);
  assert.equal(finals('claude_code_lines_of_code_count_total', 'type="added"'), t.linesOfCode.added);
  assert.equal(finals('claude_code_commit_count_total'), t.commits);
  assert.equal(finals('claude_code_active_time_total', 'type="user"'), t.activeTimeSeconds.user);
  assert.equal(t.sessions, 18);
  assert.equal(finals('claude_code_session_count_total'), 18 + 4, 'four resumed sessions count a second process');
});

test('sessions: deterministic, inside their day, resumed ones in two non-overlapping processes', () => {
  const a = [...backfillSessions(opts)];
  const b = [...backfillSessions(opts)];
  assert.deepEqual(a, b);
  assert.equal(a.length, 18);
  assert.equal(a.filter((runs) => runs.length === 2).length, 4);
  for (const runs of a) {
    if (runs.length === 2) {
      assert.equal(runs[0]!.run.sessionId, runs[1]!.run.sessionId);
      assert.ok(runs[1]!.startSec > runs[0]!.endSec);
      assert.equal(runs[1]!.run.startType, 'resume');
    }
  }
  const start = opts.endMs / 1000 - 3 * 86400;
  assert.ok(a.flat().every((r) => r.startSec >= start && r.endSec <= opts.endMs / 1000));
});

test('window totals split the history by day', () => {
  const day = 86400_000;
  const whole = backfillTotals(opts);
  const parts = [0, 1, 2].map((d) => backfillTotals(opts, { sinceMs: opts.endMs - (3 - d) * day, untilMs: opts.endMs - (2 - d) * day }));
  assert.ok(Math.abs(parts.reduce((s, p) => s + p.costUsd, 0) - whole.costUsd) < 1e-9);
  assert.equal(parts.reduce((s, p) => s + p.tokens.output, 0), whole.tokens.output);
  assert.deepEqual(parts.map((p) => p.sessions), [6, 6, 6]);
});

test('unit spelling families', () => {
  const fams = [...openMetricsLines({ ...opts, days: 1, sessionsPerDay: 1, spelling: 'unit' })].filter((l) => l.startsWith('# TYPE')).map((l) => l.split(' ')[2]);
  assert.ok(fams.includes('claude_code_cost_usage_USD') && fams.includes('claude_code_token_usage_tokens') && fams.includes('claude_code_active_time_seconds'));
});
