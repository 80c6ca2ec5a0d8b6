import { isKnownZone, zonedInstant } from '../../shared/zoned-time';

/**
 * IB's bar times: "20261123" (a day), "20261123 14:30:00 US/Eastern" (a time
 * in a named zone), "20261123 14:30:00" (the gateway's zone, taken as
 * US/Eastern), or epoch seconds (formatDate=2). Returns epoch ms, or NaN.
 */
export function parseIbTime(text: string, defaultZone = 'America/New_York'): number {
  const value = text.trim();
  if (/^\d{9,10}$/.test(value)) return Number(value) * 1000;
  const day = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (day) return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const stamp = /^(\d{4})(\d{2})(\d{2})[ -]+(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/.exec(value);
  if (!stamp) return Number.NaN;
  const [, y, mo, d, h, mi, s, zone] = stamp;
  const timeZone = zone ?? defaultZone;
  // A zone the runtime does not know gives no instant, never a guess at UTC.
  if (!isKnownZone(timeZone)) return Number.NaN;
  return zonedInstant(timeZone, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
}
