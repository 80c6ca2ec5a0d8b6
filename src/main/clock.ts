/**
 * The one place in the main process that reads the machine's clocks.
 * Everything else takes the clock it is given: the composition roots (the
 * app, the browser harness, the audit command) pass this one, tests pass a
 * clock placed where the test needs it (inside trading hours, inside IB's
 * nightly reset window, on a weekend), so no decision depends on the hour
 * the code happens to run at.
 */
export type WallClock = () => number;

export const systemWallClock: WallClock = () => Date.now();

/** For ages, waits and rates: never steps with the wall clock. */
export type MonotonicClock = () => number;

export const systemMonotonicClock: MonotonicClock = () => performance.now();
