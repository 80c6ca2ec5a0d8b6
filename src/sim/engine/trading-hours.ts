// US equity sessions: pre-market 04:00, regular 09:30-16:00, after-hours to
// 20:00 Eastern, weekends closed. Exchange holidays are not modelled.
// 'always-open' makes every hour of every day a regular session, so a demo
// started on a Saturday night still has a moving market that fills orders;
// DAY orders then last until Eastern midnight.
import { addDays, easternParts, easternToMs, ymd } from './eastern-time';

export type SessionPhase = 'closed' | 'pre' | 'rth' | 'post';
export type MarketHours = 'us-equities' | 'always-open';

export interface TradingDay {
  /** Eastern midnight that starts the day, and the next one. */
  start: number;
  end: number;
  weekday: number;
  tradingDay: boolean;
  extendedOpen: number;
  open: number;
  close: number;
  extendedClose: number;
  /** "yyyyMMdd". */
  date: string;
}

/** Caches the current day's boundaries so per-tick checks cost two comparisons. */
export class TradingCalendar {
  private cached: TradingDay | undefined;

  constructor(private readonly hours: MarketHours = 'us-equities') {}

  day(ms: number): TradingDay {
    const c = this.cached;
    if (c && ms >= c.start && ms < c.end) return c;
    const d = tradingDay(ms, this.hours);
    this.cached = d;
    return d;
  }

  phase(ms: number): SessionPhase {
    const d = this.day(ms);
    if (!d.tradingDay || ms < d.extendedOpen || ms >= d.extendedClose) return 'closed';
    if (ms < d.open) return 'pre';
    if (ms < d.close) return 'rth';
    return 'post';
  }
}

export function tradingDay(ms: number, hours: MarketHours = 'us-equities'): TradingDay {
  const p = easternParts(ms);
  const next = addDays(p, 1);
  const at = (h: number, m: number): number => easternToMs(p.year, p.month, p.day, h, m);
  if (hours === 'always-open') {
    const start = at(0, 0);
    const end = easternToMs(next.year, next.month, next.day);
    return { start, end, weekday: p.weekday, tradingDay: true, extendedOpen: start, open: start, close: end, extendedClose: end, date: ymd(p) };
  }
  return {
    start: at(0, 0),
    end: easternToMs(next.year, next.month, next.day),
    weekday: p.weekday,
    tradingDay: p.weekday >= 1 && p.weekday <= 5,
    extendedOpen: at(4, 0),
    open: at(9, 30),
    close: at(16, 0),
    extendedClose: at(20, 0),
    date: ymd(p),
  };
}

/** IB's tradingHours / liquidHours strings for `days` calendar days from ms's Eastern date. */
export function hoursStrings(ms: number, days = 7, hours: MarketHours = 'us-equities'): { tradingHours: string; liquidHours: string } {
  const p = easternParts(ms);
  const trading: string[] = [];
  const liquid: string[] = [];
  for (let i = 0; i < days; i++) {
    const d = addDays(p, i);
    const date = ymd(d);
    if (hours === 'always-open') {
      const next = ymd(addDays(d, 1));
      trading.push(`${date}:0000-${next}:0000`);
      liquid.push(`${date}:0000-${next}:0000`);
    } else if (d.weekday === 0 || d.weekday === 6) {
      trading.push(`${date}:CLOSED`);
      liquid.push(`${date}:CLOSED`);
    } else {
      trading.push(`${date}:0400-${date}:2000`);
      liquid.push(`${date}:0930-${date}:1600`);
    }
  }
  return { tradingHours: trading.join(';'), liquidHours: liquid.join(';') };
}
