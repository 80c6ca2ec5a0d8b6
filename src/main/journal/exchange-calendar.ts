/**
 * The US equity exchanges' trading days (NYSE and Nasdaq share one holiday
 * calendar): Monday to Friday except the exchange holidays, by the rules the
 * exchanges publish. market-hours.ts answers "is the market open now" from
 * the weekday alone, and IB's liquidHours strings name closed days only a week
 * ahead; a journal horizon 20 trading days out needs the whole calendar.
 * Dates are the exchange's own "yyyymmdd" (US/Eastern).
 */

const DAY_MS = 86_400_000;

// Made once: building a DateTimeFormat costs far more than using one.
const easternDate = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
const easternMinute = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const HOUR_MS = 3_600_000;

/**
 * US/Eastern's offset from UTC in hours by the US daylight-saving rule in
 * force since 2007 (second Sunday of March 02:00 to first Sunday of November
 * 02:00, local): arithmetic, because the review dates thousands of fills and
 * Intl costs microseconds a call. Earlier years ask Intl.
 */
const summerTime = new Map<number, { start: number; end: number }>();

function easternOffsetHours(at: number): number | undefined {
  const year = new Date(at).getUTCFullYear();
  if (year < 2007) return undefined;
  let dst = summerTime.get(year);
  if (!dst) {
    dst = { start: nthWeekday(year, 3, 0, 2) + 7 * HOUR_MS, end: nthWeekday(year, 11, 0, 1) + 6 * HOUR_MS }; // 02:00 EST, 02:00 EDT
    summerTime.set(year, dst);
  }
  return at >= dst.start && at < dst.end ? -4 : -5;
}

/** The exchange date ("yyyymmdd", US/Eastern) that `at` falls on. */
export function exchangeDate(at: number): string {
  const offset = easternOffsetHours(at);
  if (offset !== undefined) return stamp(at + offset * HOUR_MS);
  const parts = easternDate.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** Minutes after midnight, US/Eastern. */
function easternMinuteOfDay(at: number): number {
  const parts = easternMinute.formatToParts(at);
  return Number(parts.find((p) => p.type === 'hour')?.value ?? 0) * 60 + Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
}

/** The regular session's close: 16:00 US/Eastern. */
const CLOSE_MINUTE = 16 * 60;

function civil(date: string): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(4, 6)), d: Number(date.slice(6, 8)) };
}

function stamp(utcMs: number): string {
  const d = new Date(utcMs);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function utcDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d);
}

function weekday(date: string): number {
  const { y, m, d } = civil(date);
  return new Date(utcDay(y, m, d)).getUTCDay();
}

/** The n-th given weekday (0 = Sunday) of a month; n = -1 is the last. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = new Date(utcDay(y, m, 1)).getUTCDay();
    return utcDay(y, m, 1 + ((wd - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(utcDay(y, m + 1, 0));
  return lastDay.getTime() - ((lastDay.getUTCDay() - wd + 7) % 7) * DAY_MS;
}

/** Easter Sunday (anonymous Gregorian computus). */
function easter(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(y, month, day);
}

/** A fixed-date holiday on a weekend is kept on the Friday before or the Monday after. */
function observed(utcMs: number): number {
  const wd = new Date(utcMs).getUTCDay();
  if (wd === 6) return utcMs - DAY_MS;
  if (wd === 0) return utcMs + DAY_MS;
  return utcMs;
}

const holidayCache = new Map<number, Set<string>>();

/** The exchange holidays of a year. */
export function exchangeHolidays(y: number): Set<string> {
  const cached = holidayCache.get(y);
  if (cached) return cached;
  const days: number[] = [
    nthWeekday(y, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(y, 2, 1, 3), // Washington's Birthday
    easter(y) - 2 * DAY_MS, // Good Friday
    nthWeekday(y, 5, 1, -1), // Memorial Day
    observed(utcDay(y, 7, 4)), // Independence Day
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 11, 4, 4), // Thanksgiving
    observed(utcDay(y, 12, 25)), // Christmas
  ];
  if (y >= 2022) days.push(observed(utcDay(y, 6, 19))); // Juneteenth
  // New Year's Day on a Saturday is not moved to the Friday before (that Friday closes the old year's books).
  const newYear = utcDay(y, 1, 1);
  if (new Date(newYear).getUTCDay() !== 6) days.push(observed(newYear));
  const set = new Set(days.map(stamp));
  holidayCache.set(y, set);
  return set;
}

export function isTradingDay(date: string): boolean {
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && !exchangeHolidays(civil(date).y).has(date);
}

function nextDate(date: string): string {
  const { y, m, d } = civil(date);
  return stamp(utcDay(y, m, d) + DAY_MS);
}

/** The n-th trading day strictly after `date` (n >= 1). */
export function tradingDayAfter(date: string, n: number): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = nextDate(day);
    if (isTradingDay(day)) left -= 1;
  }
  return day;
}

/** Trading days strictly after `from`, up to and including `to`. */
export function tradingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = nextDate(from); day <= to; day = nextDate(day)) if (isTradingDay(day)) count += 1;
  return count;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  const a = civil(from);
  const b = civil(to);
  return Math.round((utcDay(b.y, b.m, b.d) - utcDay(a.y, a.m, a.d)) / DAY_MS);
}

/** Whether the regular session of `date` has closed at `now`: its close is final. */
export function sessionClosed(date: string, now: number): boolean {
  const today = exchangeDate(now);
  return today > date || (today === date && easternMinuteOfDay(now) >= CLOSE_MINUTE);
}
