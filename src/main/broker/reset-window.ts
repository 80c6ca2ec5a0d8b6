import { zonedParts } from '../../shared/zoned-time';

/**
 * IB restarts its servers every night. North America: about 23:45-00:45
 * US/Eastern, Sunday to Friday nights. Inside the window a lost connection is
 * expected, so the session waits for the end instead of hammering the
 * gateway with reconnects.
 */
export interface ResetWindow {
  /** Minutes after local midnight in the window's time zone. */
  startMinute: number;
  durationMinutes: number;
  timeZone: string;
}

export const NORTH_AMERICA_RESET: ResetWindow = { startMinute: 23 * 60 + 45, durationMinutes: 60, timeZone: 'America/New_York' };

/** If `at` falls inside the window, the epoch ms when it ends; otherwise undefined. */
export function resetWindowEnd(at: number, window: ResetWindow = NORTH_AMERICA_RESET): number | undefined {
  const minuteOfDay = zonedMinuteOfDay(at, window.timeZone);
  const end = window.startMinute + window.durationMinutes;
  let minutesLeft: number | undefined;
  if (minuteOfDay >= window.startMinute && minuteOfDay < Math.min(end, 1440)) {
    minutesLeft = end - minuteOfDay;
  } else if (end > 1440 && minuteOfDay < end - 1440) {
    minutesLeft = end - 1440 - minuteOfDay;
  }
  if (minutesLeft === undefined) return undefined;
  const secondsIntoMinute = Math.floor(at / 1000) % 60;
  return at - (at % 1000) - secondsIntoMinute * 1000 + minutesLeft * 60_000;
}

function zonedMinuteOfDay(at: number, timeZone: string): number {
  const local = zonedParts(timeZone, at);
  return local.hour * 60 + local.minute;
}
