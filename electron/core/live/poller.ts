/**
 * A refresh loop: one tick at a time, re-armed at the interval the caller reads each time (the tray
 * refreshes at the user's interval while its window is visible, slowly while hidden); `kick()` runs
 * one now (window shown, settings changed) and re-arms. Timers are unref'd: a loop never keeps a
 * process alive on its own.
 */

/** Hidden: at most once a minute, and never faster than 4× the visible interval. */
export function pollIntervalMs(windowVisible: boolean, refreshIntervalSeconds: number): number {
  const visible = Math.max(2, refreshIntervalSeconds) * 1000;
  return windowVisible ? visible : Math.max(60_000, visible * 4);
}

export interface PollerOptions {
  tick(): Promise<void>;
  interval(): number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Poller {
  private handle: unknown = null;
  private running = false;
  private stopped = true;
  private rerun = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: PollerOptions) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.clearTimer(this.handle);
    this.handle = null;
  }

  /** Run a tick now (or right after the current one) and re-arm at the current interval. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.handle !== null) this.clearTimer(this.handle);
    this.handle = null;
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      await this.options.tick();
    } catch {
      // A failed tick is reported by the tick itself; the loop goes on.
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.rerun) {
      this.rerun = false;
      void this.run();
      return;
    }
    this.handle = this.setTimer(() => {
      this.handle = null;
      void this.run();
    }, this.options.interval());
  }
}
