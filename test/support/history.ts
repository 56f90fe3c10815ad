/**
 * Simulated history in a real Prometheus TSDB: raw Claude Code series from the backfill generator, and
 * optionally our recording rules evaluated over that history by `promtool tsdb create-blocks-from rules`
 * (what a Prometheus that had been running the rules all along would hold).
 *
 *   const h = await buildHistory(opts, { rules: true });
 *   const prom = await startPrometheus({ dataDir: h.dataDir, ruleFiles: [recordingRulesFile] });
 *   ...; await prom.stop(); h.remove();
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeOpenMetricsFiles, type BackfillOptions } from '../../scripts/simulator/backfill.js';
import { PROMTOOL_BIN, createBlocks, startPrometheus } from './prometheus.js';
import { tempDir } from './tmp.js';

export const recordingRulesFile = fileURLToPath(new URL('../../compose/prometheus/rules/ccmon-recording.yml', import.meta.url));

export interface History {
  dataDir: string;
  /** What was generated: samples (lines), bytes of OpenMetrics, and the time span. */
  info: { lines: number; bytes: number; minTimeMs: number; maxTimeMs: number };
  /** Wall-clock ms spent on each stage, for the benchmark's report. */
  timings: { generateMs: number; rawBlocksMs: number; ruleBlocksMs: number; compactMs: number };
  remove: () => void;
}

export interface HistoryOptions {
  /** Also evaluate the recording rules over the history. */
  rules: boolean;
  /** Evaluate the rules up to this time (default: 10 minutes past the history's end). Never pass a future time. */
  rulesUntilMs?: number;
  /**
   * Let Prometheus compact the backfilled blocks (promtool cuts 2-hour blocks: thousands for months of
   * history) into the few large blocks a Prometheus that ran all along would hold. For benchmarks.
   */
  compact?: boolean;
}

export async function buildHistory(options: BackfillOptions, { rules, rulesUntilMs, compact }: HistoryOptions): Promise<History> {
  const tmp = tempDir('ccmon-history-');
  const dataDir = join(tmp.path, 'data');
  mkdirSync(dataDir, { recursive: true });
  const timings = { generateMs: 0, rawBlocksMs: 0, ruleBlocksMs: 0, compactMs: 0 };
  try {
    let t = performance.now();
    // One file per day: promtool re-reads its input for every 2-hour block it cuts.
    mkdirSync(join(tmp.path, 'openmetrics'));
    const files = await writeOpenMetricsFiles(join(tmp.path, 'openmetrics'), options);
    const info = {
      lines: files.reduce((n, f) => n + f.lines, 0),
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      minTimeMs: Math.min(...files.map((f) => f.minTimeMs)),
      maxTimeMs: Math.max(...files.map((f) => f.maxTimeMs)),
    };
    timings.generateMs = performance.now() - t;
    t = performance.now();
    await createBlocks(files.map((f) => f.file), dataDir);
    for (const f of files) rmSync(f.file, { force: true });
    timings.rawBlocksMs = performance.now() - t;
    if (rules) {
      t = performance.now();
      await backfillRules(dataDir, Math.min(info.minTimeMs, options.endMs - options.days * 86_400_000) - 10 * 60_000, rulesUntilMs ?? Math.max(info.maxTimeMs, options.endMs) + 10 * 60_000, join(tmp.path, 'rule-blocks'));
      timings.ruleBlocksMs = performance.now() - t;
    }
    if (compact) {
      t = performance.now();
      await compactBlocks(dataDir);
      timings.compactMs = performance.now() - t;
    }
    return { dataDir, info, timings, remove: tmp.remove };
  } catch (err) {
    tmp.remove();
    throw err;
  }
}

/** Evaluates the recording rules over [startMs, endMs] against a Prometheus serving `dataDir`, then adds the blocks to it. */
async function backfillRules(dataDir: string, startMs: number, endMs: number, outDir: string): Promise<void> {
  const prom = await startPrometheus({ dataDir, targets: [] });
  try {
    await promisify(execFile)(
      PROMTOOL_BIN,
      ['tsdb', 'create-blocks-from', 'rules', '--quiet', `--url=${prom.url}`, `--start=${Math.floor(startMs / 1000)}`, `--end=${Math.ceil(endMs / 1000)}`, `--output-dir=${outDir}`, recordingRulesFile],
      { maxBuffer: 64 << 20 },
    );
  } finally {
    await prom.stop();
  }
  for (const block of readdirSync(outDir)) {
    if (/^[0-9A-Z]{26}$/.test(block)) renameSync(join(outDir, block), join(dataDir, block));
  }
}

const blockCount = (dataDir: string): number => readdirSync(dataDir).filter((b) => /^[0-9A-Z]{26}$/.test(b)).length;

/** Runs Prometheus on `dataDir` until its background compaction leaves the block count unchanged for a while. */
async function compactBlocks(dataDir: string, settleMs = 75_000, limitMs = 15 * 60_000): Promise<void> {
  const prom = await startPrometheus({ dataDir, targets: [] });
  try {
    const started = Date.now();
    let last = blockCount(dataDir);
    let changedAt = Date.now();
    while (Date.now() - changedAt < settleMs && Date.now() - started < limitMs) {
      await new Promise((r) => setTimeout(r, 5000));
      const now = blockCount(dataDir);
      if (now !== last) {
        last = now;
        changedAt = Date.now();
      }
    }
  } finally {
    await prom.stop();
  }
}
