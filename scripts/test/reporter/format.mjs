// Spec-like text for node:test events: one line per test with its duration, skips and todos with
// their reason, failures with their error, the place it was thrown in the test file and its stack.
import path from 'node:path';
import { inspect } from 'node:util';

const SYMBOL = { passed: '✔', failed: '✖', cancelled: '✖', skipped: '﹣', todo: '﹣' };
// node's closing summary; the runner prints its own.
const SUMMARY = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$/;
const INTERNAL_FRAME = /\(node:|at node:|node_modules[\\/]/;
const MAX_FRAMES = 8;

const indent = (nesting) => '  '.repeat(nesting);
const relative = (file) => (file ? path.relative(process.cwd(), file) || file : '?');

export function duration(ms) {
  if (typeof ms !== 'number') return '';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)}s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}ms`;
}

/** The test declared at the file's top level stands for the whole file: it failed outside its tests. */
export const isFileLevel = (data) => Boolean(data.file) && data.name === data.file;

export const fileHeader = (file) => `\n${relative(file)}\n`;

export const groupHeader = (node) => `${indent(node.nesting)}▶ ${node.name}\n`;

// node takes a test's declared line from the running code, which for TypeScript (compiled by tsx)
// is not the source's; the thrown error's stack is source-mapped.
const SOURCE_RUNS_AS_IS = /\.[cm]?js$/;
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a failure is: the frame of the throw inside the test's file, else the test's declared line in plain JS. */
export function where(data) {
  const file = relative(data.file);
  const stack = data.details?.error?.cause?.stack;
  if (data.file && typeof stack === 'string') {
    const frame = new RegExp(`(?:file://)?${escapeRegExp(data.file)}:(\\d+):(\\d+)`).exec(stack);
    if (frame) return { file, line: Number(frame[1]), column: Number(frame[2]) };
  }
  if (data.line && !isFileLevel(data) && SOURCE_RUNS_AS_IS.test(data.file ?? '')) return { file, line: data.line, column: data.column };
  return { file, line: null, column: null };
}

export const locationText = ({ file, line, column }) => (line ? `${file}:${line}:${column}` : file);

const cwdPrefix = new RegExp(`(?:file://)?${escapeRegExp(process.cwd() + path.sep)}`, 'g');

function stackLines(error) {
  const [head, ...rest] = String(error.stack).split('\n');
  const message = [head];
  let i = 0;
  for (; i < rest.length && !/^\s+at /.test(rest[i]); i++) message.push(rest[i]);
  const frames = rest.slice(i).filter((l) => !INTERNAL_FRAME.test(l)).slice(0, MAX_FRAMES).map((l) => l.trim().replace(cwdPrefix, ''));
  return [...message, ...frames.map((f) => `  ${f}`)];
}

const FILE_FAILED = "the file's process failed outside its tests: it did not load, exited with a non-zero code, or failed after its tests (its output is above)";

/** The lines that explain a failure: node's reason, then what was thrown (message, stack). */
export function errorLines(data) {
  const error = data.details?.error;
  if (!error) return [];
  const cause = error.cause;
  const thrownError = cause instanceof Error;
  const lines = [];
  if (isFileLevel(data) && error.failureType !== 'testTimeoutFailure') lines.push(FILE_FAILED);
  // node's generic "test failed" for a file says nothing FILE_FAILED doesn't.
  const generic = isFileLevel(data) && error.message === 'test failed';
  if (!generic && !(thrownError && cause.message === error.message)) lines.push(error.message);
  if (thrownError && typeof cause.stack === 'string') lines.push(...stackLines(cause));
  else if (cause !== undefined) {
    const shown = inspect(cause, { depth: 3, breakLength: 100 });
    if (shown !== error.message && String(cause) !== error.message) lines.push(`thrown: ${shown}`);
  }
  return lines.flatMap((l) => l.split('\n'));
}

function suffix(data, outcome) {
  const reason = (value) => (typeof value === 'string' && value ? ` ${value}` : '');
  if (outcome === 'skipped') return ` # SKIP${reason(data.skip)}`;
  if (outcome === 'todo') return ` # TODO${reason(data.todo)}`;
  if (outcome === 'cancelled') return ' # CANCELLED';
  return '';
}

/** The line(s) for a completed test or suite. */
export function completion(data, node, outcome) {
  const pad = indent(data.nesting);
  const group = node.hasSubtests || data.details?.type === 'suite';
  const symbol = group && (outcome === 'passed' || outcome === 'skipped') ? '▶' : SYMBOL[outcome];
  const name = isFileLevel(data) ? relative(data.name) : data.name;
  const lines = [`${pad}${symbol} ${name} (${duration(data.details?.duration_ms)})${suffix(data, outcome)}`];
  if (outcome === 'failed' || outcome === 'cancelled') {
    lines.push(`${pad}  at ${locationText(where(data))}`);
    for (const l of errorLines(data)) lines.push(`${pad}  ${l}`);
  }
  return `${lines.join('\n')}\n`;
}

export function diagnostic(data) {
  if (data.nesting === 0 && SUMMARY.test(data.message)) return '';
  return `${indent(data.nesting)}ℹ ${data.message}\n`;
}

/** A failure as the counts file records it, with the lines the recap prints. */
export function failure(data, ancestors, outcome) {
  const name = isFileLevel(data) ? relative(data.name) : [...ancestors, data.name].join(' › ');
  const lines = errorLines(data);
  return { name, ...where(data), outcome, error: lines[0] ?? '', lines };
}

export function recap(failures) {
  if (!failures.length) return '';
  const out = [`\n✖ failing tests (${failures.length}):`];
  for (const f of failures) {
    out.push(`\n${SYMBOL[f.outcome]} ${f.name}`, `  at ${locationText(f)}`);
    for (const l of f.lines) out.push(`  ${l}`);
  }
  return `${out.join('\n')}\n`;
}
