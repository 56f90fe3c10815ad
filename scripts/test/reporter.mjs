// A node:test reporter: spec-like text on its destination, and the counts it saw written as JSON to
// $CCMON_TEST_COUNTS_FILE when the run ends. Counts are of tests, not suites; a test with subtests
// counts through its subtests (see reporter/outcome.mjs).
//   node --test --test-reporter=./scripts/test/reporter.mjs --test-reporter-destination=stdout ...
import { writeFileSync } from 'node:fs';
import { TestTree } from './reporter/tree.mjs';
import { outcomeOf, countsAsTest } from './reporter/outcome.mjs';
import * as format from './reporter/format.mjs';

export default async function* reporter(source) {
  const tree = new TestTree();
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0, cancelled: 0 };
  const failures = [];
  let file;
  for await (const { type, data } of source) {
    const completed = type === 'test:pass' || type === 'test:fail';
    if ((completed || type === 'test:start') && data.nesting === 0 && data.file !== file) {
      file = data.file;
      yield format.fileHeader(file);
    }
    if (type === 'test:start') {
      tree.start(data);
    } else if (completed) {
      for (const ancestor of tree.unannounced(data.nesting)) {
        ancestor.announced = true;
        yield format.groupHeader(ancestor);
      }
      const { node, path } = tree.finish(data, type === 'test:fail');
      const outcome = outcomeOf(type, data);
      yield format.completion(data, node, outcome);
      if (!countsAsTest(data, node, outcome)) continue;
      counts[outcome]++;
      if (outcome === 'failed' || outcome === 'cancelled') failures.push(format.failure(data, path, outcome));
    } else if (type === 'test:stdout' || type === 'test:stderr') {
      yield data.message;
    } else if (type === 'test:diagnostic') {
      yield format.diagnostic(data);
    }
  }
  yield format.recap(failures);
  const out = process.env.CCMON_TEST_COUNTS_FILE;
  if (out) writeFileSync(out, `${JSON.stringify({ ...counts, failures: failures.map(({ lines: _lines, ...f }) => f) }, null, 2)}\n`);
}
