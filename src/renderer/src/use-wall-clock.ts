import { useEffect, useState } from 'react';
import { clock, onClockAnchored } from './clock';

/** Main's wall clock, re-read every `intervalMs` and as soon as main's clock is first known. */
export function useWallClock(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => clock.wallNow());
  useEffect(() => {
    if (!active) return undefined;
    const tick = (): void => setNow(clock.wallNow());
    tick();
    const timer = setInterval(tick, intervalMs);
    const stop = onClockAnchored(tick);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [intervalMs, active]);
  return now;
}
