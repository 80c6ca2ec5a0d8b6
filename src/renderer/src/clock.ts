/**
 * The renderer's one clock. Every age and countdown on screen compares with a
 * time main stamped (a draft's createdAt, the session's next attempt, the
 * end of do-not-disturb), so the renderer keeps main's clock, not the
 * machine's: main sends its wall time with the app info, and from there the
 * renderer counts on its monotonic clock. Under a test clock (the harness) or
 * a wall-clock step, ages stay what main means by them.
 */

export interface RendererClock {
  /** Main's wall clock, in epoch ms. */
  wallNow(): number;
  /** For waits and rates only (never shown as a time of day). */
  monotonicNow(): number;
}

interface Anchor {
  wall: number;
  monotonic: number;
}

let anchor: Anchor | undefined;

/** From the app info: main's wall time at the moment it answered. */
export function followMainClock(mainWallNow: number): void {
  anchor = { wall: mainWallNow, monotonic: performance.now() };
  for (const listener of anchorListeners) listener();
}

export const clock: RendererClock = {
  // Until main has answered, the page's own origin: the only moment the renderer reads the machine's clock.
  wallNow: () => (anchor ? anchor.wall + (performance.now() - anchor.monotonic) : performance.timeOrigin + performance.now()),
  monotonicNow: () => performance.now(),
};

const anchorListeners = new Set<() => void>();

/** Called when main's clock is (re)learnt, so a screen drawn before that redraws its ages. */
export function onClockAnchored(listener: () => void): () => void {
  anchorListeners.add(listener);
  return () => anchorListeners.delete(listener);
}
