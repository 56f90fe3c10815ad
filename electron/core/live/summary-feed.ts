/**
 * Today's summary for every host, kept in one place: the tray and `ccmon web` run it as a loop
 * (`run`), the CLI asks once. Callers asking for the default window get the last good summary while it
 * is younger than the loop's interval, and concurrent callers share one computation. Each new summary
 * is published (the service puts it on the event bus as `summary:update`, which reaches windows over IPC
 * or SSE); each outcome, good or failed, reaches `onOutcome` listeners (the tray marks its figure stale).
 * Failures are never cached: an unreachable Prometheus shows up on the next call.
 */
import type { Summary } from '../api/types.js';
import { Poller } from './poller.js';

export type SummaryOutcome = { ok: true; summary: Summary; at: number } | { ok: false; error: unknown; at: number };

export class SummaryFeed {
  private value: { summary: Summary; at: number } | null = null;
  private inflight: Promise<Summary> | null = null;
  private poller: Poller | null = null;
  private interval: (() => number) | null = null;
  private readonly listeners = new Set<(outcome: SummaryOutcome) => void>();

  constructor(
    private readonly load: () => Promise<Summary>,
    private readonly publish: (summary: Summary) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last good summary and when its computation started, or null. */
  latest(): { summary: Summary; at: number } | null {
    return this.value;
  }

  /** The latest summary while younger than `maxAgeMs` (default: the loop's interval; 0 when no loop runs), else a new one. */
  get(maxAgeMs?: number): Promise<Summary> {
    const maxAge = maxAgeMs ?? this.interval?.() ?? 0;
    if (this.value && this.now() - this.value.at < maxAge) return Promise.resolve(this.value.summary);
    return this.refresh();
  }

  /** Computes a new summary (joining one already running), publishes it, tells the listeners. */
  refresh(): Promise<Summary> {
    if (this.inflight) return this.inflight;
    const started = this.now();
    const run = this.load().then(
      (summary) => {
        this.value = { summary, at: started };
        this.publish(summary);
        this.tell({ ok: true, summary, at: started });
        return summary;
      },
      (error: unknown) => {
        this.tell({ ok: false, error, at: started });
        throw error;
      },
    );
    this.inflight = run;
    const clear = (): void => {
      if (this.inflight === run) this.inflight = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** Refreshes now and then every `interval()` ms until `stop()`. A failed refresh reaches the listeners; the loop goes on. */
  run(interval: () => number): void {
    this.stop();
    this.interval = interval;
    this.poller = new Poller({ tick: () => this.refresh().then(() => undefined, () => undefined), interval });
    this.poller.start();
  }

  /** Refresh now (window shown, settings changed) and re-arm the loop. */
  kick(): void {
    this.poller?.kick();
  }

  stop(): void {
    this.poller?.stop();
    this.poller = null;
    this.interval = null;
  }

  onOutcome(listener: (outcome: SummaryOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(outcome: SummaryOutcome): void {
    for (const listener of this.listeners) listener(outcome);
  }
}
