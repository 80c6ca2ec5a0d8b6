import { SystemClock } from '../../src/sim/engine/index';

/** Wednesday 2026-11-18, 11:00 US/Eastern: regular trading hours, far from IB's nightly reset window. */
export const WEDNESDAY_11_EASTERN = Date.UTC(2026, 10, 18, 16, 0, 0);

/**
 * A wall clock for the tests that runs at real speed from a chosen instant
 * (by default inside regular US trading hours), whatever the machine's clock
 * says. It counts on the monotonic clock, so the machine's time of day,
 * weekday, or a step of its clock changes nothing. The simulator and the
 * backend are both given this clock, so they agree on the time: the market
 * is open and IB's nightly reset window far away, unless a test places the
 * clock elsewhere on purpose.
 */
export class TradingHoursClock extends SystemClock {
  constructor(start = WEDNESDAY_11_EASTERN) {
    const origin = performance.now();
    super(() => start + Math.floor(performance.now() - origin));
  }

  /** The clock as a plain function, for the backend's `now`. */
  readonly read = (): number => this.now();
}
