/**
 * Watches that look at each of today's summary outcomes and say what to announce (the budget watch;
 * the plan-limit watch beside it). The host runs them all through `SummaryWatches` and shows each
 * announcement as a notification.
 */
import type { SummaryOutcome } from '../live/summary-feed.js';

export interface Announcement {
  title: string;
  body: string;
}

export interface SummaryWatch {
  check(outcome: SummaryOutcome): Promise<Announcement[]>;
}

/**
 * Runs the watches over each outcome in turn, one outcome at a time: a watch reads its ledger, awaits
 * its figures and writes the ledger back, and two runs interleaving would announce twice.
 */
export class SummaryWatches {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly watches: readonly SummaryWatch[],
    private readonly announce: (announcement: Announcement) => void,
    private readonly report: (err: unknown) => void,
  ) {}

  observe(outcome: SummaryOutcome): void {
    this.queue = this.queue.then(() => this.run(outcome));
  }

  /** Settles when every outcome observed so far has been checked. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async run(outcome: SummaryOutcome): Promise<void> {
    for (const watch of this.watches) {
      try {
        for (const announcement of await watch.check(outcome)) this.announce(announcement);
      } catch (err) {
        this.report(err);
      }
    }
  }
}
