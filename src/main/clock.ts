/**
 * The one place in the main process that reads the machine's wall clock.
 * Everything else takes the clock it is given: the composition roots (the
 * app, the browser harness, the audit command) pass this one, tests pass a
 * clock placed where the test needs it (inside trading hours, inside IB's
 * nightly reset window, on a weekend), so no decision depends on the hour
 * the code happens to run at.
 */
export type WallClock = () => number;

export const systemWallClock: WallClock = () => Date.now();
