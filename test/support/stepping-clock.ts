import { SystemClock } from '../../src/sim/engine/index';
import { WEDNESDAY_11_EASTERN } from './trading-hours-clock';

/**
 * A test wall clock that runs at real speed from a chosen instant and can be
 * stepped forward: the simulator and the backend share it, so a test can move
 * both through days of trading (the journal's horizons) in a few seconds.
 */
export class SteppingClock extends SystemClock {
  private readonly step: { offset: number };

  constructor(start = WEDNESDAY_11_EASTERN) {
    const origin = performance.now();
    const step = { offset: 0 };
    super(() => start + step.offset + Math.floor(performance.now() - origin));
    this.step = step;
  }

  readonly read = (): number => this.now();

  /** Moves the clock forward to `at` (never back). */
  stepTo(at: number): void {
    const now = this.now();
    if (at > now) this.step.offset += at - now;
  }
}
