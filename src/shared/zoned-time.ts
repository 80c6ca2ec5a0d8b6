/**
 * The one place that turns an instant into a wall-clock time in a named zone
 * and back. Exchange hours, IB's nightly reset, IB's time stamps and the demo
 * gateway's clocks all go through here, so daylight saving and unknown zones
 * are handled once. It reads no clock: callers pass the instant from their
 * injected clock.
 *
 * Intl is the source of truth for offsets; it is slow, so a zone's offset is
 * looked up once per quarter hour (every real zone changes its offset on a
 * quarter-hour boundary of UTC) and reused.
 */

export interface ZonedParts {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

const QUARTER_HOUR = 15 * 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, { bucket: number; offset: number }>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    // Throws RangeError for a zone the runtime does not know: callers decide what that blocks.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Whether the runtime knows the zone (IANA names and IB's legacy ids such as "US/Eastern", "MET", "Japan"). */
export function isKnownZone(zone: string): boolean {
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock minus UTC at `at`, in ms. Throws RangeError for an unknown zone. */
export function zoneOffsetMs(zone: string, at: number): number {
  const bucket = Math.floor(at / QUARTER_HOUR);
  const cached = offsets.get(zone);
  if (cached && cached.bucket === bucket) return cached.offset;
  const start = bucket * QUARTER_HOUR;
  const p: Record<string, string> = {};
  for (const part of formatFor(zone).formatToParts(new Date(start))) p[part.type] = part.value;
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  const offset = wall - start;
  offsets.set(zone, { bucket, offset });
  return offset;
}

/** The wall-clock parts of `at` in the zone. Throws RangeError for an unknown zone. */
export function zonedParts(zone: string, at: number): ZonedParts {
  const d = new Date(at + zoneOffsetMs(zone, at));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The instant of a wall-clock time in the zone (month 1-12). A time that
 * occurs twice (the hour repeated when clocks go back) gives the first; a
 * time skipped when clocks go forward gives the instant an hour-shifted
 * clock would show it at, as the zone's own rules would read it.
 */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Settle the offset in force at the answer, from both sides of a change.
  const early = wall - zoneOffsetMs(zone, wall - 86_400_000);
  const late = wall - zoneOffsetMs(zone, wall + 86_400_000);
  const candidates = [early, late].filter((at) => at + zoneOffsetMs(zone, at) === wall).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0] as number;
  // In a skipped hour: read it with the offset before the change.
  return early;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "yyyymmdd" of a date's parts. */
export function ymd(p: Pick<ZonedParts, 'year' | 'month' | 'day'>): string {
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

/** "HH:mm:ss" of a time's parts. */
export function hms(p: Pick<ZonedParts, 'hour' | 'minute' | 'second'>): string {
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at `at` ("EST", "EDT", "GMT+1"), as TWS prints it in its hello. */
export function zoneAbbreviation(zone: string, at: number): string {
  let format = abbreviations.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    abbreviations.set(zone, format);
  }
  return format.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}
