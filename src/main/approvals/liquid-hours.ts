import { hms, isKnownZone, ymd, zonedParts } from '../../shared/zoned-time';

/**
 * Whether `at` falls in a contract's regular (liquid) hours, as IB states
 * them in its contract details: "20261123:0930-20261123:1600;20261128:CLOSED"
 * in the contract's own time zone (older gateways: "20261123:0930-1600").
 * IB's own calendar knows holidays and half days; a fixed 09:30-16:00 does not.
 * Undefined when the string does not cover `at`'s date (then the caller falls back).
 * Null when the zone is one the runtime does not know: the hours cannot be
 * read at all, and the caller must treat them as unknown, never fall back to
 * US hours (a Tokyo contract would be "open" at 10:00 in New York).
 */
export function inLiquidHours(liquidHours: string, timeZoneId: string, at: number): boolean | undefined | null {
  const local = localStamp(at, timeZoneId);
  if (!local) return null;
  const today = local.slice(0, 8);
  let coversToday = false;
  for (const session of liquidHours.split(';')) {
    const part = session.trim();
    if (!part) continue;
    if (part.endsWith(':CLOSED')) {
      if (part.startsWith(today)) coversToday = true;
      continue;
    }
    const match = /^(\d{8}):(\d{4})-(?:(\d{8}):)?(\d{4})$/.exec(part);
    if (!match) continue;
    const [, startDay = '', startTime = '', endDayRaw, endTime = ''] = match;
    const start = `${startDay}${startTime}`;
    const end = `${endDayRaw ?? startDay}${endTime}`;
    if (startDay === today || (endDayRaw ?? startDay) === today) coversToday = true;
    if (local >= start && local < end) return true;
  }
  return coversToday ? false : undefined;
}

/** yyyymmddhhmm in the given zone, or undefined for a zone the runtime does not know. */
function localStamp(at: number, timeZone: string): string | undefined {
  if (!isKnownZone(timeZone)) return undefined;
  const p = zonedParts(timeZone, at);
  return `${ymd(p)}${hms(p).slice(0, 5).replace(':', '')}`;
}
