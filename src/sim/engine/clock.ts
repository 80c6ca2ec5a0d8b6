// Time for the simulated broker. Everything in the engine reads time and
// schedules work through a SimClock so tests can run a trading day in
// milliseconds with ManualClock, and the CLI runs on the wall clock.

export interface SimClock {
  now(): number;
  /** Run fn once the clock reaches atMs; returns a cancel function. */
  schedule(atMs: number, fn: () => void): () => void;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class ManualClock implements SimClock {
  private current: number;
  private seq = 0;
  // Kept sorted by (at, seq) so timers due at the same instant run in the order they were scheduled.
  private timers: Timer[] = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  schedule(atMs: number, fn: () => void): () => void {
    const timer: Timer = { at: Math.max(atMs, this.current), seq: this.seq++, fn, cancelled: false };
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.timers[mid]!;
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time forward, running every timer that falls due, in order, at its own instant. */
  advance(ms: number): void {
    if (ms < 0) throw new Error('ManualClock cannot go backwards');
    const target = this.current + ms;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      if (next.cancelled) continue;
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  /** Advances to an absolute instant (no-op if it is in the past). */
  advanceTo(atMs: number): void {
    if (atMs > this.current) this.advance(atMs - this.current);
  }

  /** Timers still waiting, for tests that assert nothing is left behind. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

// setTimeout overflows past 2^31-1 ms; long waits are chained.
const MAX_TIMEOUT = 2_147_483_647;

/**
 * Real time: timers on the event loop, the time read from `source`. By default
 * that is the machine's wall clock (the standalone CLI); the app's demo
 * gateway passes the backend's own clock and tests pass one placed where
 * they need it, so the simulated market and the backend agree on the time.
 */
export class SystemClock implements SimClock {
  constructor(private readonly source: () => number = () => Date.now()) {}

  now(): number {
    return this.source();
  }

  schedule(atMs: number, fn: () => void): () => void {
    let handle: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const arm = (): void => {
      const wait = atMs - this.source();
      if (wait > MAX_TIMEOUT) {
        handle = setTimeout(arm, MAX_TIMEOUT);
      } else {
        handle = setTimeout(() => {
          if (!cancelled) fn();
        }, Math.max(0, wait));
      }
      // The simulator's own timers never keep a process alive; its sockets do.
      handle.unref?.();
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
    };
  }
}
