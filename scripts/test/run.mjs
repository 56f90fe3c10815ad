#!/usr/bin/env node
// The whole test run, from a fresh clone: system setup (scripts/setup/system.sh), build, typecheck,
// lint, then the unit, reliability, integration and end-to-end tiers (node's test runner with
// scripts/test/reporter.mjs), ending with one line "N passed, N failed, N skipped".
// `npm test -- unit` (or reliability, integration, e2e) runs one tier; `--no-setup` skips setup.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tiers, testFiles } from './tiers.mjs';
import { runTier } from './run-tier.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

const SETUP = [
  { title: 'system setup', cmd: 'bash', args: ['scripts/setup/system.sh'] },
  { title: 'build', cmd: 'npm', args: ['run', '--silent', 'build'] },
  { title: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { title: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
];

const argv = process.argv.slice(2);
const options = argv.filter((a) => a.startsWith('-'));
const requested = argv.filter((a) => !a.startsWith('-'));
const unknownOption = options.find((o) => o !== '--no-setup');
const unknownTier = requested.find((r) => !tiers.some((t) => t.name === r));
if (unknownOption || unknownTier) {
  console.error(`Unknown ${unknownOption ? `option ${unknownOption}` : `tier ${unknownTier}`}; use [${tiers.map((t) => t.name).join('|')}...] [--no-setup].`);
  process.exit(2);
}
const selected = requested.length ? tiers.filter((t) => requested.includes(t.name)) : tiers;

function runStep({ cmd, args }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (err) => {
      console.log(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

if (!options.includes('--no-setup')) {
  for (const step of SETUP) {
    console.log(`\n== ${step.title}`);
    const code = await runStep(step);
    if (code !== 0) {
      console.log(`\nSetup step "${step.title}" failed with exit code ${code}; no tests ran.`);
      process.exit(code);
    }
  }
}

const count = (r) => `${r.passed} passed, ${r.failed + r.cancelled} failed, ${r.skipped + r.todo} skipped`;
const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, cancelled: 0 };
const problems = [];
for (const tier of selected) {
  const files = tier.dirs.flatMap(testFiles);
  console.log(`\n== ${tier.name} tests (${files.length} file${files.length === 1 ? '' : 's'})`);
  if (files.length === 0) continue;
  const started = Date.now();
  const result = await runTier(tier, files);
  for (const key of Object.keys(totals)) totals[key] += result[key];
  const extra = [result.cancelled && `${result.cancelled} of the failed cancelled`, result.todo && `${result.todo} of the skipped todo`].filter(Boolean);
  console.log(`\n${tier.name}: ${count(result)}${extra.length ? ` (${extra.join(', ')})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of result.failures) problems.push(`${tier.name}: ✖ ${f.name} (${f.line ? `${f.file}:${f.line}:${f.column}` : f.file}) ${f.error}`);
  if (result.problem) {
    console.log(`${tier.name}: ${result.problem}${result.stderrTail.length ? '; its last stderr lines:' : ''}`);
    for (const line of result.stderrTail) console.log(`  ${line}`);
    problems.push(`${tier.name}: ${result.problem}`);
  }
}

if (problems.length) console.log(`\nFailed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
console.log(`\n${count(totals)}`);
process.exit(totals.failed + totals.cancelled > 0 ? 1 : 0);
