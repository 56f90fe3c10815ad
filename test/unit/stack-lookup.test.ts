import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../electron/core/api/error-codes.js';
import { assertOurs, inspectOrNull, isOurs } from '../../electron/core/stack/lookup.js';

// What dockerode rejects with: the HTTP status, and the engine's own message in `json`.
const engineError = (statusCode: number, message: string): Error => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });

test('inspectOrNull: the object, null for a 404, an engine-error with the engine\'s message otherwise', async () => {
  assert.deepEqual(await inspectOrNull('x', async () => ({ Id: 'abc' })), { Id: 'abc' });
  assert.equal(await inspectOrNull('x', () => Promise.reject(engineError(404, 'no such container: x'))), null);
  await assert.rejects(inspectOrNull('volume v', () => Promise.reject(engineError(500, 'disk on fire'))), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'engine-error');
    assert.equal(err.message, 'Inspecting volume v failed: disk on fire');
    return true;
  });
});

test('ownership: only the stack\'s label makes an object ours; anything else of our name is name-taken', () => {
  assert.equal(isOurs({ 'dev.ccmon.stack': 's' }, 's'), true);
  assert.equal(isOurs({ 'dev.ccmon.stack': 'other' }, 's'), false);
  assert.equal(isOurs(undefined, 's'), false);
  assert.doesNotThrow(() => assertOurs('network', 's', { 'dev.ccmon.stack': 's' }, 's'));
  const taken = (kind: 'container' | 'network' | 'volume', labels: Record<string, string> | null): AppError => {
    try {
      assertOurs(kind, `s-${kind}`, labels, 's');
    } catch (err) {
      return err as AppError;
    }
    throw new Error('assertOurs accepted a foreign object');
  };
  const c = taken('container', { 'some.other.app': 'yes' });
  assert.equal(c.code, 'name-taken');
  assert.equal(c.message, 'A container named s-container exists and is not part of this stack; it is left alone.');
  assert.match(c.hint!, /^Remove or rename it, .*CCMON_STACK_NAME/);
  const v = taken('volume', null);
  assert.equal(v.message, 'A volume named s-volume exists and is not part of this stack; it is left alone.');
  assert.match(v.hint!, /^Remove it, or give the stack another name with CCMON_STACK_NAME\.$/);
  assert.equal(taken('network', { 'dev.ccmon.stack': 'other' }).code, 'name-taken');
});
