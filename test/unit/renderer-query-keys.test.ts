/** The scope is part of the scoped queries' keys on a shared backend, and absent locally (where the boot script's and the pushes' keys must match). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prefetchKey } from '../../renderer/src/api/prefetch.js';
import { keys, queryKeyOf } from '../../renderer/src/query/keys.js';

describe('renderer: query keys', () => {
  it('locally (no scope argument): today\'s summary is the pushed one, the key the boot script seeds', () => {
    assert.deepEqual(keys.scopedSummary({}), keys.summary);
    assert.deepEqual(keys.summary, queryKeyOf('getSummary', JSON.parse(prefetchKey('getSummary', {}).slice('getSummary '.length)) as Record<string, unknown>));
    assert.deepEqual(keys.limits({}), ['getLimits']);
    assert.deepEqual(keys.sessions({}), ['getSessions']);
  });
  it('on a shared backend: me and the team are different entries', () => {
    assert.deepEqual(keys.scopedSummary({ scope: 'me' }), ['getSummary', 'me']);
    assert.notDeepEqual(keys.limits({ scope: 'me' }), keys.limits({ scope: 'all' }));
    assert.notDeepEqual(keys.sessions({ scope: 'me' }), keys.sessions({ scope: 'all' }));
  });
  it('the longer project windows: their start and the scope', () => {
    const since = '2026-11-26T00:00:00.000Z';
    assert.deepEqual(keys.summarySince(since, {}), ['getSummary', since]);
    assert.deepEqual(keys.summarySince(since, { scope: 'all' }), ['getSummary', since, 'all']);
  });
});
