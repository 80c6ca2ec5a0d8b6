// TWS prints times in the exchange's zone (US/Eastern for everything we list).
import { hms, ymd, zoneAbbreviation, zonedParts } from '../../shared/zoned-time';

const EASTERN = 'America/New_York';

/** "yyyymmdd hh:mm:ss TZ", as in the server hello (e.g. "20240102 10:00:00 EST"). */
export function twsConnectionTime(ms: number): string {
  return `${twsDateTime(ms)} ${zoneAbbreviation(EASTERN, ms)}`;
}

/** "HH:MM" of an account update, Eastern time. */
export function twsAccountTime(ms: number): string {
  return hms(zonedParts(EASTERN, ms)).slice(0, 5);
}

/** "yyyymmdd hh:mm:ss", Eastern: the range stamps of a historical data answer. */
export function twsDateTime(ms: number): string {
  const p = zonedParts(EASTERN, ms);
  return `${ymd(p)} ${hms(p)}`;
}
