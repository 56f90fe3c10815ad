/** A value recomputed at most every `maxAgeMs`, concurrent callers sharing one computation; failures are not kept. */
export class Cached<T> {
  private value: { at: number; value: T } | null = null;
  private inflight: Promise<T> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.maxAgeMs) return Promise.resolve(this.value.value);
    if (this.inflight) return this.inflight;
    const started = this.now();
    const run = this.load().then((value) => {
      this.value = { at: started, value };
      return value;
    });
    this.inflight = run;
    const clear = (): void => {
      if (this.inflight === run) this.inflight = null;
    };
    run.then(clear, clear);
    return run;
  }
}
