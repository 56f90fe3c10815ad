#!/usr/bin/env node
// The whole test run, from a fresh clone: system dependencies, build, typecheck, lint, then the
// unit, contract, integration and end-to-end tiers (node's test runner), ending with one line
// "N passed, N failed, N skipped". `npm test -- unit` (or integration, e2e) runs one tier.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

const tiers = [
  { name: 'unit', dirs: ['test/unit', 'test/contract'], concurrency: 2, timeoutMs: 60_000 },
  { name: 'reliability', dirs: ['test/reliability'], concurrency: 2, timeoutMs: 120_000 },
  { name: 'integration', dirs: ['test/integration'], concurrency: 1, timeoutMs: 300_000 },
  { name: 'e2e', dirs: ['e2e'], concurrency: 1, timeoutMs: 300_000 },
];

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const skipSetup = process.argv.includes('--no-setup');
const selected = requested.length ? tiers.filter((t) => requested.includes(t.name)) : tiers;
if (requested.length && selected.length !== requested.length) {
  console.error(`Unknown tier in ${requested.join(', ')}; use ${tiers.map((t) => t.name).join(', ')}.`);
  process.exit(2);
}

function run(cmd, args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env });
    let out = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...testFiles(full));
    else if (/\.test\.(ts|mts|js|mjs)$/.test(entry)) found.push(full);
  }
  return found.sort();
}

const step = async (title, cmd, args) => {
  console.log(`\n== ${title}`);
  const { code } = await run(cmd, args);
  if (code !== 0) {
    console.log(`\n${title} failed (exit ${code}).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
};

if (!skipSetup) {
  await step('system dependencies', 'bash', ['scripts/deps/system.sh']);
  if (existsSync('scripts/deps/docker.sh')) await step('docker engine', 'bash', ['scripts/deps/docker.sh']);
  await step('build', 'npm', ['run', '--silent', 'build']);
  await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  await step('lint', 'npm', ['run', '--silent', 'lint']);
}

const totals = { pass: 0, fail: 0, skipped: 0 };
for (const tier of selected) {
  const files = tier.dirs.flatMap(testFiles);
  console.log(`\n== ${tier.name} tests (${files.length} files)`);
  if (files.length === 0) continue;
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${tier.concurrency}`, `--test-timeout=${tier.timeoutMs}`, ...files];
  const { code, out } = await run(process.execPath, args, { capture: true, env: { ...process.env, CCMON_TEST_TIER: tier.name } });
  const count = (label) => Number(new RegExp(`^\\S*\\s*${label} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  const tierTotals = { pass: count('pass'), fail: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if (code !== 0 && tierTotals.fail === 0) tierTotals.fail = 1; // the runner itself failed
  console.log(`${tier.name}: ${tierTotals.pass} passed, ${tierTotals.fail} failed, ${tierTotals.skipped} skipped`);
  totals.pass += tierTotals.pass;
  totals.fail += tierTotals.fail;
  totals.skipped += tierTotals.skipped;
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(totals.fail > 0 ? 1 : 0);
