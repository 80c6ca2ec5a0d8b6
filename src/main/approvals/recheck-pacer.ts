/**
 * Account values and quotes move many times a second; the waiting drafts are
 * judged again on them at most once per interval, not once per tick, so the
 * queue is never more than an interval behind and the renderer is not flooded.
 * Paced by timers (monotonic), never by reading the wall clock.
 */
export class RecheckPacer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly recheck: () => void,
    private readonly intervalMs = 1000,
  ) {}

  inputsChanged(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recheck();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
