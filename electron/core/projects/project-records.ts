/**
 * The project records today's summary needs, kept between refreshes: read again once a minute, or
 * sooner (at most every 10 s) when a session appears that has none yet (it may have just started).
 * A custom window reads its own.
 */
import type { PrometheusClient } from '../prometheus/client.js';
import type { SessionUsage } from '../api/types.js';
import { readProjectRecords } from './read-records.js';
import type { ProjectRecord } from './session-record.js';

export class ProjectRecords {
  private held: { at: number; since: number; records: Map<string, ProjectRecord> } | null = null;

  constructor(
    private readonly client: PrometheusClient,
    private readonly now: () => number = Date.now,
  ) {}

  async for(sessions: readonly SessionUsage[], since: Date, until: Date): Promise<ReadonlyMap<string, ProjectRecord>> {
    const now = this.now();
    const held = this.held;
    const usable = held && held.since === since.getTime();
    const age = usable ? now - held.at : Infinity;
    const missing = usable && sessions.some((s) => !held.records.has(s.sessionId));
    if (usable && age < 60_000 && (!missing || age < 10_000)) return held.records;
    const records = await readProjectRecords(this.client, since, until);
    this.held = { at: now, since: since.getTime(), records };
    return records;
  }
}
