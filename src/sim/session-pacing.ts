// IB allows about 50 messages per second from one API client. Beyond that TWS
// answers error 100 ("Max rate of messages per second has been exceeded") and,
// if the client keeps flooding, closes the connection.
//
// The rate is measured on a monotonic wall clock, not the simulated one: a
// test may freeze the sim clock (ManualClock) while a real client keeps
// writing, and a frozen clock would turn every request burst into a flood.

export interface PacingOptions {
  /** Messages allowed in any one-second window. Default 50. */
  maxPerSecond?: number;
  /** Windows over the limit before the connection is closed. Default 3. */
  violationsBeforeDisconnect?: number;
  /** Monotonic milliseconds; injectable for unit tests. Default performance.now. */
  now?: () => number;
}

export type PacingVerdict =
  | { kind: 'ok' }
  | { kind: 'violation'; received: number; violations: number }
  | { kind: 'disconnect'; received: number; violations: number };

export class PacingMeter {
  private readonly max: number;
  private readonly limit: number;
  private readonly now: () => number;
  private readonly stamps: number[] = [];
  private violations = 0;
  /** A violation is reported once per window, not once per excess message. */
  private quietUntil = -Infinity;

  constructor(opts: PacingOptions = {}) {
    this.max = opts.maxPerSecond ?? 50;
    this.limit = opts.violationsBeforeDisconnect ?? 3;
    this.now = opts.now ?? (() => performance.now());
  }

  record(): PacingVerdict {
    const t = this.now();
    this.stamps.push(t);
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= t - 1000) this.stamps.shift();
    const received = this.stamps.length;
    if (received <= this.max || t < this.quietUntil) return { kind: 'ok' };
    this.violations += 1;
    this.quietUntil = t + 1000;
    if (this.violations >= this.limit) return { kind: 'disconnect', received, violations: this.violations };
    return { kind: 'violation', received, violations: this.violations };
  }
}
