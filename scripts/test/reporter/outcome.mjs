// What a completed node:test test or suite means for the counts. Precedence as node's own summary:
// skip, then todo, then cancelled, then failed.

// node's kCanceledTests: cancelled by a parent that ended, timed out, aborted by a signal.
const CANCELLED = new Set(['cancelledByParent', 'testTimeoutFailure', 'testAborted']);

/** @returns {'passed' | 'failed' | 'skipped' | 'todo' | 'cancelled'} */
export function outcomeOf(type, data) {
  if (data.skip !== undefined) return 'skipped';
  if (data.todo !== undefined) return 'todo';
  if (type === 'test:pass') return 'passed';
  return CANCELLED.has(data.details?.error?.failureType) ? 'cancelled' : 'failed';
}

/**
 * Whether a completion counts as a test. Tests without subtests count; suites and tests with
 * subtests don't (their subtests do), except when they fail and none of their subtests did
 * (a failing after hook, a timeout, a describe body that threw): then they count once, so that no
 * failure goes uncounted and none is counted twice.
 */
export function countsAsTest(data, node, outcome) {
  const group = data.details?.type === 'suite' || node.hasSubtests;
  if (!group) return true;
  return (outcome === 'failed' || outcome === 'cancelled') && !node.subtestFailed;
}
