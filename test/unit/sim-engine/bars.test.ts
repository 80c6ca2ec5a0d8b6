import { describe, expect, it } from 'vitest';
import { BrokerEngine, ManualClock, type BarQuery } from '../../../src/sim/engine';
import { conIdOf, monday } from './support';

const q = (over: Partial<BarQuery>): BarQuery => ({ endDateTime: '', durationStr: '1 D', barSizeSetting: '5 mins', whatToShow: 'TRADES', useRTH: 1, ...over });

function setup(seed = 11, start = monday(9, 30)) {
  const clock = new ManualClock(start);
  const engine = new BrokerEngine({ seed, clock, tickIntervalMs: 1_000 });
  return { clock, engine, aapl: conIdOf(engine, 'AAPL') };
}

describe('historical bars', () => {
  it('end at the live price: the bar holding now closes at the last trade', () => {
    const { clock, engine, aapl } = setup();
    clock.advance(2 * 3600_000 + 7 * 60_000);
    const bars = engine.bars(aapl, q({}));
    const last = bars[bars.length - 1]!;
    expect(last.close).toBe(engine.quote(aapl).last);
    expect(last.time).toBe('20261123 11:35:00 US/Eastern');
    expect(bars[0]!.time).toBe('20261123 09:30:00 US/Eastern');
    // Today's daily bar carries the live day's range and volume; yesterday's closes at the previous close.
    const days = engine.bars(aapl, q({ durationStr: '5 D', barSizeSetting: '1 day' }));
    const quote = engine.quote(aapl);
    expect(days).toHaveLength(5);
    expect(days[4]).toMatchObject({ time: '20261123', open: quote.open, high: quote.high, low: quote.low, close: quote.last, volume: quote.volume });
    expect(days[3]).toMatchObject({ time: '20261120', close: quote.close });
    expect(days.map((b) => b.time)).toEqual(['20261117', '20261118', '20261119', '20261120', '20261123']);
    engine.close();
  });

  it('are the same for the same seed and clock', () => {
    const a = setup(11);
    const b = setup(11);
    a.clock.advance(3600_000);
    b.clock.advance(3600_000);
    const query = q({ durationStr: '2 D', barSizeSetting: '15 mins', useRTH: 0 });
    expect(a.engine.bars(a.aapl, query)).toEqual(b.engine.bars(b.aapl, query));
    const c = setup(12);
    c.clock.advance(3600_000);
    expect(c.engine.bars(c.aapl, query)).not.toEqual(a.engine.bars(a.aapl, query));
    for (const e of [a, b, c]) e.engine.close();
  });

  it('are well-formed OHLC bars covering the requested sessions', () => {
    const { clock, engine, aapl } = setup(4, monday(8));
    clock.advanceTo(monday(17, 5));
    const rth = engine.bars(aapl, q({ durationStr: '1 D', barSizeSetting: '5 mins', useRTH: true }));
    expect(rth).toHaveLength(78); // 09:30-16:00
    const ext = engine.bars(aapl, q({ durationStr: '1 D', barSizeSetting: '1 hour', useRTH: false }));
    expect(ext[0]!.time).toBe('20261123 04:00:00 US/Eastern');
    expect(ext[ext.length - 1]!.time).toBe('20261123 17:00:00 US/Eastern');
    const year = engine.bars(aapl, q({ durationStr: '1 Y', barSizeSetting: '1 day' }));
    expect(year.length).toBeGreaterThanOrEqual(250);
    expect(year.length).toBeLessThanOrEqual(253);
    for (const b of [...rth, ...year]) {
      expect(b.high!).toBeGreaterThanOrEqual(Math.max(b.open!, b.close!));
      expect(b.low!).toBeLessThanOrEqual(Math.min(b.open!, b.close!));
      expect(b.low!).toBeGreaterThan(0);
      expect(b.volume!).toBeGreaterThan(0);
    }
    // Weekends never appear in daily bars.
    const dows = year.map((b) => new Date(`${b.time!.slice(0, 4)}-${b.time!.slice(4, 6)}-${b.time!.slice(6, 8)}T12:00:00Z`).getUTCDay());
    expect(dows.some((d) => d === 0 || d === 6)).toBe(false);
    engine.close();
  });

  it('honour an end date in the past and second-counted durations', () => {
    const { clock, engine, aapl } = setup(4, monday(9, 30));
    clock.advanceTo(monday(15));
    const until = engine.bars(aapl, q({ endDateTime: '20261123 12:00:00 US/Eastern', durationStr: '3600 S', barSizeSetting: '1 min' }));
    expect(until).toHaveLength(60);
    expect(until[0]!.time).toBe('20261123 11:00:00 US/Eastern');
    expect(until[59]!.time).toBe('20261123 11:59:00 US/Eastern');
    // The same minutes, asked for as part of a longer window, are the same bars.
    const all = engine.bars(aapl, q({ durationStr: '1 D', barSizeSetting: '1 min' }));
    const at = all.findIndex((b) => b.time === until[0]!.time);
    expect(all.slice(at, at + 60)).toEqual(until);
    const utc = engine.bars(aapl, q({ endDateTime: '20261123-17:00:00', durationStr: '1800 S', barSizeSetting: '1 min' }));
    expect(utc[utc.length - 1]!.time).toBe('20261123 11:59:00 US/Eastern');
    engine.close();
  });

  it('answer a full day of one-second bars', () => {
    const { clock, engine, aapl } = setup(4, monday(15));
    clock.advanceTo(monday(16, 30));
    const secs = engine.bars(aapl, q({ durationStr: '1 D', barSizeSetting: '1 secs' }));
    expect(secs).toHaveLength(6.5 * 3600);
    expect(secs[secs.length - 1]!.time).toBe('20261123 15:59:59 US/Eastern');
    expect(() => engine.bars(aapl, q({ durationStr: '2 Y', barSizeSetting: '1 min' }))).toThrow(/too many bars/);
    engine.close();
  });

  it('print bar times in Eastern time on both sides of the daylight-saving change', () => {
    const { engine, aapl } = setup(4, monday(12));
    // 1 November 2026 ends daylight saving; four weeks back from 23 November crosses it.
    const hours = engine.bars(aapl, q({ durationStr: '4 W', barSizeSetting: '1 hour' }));
    const firsts = new Map<string, string>();
    for (const b of hours) if (!firsts.has(b.time!.slice(0, 8))) firsts.set(b.time!.slice(0, 8), b.time!.slice(9, 17));
    expect(firsts.has('20261030')).toBe(true);
    expect(firsts.has('20261102')).toBe(true);
    expect(new Set(firsts.values())).toEqual(new Set(['09:30:00']));
    engine.close();
  });

  it('answer quote-based history without traded volume', () => {
    const { clock, engine, aapl } = setup();
    clock.advance(3600_000);
    const mid = engine.bars(aapl, q({ whatToShow: 'MIDPOINT' }));
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((b) => b.volume === -1)).toBe(true);
    engine.close();
  });

  it('refuse malformed requests with a reason', () => {
    const { engine, aapl } = setup();
    expect(() => engine.bars(aapl, q({ durationStr: '1 X' }))).toThrow(/duration/i);
    expect(() => engine.bars(aapl, q({ barSizeSetting: '7 mins' }))).toThrow(/bar size/i);
    expect(() => engine.bars(aapl, q({ whatToShow: 'OPTION_IMPLIED_VOLATILITY' }))).toThrow(/whatToShow/);
    expect(() => engine.bars(aapl, q({ endDateTime: 'yesterday' }))).toThrow(/end date/i);
    expect(() => engine.bars(1, q({}))).toThrow();
    engine.close();
  });

  it('group daily bars into weeks', () => {
    const { engine, aapl } = setup();
    const weeks = engine.bars(aapl, q({ durationStr: '1 M', barSizeSetting: '1 week' }));
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    expect(weeks.length).toBeLessThanOrEqual(6);
    expect(weeks[weeks.length - 1]!.close).toBe(engine.quote(aapl).last);
    engine.close();
  });

  it('weekly and monthly bars are whole calendar periods dated by their first trading day', () => {
    const { engine, aapl } = setup();
    const dow = (t: string): number => new Date(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T12:00:00Z`).getUTCDay();
    const weeks = engine.bars(aapl, q({ durationStr: '2 M', barSizeSetting: '1 week' }));
    expect(weeks).toHaveLength(9);
    expect(weeks.every((b) => dow(b.time!) === 1)).toBe(true);
    const days = engine.bars(aapl, q({ durationStr: '3 M', barSizeSetting: '1 day' }));
    // A week's bar spans exactly that week's daily bars.
    const week = weeks[weeks.length - 2]!;
    const ofWeek = days.filter((d) => d.time! >= week.time! && d.time! < weeks[weeks.length - 1]!.time!);
    expect(ofWeek).toHaveLength(5);
    expect(week).toMatchObject({ open: ofWeek[0]!.open, close: ofWeek[4]!.close, high: Math.max(...ofWeek.map((d) => d.high!)), volume: ofWeek.reduce((a, d) => a + d.volume!, 0) });
    const months = engine.bars(aapl, q({ durationStr: '1 Y', barSizeSetting: '1 month' }));
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.time!.slice(4, 6))).toEqual(['12', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11']);
    expect(months.every((m) => Number(m.time!.slice(6, 8)) <= 3)).toBe(true);
    expect(months[11]!.close).toBe(engine.quote(aapl).last);
    engine.close();
  });

  it('answer a short window long ago without generating everything since, agreeing with the daily bars', () => {
    const { engine, aapl } = setup();
    const minutes = engine.bars(aapl, q({ endDateTime: '20240103 16:00:00 US/Eastern', durationStr: '1 D', barSizeSetting: '1 min' }));
    expect(minutes).toHaveLength(390);
    expect(minutes[0]!.time).toBe('20240103 09:30:00 US/Eastern');
    const daily = engine.bars(aapl, q({ endDateTime: '20240104 00:00:00 US/Eastern', durationStr: '1 D', barSizeSetting: '1 day' }));
    expect(daily[0]!.time).toBe('20240103');
    expect(minutes[389]!.close).toBe(daily[0]!.close);
    engine.close();
  });
});
