/**
 * Today's summary, kept warm by the web host: callers asking for the default window get the last
 * good summary while it is younger than `maxAgeMs`, and concurrent callers share one query.
 * Failures are never cached, so an unreachable Prometheus shows up on the next call after the
 * cached value expires (the page's stale state).
 */
import type { Summary } from '../core/api/types.js';

export class SummaryCache {
  private value: { summary: Summary; at: number } | null = null;
  private inflight: Promise<Summary> | null = null;

  constructor(
    private readonly load: () => Promise<Summary>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached summary when fresh, else a new one (shared with concurrent callers). */
  get(): Promise<Summary> {
    if (this.value && this.now() - this.value.at < this.maxAgeMs) return Promise.resolve(this.value.summary);
    return this.refresh();
  }

  /** Always queries (joining a query already running). */
  refresh(): Promise<Summary> {
    if (this.inflight) return this.inflight;
    const started = this.now();
    const run = this.load().then(
      (summary) => {
        this.value = { summary, at: started };
        return summary;
      },
    );
    this.inflight = run;
    const clear = (): void => {
      if (this.inflight === run) this.inflight = null;
    };
    run.then(clear, clear);
    return run;
  }
}
