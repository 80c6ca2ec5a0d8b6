import { systemMonotonicClock } from '../clock';

/**
 * Keeps the app under IB's limit of about 50 messages a second per client
 * (over it, IB answers error 100 and may disconnect). Order messages jump
 * ahead of data requests: an approval must never wait behind a burst of
 * quote subscriptions. Data a person is waiting on (a draft's contract and
 * quote, the heartbeat) jumps ahead of background subscriptions (a quote and
 * a P&L stream per held position, asked at connect): a household of a few
 * hundred positions would otherwise hold the first draft for seconds.
 */
export type PacingLane = 'order' | 'data' | 'background';

const LANES: readonly PacingLane[] = ['order', 'data', 'background'];

export interface PacingOptions {
  perSecond: number;
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => unknown;
}

export class PacingLimiter {
  private readonly queues: Record<PacingLane, (() => void)[]> = { order: [], data: [], background: [] };
  private readonly sentAt: number[] = [];
  private timer: unknown;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => unknown;

  constructor(private readonly options: PacingOptions) {
    this.now = options.now ?? systemMonotonicClock;
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /** Runs `send` now if the budget allows and nothing of equal or higher priority waits; otherwise queues it. */
  submit(lane: PacingLane, send: () => void): void {
    let ahead = 0;
    for (const other of LANES.slice(0, LANES.indexOf(lane) + 1)) ahead += this.queues[other].length;
    if (ahead === 0 && this.take()) {
      send();
      return;
    }
    this.queues[lane].push(send);
    this.arm();
  }

  /** Drops everything queued: used when the connection it was meant for is gone. */
  clear(): void {
    for (const lane of LANES) this.queues[lane].length = 0;
  }

  get queued(): number {
    return LANES.reduce((n, lane) => n + this.queues[lane].length, 0);
  }

  private take(): boolean {
    const now = this.now();
    while (this.sentAt.length > 0 && now - (this.sentAt[0] ?? 0) >= 1000) this.sentAt.shift();
    if (this.sentAt.length >= this.options.perSecond) return false;
    this.sentAt.push(now);
    return true;
  }

  private arm(): void {
    if (this.timer !== undefined) return;
    const oldest = this.sentAt[0] ?? this.now();
    const wait = Math.max(1, 1000 - (this.now() - oldest));
    this.timer = this.schedule(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
  }

  private drain(): void {
    for (const lane of LANES) {
      const queue = this.queues[lane];
      while (queue.length > 0) {
        if (!this.take()) {
          this.arm();
          return;
        }
        queue.shift()?.();
      }
    }
  }
}
