import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, exchangeDate, exchangeHolidays, isTradingDay, sessionClosed, tradingDayAfter, tradingDaysBetween } from '../../../src/main/journal/exchange-calendar';

describe('the exchange calendar', () => {
  it('knows the 2026 NYSE holidays, with Independence Day kept on Friday 3 July', () => {
    expect([...exchangeHolidays(2026)].sort()).toEqual(['20260101', '20260119', '20260216', '20260403', '20260525', '20260619', '20260703', '20260907', '20261126', '20261225']);
  });

  it('moves weekend holidays to the Friday before or the Monday after, except a Saturday New Year', () => {
    const y2027 = exchangeHolidays(2027);
    expect(y2027.has('20270618')).toBe(true); // Juneteenth on a Saturday
    expect(y2027.has('20271224')).toBe(true); // Christmas on a Saturday
    expect(y2027.has('20270705')).toBe(true); // Independence Day on a Sunday
    expect(isTradingDay('20271231')).toBe(true); // New Year 2028 is a Saturday: no holiday on the Friday before
    expect(exchangeHolidays(2028).has('20271231')).toBe(false);
    expect(exchangeHolidays(2021).has('20210618')).toBe(false); // Juneteenth closes the market from 2022
  });

  it('counts horizons in trading days across weekends and Thanksgiving', () => {
    expect(tradingDayAfter('20261125', 1)).toBe('20261127'); // Wednesday -> Friday (Thanksgiving skipped)
    expect(tradingDayAfter('20261120', 1)).toBe('20261123'); // Friday -> Monday
    expect(tradingDayAfter('20261121', 1)).toBe('20261123'); // a Saturday fill counts from Monday
    expect(tradingDayAfter('20261125', 5)).toBe('20261203');
    expect(tradingDayAfter('20261125', 20)).toBe('20261224');
    expect(tradingDayAfter('20261218', 5)).toBe('20261228'); // Christmas on a Friday
    expect(tradingDaysBetween('20261125', '20261224')).toBe(20);
    expect(tradingDaysBetween('20261125', '20261125')).toBe(0);
    expect(calendarDaysBetween('20261125', '20261224')).toBe(29);
    expect(calendarDaysBetween('20261231', '20270101')).toBe(1);
  });

  it('dates an instant in the exchange zone and knows when a session has closed', () => {
    // 2026-11-27 21:30 UTC is 16:30 Eastern on Friday; 03:00 UTC on the 28th is still Friday evening in New York.
    expect(exchangeDate(Date.UTC(2026, 10, 28, 3, 0))).toBe('20261127');
    expect(sessionClosed('20261127', Date.UTC(2026, 10, 27, 20, 59))).toBe(false);
    expect(sessionClosed('20261127', Date.UTC(2026, 10, 27, 21, 0))).toBe(true);
    expect(sessionClosed('20261127', Date.UTC(2026, 10, 26, 23, 0))).toBe(false);
  });
});

describe('the exchange date', () => {
  it('agrees with the time-zone database every half hour across both 2026 clock changes and a year boundary', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
    const viaIntl = (at: number): string => intl.format(at).replace(/-/g, '');
    for (const [from, to] of [
      [Date.UTC(2026, 2, 6), Date.UTC(2026, 2, 10)],
      [Date.UTC(2026, 9, 30), Date.UTC(2026, 10, 3)],
      [Date.UTC(2026, 11, 30), Date.UTC(2027, 0, 2)],
      [Date.UTC(2005, 3, 1), Date.UTC(2005, 3, 4)],
    ] as const) {
      for (let at = from; at < to; at += 1_800_000) expect(exchangeDate(at), new Date(at).toISOString()).toBe(viaIntl(at));
    }
  });
});
