import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { UsageSummary } from '../api/types.js';
import { claudeMetrics, type ClaudeMetric } from '../telemetry/metrics.js';
import type { LedgerSnapshot } from './usage-ledger.js';
import { withTimeout } from '../net/timeout.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { describeFsError, ensureDir } from '../fs/ensure-dir.js';

/** What a LiveSummary carries from one process to the next (`ccmon summary` run again). */
export interface LiveSnapshot {
  version: 2;
  prometheusUrl: string;
  useRules: boolean;
  /** Local midnight (epoch ms) of the day the summary is about. */
  day: number;
  base: UsageSummary;
  startTime: string | undefined;
  checkedAt: number;
  ledger: LedgerSnapshot;
}

export interface LiveSummaryStore {
  /** The last snapshot, or undefined when there is none or it can't be read (it is then simply rebuilt). */
  load(): Promise<LiveSnapshot | undefined>;
  save(snapshot: LiveSnapshot): Promise<void>;
}

const tokens = z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheCreation: z.number() });
const summarySchema = z.object({
  asOf: z.string(),
  window: z.object({ since: z.string(), until: z.string() }),
  costUsd: z.number(),
  tokens,
  sessions: z.number(),
  byModel: z.array(z.object({ model: z.string(), costUsd: z.number(), tokens })),
  bySession: z.array(z.object({ sessionId: z.string(), labels: z.record(z.string(), z.string()), costUsd: z.number(), tokens, byModel: z.array(z.object({ model: z.string(), costUsd: z.number(), tokens })) })),
  linesOfCode: z.object({ added: z.number(), removed: z.number() }),
  commits: z.number(),
  pullRequests: z.number(),
  activeTimeSeconds: z.object({ user: z.number(), cli: z.number() }),
  periods: z.object({ today: z.number(), last7Days: z.number(), last30Days: z.number() }),
});
const metricNames = Object.keys(claudeMetrics) as [ClaudeMetric, ...ClaudeMetric[]];
const snapshotSchema = z.object({
  version: z.literal(2),
  prometheusUrl: z.string(),
  useRules: z.boolean(),
  day: z.number(),
  base: summarySchema,
  startTime: z.string().optional(),
  checkedAt: z.number(),
  ledger: z.object({
    settledAt: z.number(),
    overlapSeconds: z.number().positive(),
    series: z.array(z.object({ metric: z.enum(metricNames), labels: z.record(z.string(), z.string()), last: z.tuple([z.number(), z.number()]), total: z.number() })),
    flagged: z.array(z.string()),
    sessions: z.array(z.string()),
  }),
});

/** How long reading or writing the cache may take: it must never hold up a summary. */
export const cacheIoTimeoutMs = 1000;

/**
 * One file per Prometheus (and rules choice), written atomically and readable by the user only.
 * Only a cache: a file that can't be read costs one full summary, and one that can't be written costs
 * a warning (`warn`), never the summary; both within `cacheIoTimeoutMs`.
 */
export function fileSummaryStore(dir: string, prometheusUrl: string, useRules: boolean, warn: (problem: string) => void = () => undefined): LiveSummaryStore {
  const id = createHash('sha256').update(`${prometheusUrl}\n${useRules}`).digest('hex').slice(0, 16);
  const file = path.join(dir, `summary-${id}.json`);
  return {
    async load() {
      const text = await withTimeout(readFile(file, 'utf8'), cacheIoTimeoutMs).catch(() => undefined);
      if (text === undefined) return undefined;
      try {
        const parsed = snapshotSchema.safeParse(JSON.parse(text));
        if (!parsed.success || parsed.data.prometheusUrl !== prometheusUrl || parsed.data.useRules !== useRules) return undefined;
        return { ...parsed.data, startTime: parsed.data.startTime };
      } catch {
        return undefined;
      }
    },
    async save(snapshot) {
      try {
        await withTimeout(async () => {
          await ensureDir(dir);
          await writeFileAtomic(file, JSON.stringify(snapshot), { newFileMode: 0o600 });
        }, cacheIoTimeoutMs, 'not written');
      } catch (err) {
        warn(`the summary cache ${file} could not be written (${describeFsError(err)}); the next run computes the summary in full. Set CCMON_CACHE_DIR to a writable folder, or CCMON_SUMMARY_CACHE=off.`);
      }
    },
  };
}
