/**
 * Waiting without sleeping: resolve when a condition holds, checked on every
 * event-loop turn (and at least every few ms), or fail at the deadline with a
 * description of what never happened.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | null,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  // A wait, not a time of day: the monotonic clock, so the machine's wall clock (faked or stepped) cannot stretch or cut it.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
