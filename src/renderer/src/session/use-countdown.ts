import { useWallClock } from '../use-wall-clock';

/** Seconds until `at` (epoch ms), refreshed every second; undefined when there is no target. */
export function useCountdown(at: number | undefined): number | undefined {
  const now = useWallClock(1000, at !== undefined);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}
