/** "Running now": the exporter's figures in scrape mode, else the sessions that reported in the last two minutes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeResult, SessionView } from '../../electron/core/api/types.js';
import type { DataState } from '../../renderer/src/lib/freshness.js';
import { liveCost } from '../../renderer/src/lib/live-cost.js';

const loaded = <T,>(data: T | null, state: DataState<T>['state'] = 'live'): DataState<T> => ({ state, data, fetchedAt: data === null ? null : 1, error: null, failedAt: null });
const session = (costUsd: number, live: boolean) => ({ costUsd, live }) as SessionView;
const probe = (reachable: boolean, costs: number[]) => ({ reachable, sessions: costs.map((costUsd) => ({ costUsd })) }) as unknown as ProbeResult;

describe('liveCost', () => {
  it("the exporter's sessions where it answers with some (scrape mode)", () => {
    assert.deepEqual(liveCost(loaded(probe(true, [0.5, 0.25])), loaded([session(9, true)])), { value: '$0.75', sub: '2 running sessions', count: 2, source: 'exporter' });
  });
  it('the live sessions from the backend where the exporter has none (push mode, a shared backend)', () => {
    assert.deepEqual(liveCost(loaded(probe(false, [])), loaded([session(1.25, true), session(4, false), session(0.5, true)])), { value: '$1.75', sub: '2 running sessions', count: 2, source: 'backend' });
  });
  it('nothing running: $0.00 from an exporter that answers, a dash otherwise', () => {
    assert.equal(liveCost(loaded(probe(true, [])), loaded([])).value, '$0.00');
    assert.deepEqual(liveCost(loaded(probe(false, [])), loaded([session(3, false)])), { value: '—', sub: 'no running session', count: 0, source: 'backend' });
  });
  it('neither known yet', () => {
    assert.equal(liveCost(loaded<ProbeResult>(null, 'loading'), loaded<readonly SessionView[]>(null, 'loading')).sub, '\u00a0');
    assert.equal(liveCost(loaded(probe(false, [])), loaded<readonly SessionView[]>(null, 'unavailable')).sub, 'none found');
  });
});
