// US/Eastern wall-clock arithmetic for the demo gateway, over the app's one zoned-time module. Every listed
// product trades on US exchanges, and IB prints hours, bar times and
// execution times in the exchange's zone, daylight saving included.

import { zonedInstant, zonedParts, zoneOffsetMs, type ZonedParts } from '../../shared/zoned-time';

const EASTERN = 'America/New_York';

export type EasternParts = ZonedParts;

export function easternParts(ms: number): EasternParts {
  return zonedParts(EASTERN, ms);
}

/** The instant of an Eastern wall-clock time (month 1-12). */
export function easternToMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return zonedInstant(EASTERN, year, month, day, hour, minute, second);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "yyyyMMdd" of an Eastern date. */
export function ymd(p: Pick<EasternParts, 'year' | 'month' | 'day'>): string {
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

/** "yyyyMMdd  HH:mm:ss", the execution time format (two spaces, as TWS writes it). */
export function executionTime(ms: number): string {
  const p = easternParts(ms);
  return `${ymd(p)}  ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** Eastern wall clock minus UTC at ms, in ms (-4 or -5 hours). */
export function easternOffset(ms: number): number {
  return zoneOffsetMs(EASTERN, ms);
}

/**
 * "yyyyMMdd HH:mm:ss US/Eastern", the intraday bar time format at formatDate=1.
 * Pass the offset when formatting many times within a day: Intl is slow.
 */
export function barTime(ms: number, offset = easternOffset(ms)): string {
  const d = new Date(ms + offset);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} US/Eastern`;
}

/** Adds whole calendar days to an Eastern date. */
export function addDays(p: Pick<EasternParts, 'year' | 'month' | 'day'>, days: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/**
 * Parses IB's date-time arguments: "yyyyMMdd HH:mm:ss" (Eastern),
 * "yyyyMMdd HH:mm:ss US/Eastern", "yyyyMMdd-HH:mm:ss" (UTC), "yyyyMMdd HH:mm:ss UTC".
 * Returns undefined for anything else.
 */
export function parseIbDateTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:([ -]+)(\d{2}):(\d{2}):(\d{2}))?(?:\s+(\S+))?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  const zone = m[8];
  const utc = (m[4] ?? '').includes('-') || zone === 'UTC' || zone === 'GMT';
  if (utc) return Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone && !/^(US\/Eastern|America\/New_York|EST|EDT|EST5EDT)$/.test(zone)) return undefined;
  return easternToMs(y, mo, d, h, mi, s);
}
