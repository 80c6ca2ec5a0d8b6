import { SystemClock, type SimClock } from '../../src/sim/engine/index';

/**
 * A simulator clock that runs at real speed but inside regular US trading
 * hours (Wednesday 2026-11-18 from 11:00 US/Eastern), so fills happen
 * whatever hour the tests run at. Nothing waits on it: it only moves the
 * simulated market's calendar.
 */
export class TradingHoursClock implements SimClock {
  private readonly offset: number;
  private readonly system = new SystemClock();

  constructor(start = Date.UTC(2026, 10, 18, 16, 0, 0)) {
    this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  schedule(atMs: number, fn: () => void): () => void {
    return this.system.schedule(atMs - this.offset, fn);
  }
}
