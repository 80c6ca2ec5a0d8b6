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
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const timeZone = zone ?? defaultZone;
  // The zone's offset at that wall time (twice, to settle across a DST change).
  let at = wall - offsetOf(wall, timeZone);
  at = wall - offsetOf(at, timeZone);
  return at;
}

function offsetOf(at: number, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (at - (at % 1000));
  } catch {
    return 0;
  }
}
