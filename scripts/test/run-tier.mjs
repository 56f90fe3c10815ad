// Runs one tier's files under node's test runner with scripts/test/reporter.mjs, and says what came
// of it: the reporter's counts, plus a problem when the process failed in a way no test shows.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPORTER = fileURLToPath(new URL('./reporter.mjs', import.meta.url));
const STDERR_TAIL_LINES = 20;

export async function runTier(tier, files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccmon-test-counts-'));
  const countsFile = path.join(dir, `${tier.name}.json`);
  try {
    const args = [
      '--import', 'tsx', '--test',
      `--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout',
      `--test-concurrency=${tier.concurrency}`, `--test-timeout=${tier.timeoutMs}`,
      ...files,
    ];
    const exit = await runNode(args, { ...process.env, CCMON_TEST_TIER: tier.name, CCMON_TEST_COUNTS_FILE: countsFile });
    const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : undefined;
    return judgeTier(exit, counts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The tier's result from how its process ended and the counts its reporter wrote (undefined when
 * it wrote none). A process that failed while no test did is one failure, with the reason.
 */
export function judgeTier({ code, signal, stderrTail }, counts) {
  const result = { passed: 0, failed: 0, skipped: 0, todo: 0, cancelled: 0, failures: [], problem: undefined, stderrTail: [], ...counts };
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  if (!counts) result.problem = `the test process ${how} before its reporter wrote any counts`;
  else if ((code !== 0 || signal) && result.failed + result.cancelled === 0) result.problem = `the test process ${how} although no test failed`;
  if (result.problem) {
    result.failed += 1;
    result.stderrTail = stderrTail;
  }
  return result;
}

function runNode(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk).slice(-16_384);
    });
    child.on('close', (code, signal) => {
      const stderrTail = stderr.split('\n').filter(Boolean).slice(-STDERR_TAIL_LINES);
      resolve({ code, signal, stderrTail });
    });
  });
}
