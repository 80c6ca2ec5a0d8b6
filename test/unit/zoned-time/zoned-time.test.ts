import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownZone, zoneAbbreviation, zonedInstant, zonedParts, zoneOffsetMs } from '../../../src/shared/zoned-time';
import { parseIbTime } from '../../../src/main/broker/ib-time';
import { inLiquidHours } from '../../../src/main/approvals/liquid-hours';
import { resetWindowEnd } from '../../../src/main/broker/reset-window';
import { usRegularHoursOpen } from '../../../src/main/approvals/market-hours';
import { twsConnectionTime } from '../../../src/sim/wire/tws-time';

// The zones the app meets: IB's exchanges (legacy ids included), and one with a half-hour daylight shift.
const ZONES = ['America/New_York', 'US/Eastern', 'America/Chicago', 'US/Central', 'Europe/Berlin', 'MET', 'Europe/London', 'Asia/Tokyo', 'Japan', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];

/** What Intl itself says, formatted from scratch: the reference the cached module must match. */
function intlParts(zone: string, at: number): Record<string, number> {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short' });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second), weekday: weekdays.indexOf(p.weekday ?? '') };
}

const Y2020 = Date.UTC(2020, 0, 1);
const Y2035 = Date.UTC(2035, 0, 1);

describe('zoned time', () => {
  it('gives the wall clock Intl gives, in every zone, at any instant (cache included)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Y2020, max: Y2035 }), fc.integer({ min: -3_600_000, max: 3_600_000 }), (zone, at, step) => {
        // Two nearby instants in a row: the second may hit the first's cached offset.
        expect(zonedParts(zone, at)).toEqual(intlParts(zone, at));
        expect(zonedParts(zone, at + step)).toEqual(intlParts(zone, at + step));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the minutes either side of a daylight-saving change right', () => {
    // New York springs forward at 07:00Z on 2026-03-08 and falls back at 06:00Z on 2026-11-01.
    const spring = Date.UTC(2026, 2, 8, 7);
    expect(zonedParts('America/New_York', spring - 1000)).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(zonedParts('America/New_York', spring)).toMatchObject({ hour: 3, minute: 0 });
    const fall = Date.UTC(2026, 10, 1, 6);
    expect(zonedParts('America/New_York', fall - 1000)).toMatchObject({ hour: 1, minute: 59 });
    expect(zonedParts('America/New_York', fall)).toMatchObject({ hour: 1, minute: 0 });
    // Lord Howe (UTC+10:30) moves by half an hour at 02:00 local on 2026-10-04 (15:30Z the day before).
    const lordHowe = Date.UTC(2026, 9, 3, 15, 30);
    expect(zonedParts('Australia/Lord_Howe', lordHowe - 1000)).toMatchObject({ hour: 1, minute: 59 });
    expect(zonedParts('Australia/Lord_Howe', lordHowe)).toMatchObject({ hour: 2, minute: 30 });
  });

  it('turns a wall-clock time back into the instant that shows it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Y2020 / 1000, max: Y2035 / 1000 }), (zone, seconds) => {
        const at = seconds * 1000;
        const p = zonedParts(zone, at);
        const back = zonedInstant(zone, p.year, p.month, p.day, p.hour, p.minute, p.second);
        // A repeated hour gives its first occurrence, which shows the same wall clock.
        expect(zonedParts(zone, back)).toEqual(p);
        expect(back).toBeLessThanOrEqual(at);
      }),
      { numRuns: 2000 },
    );
    // The repeated 01:30 in New York on 2026-11-01 is first 05:30Z (EDT).
    expect(zonedInstant('America/New_York', 2026, 11, 1, 1, 30)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    // The skipped 02:30 on 2026-03-08 reads as 03:30 EDT.
    expect(zonedInstant('America/New_York', 2026, 3, 8, 2, 30)).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it('knows IB legacy zone ids and refuses made-up ones', () => {
    expect(isKnownZone('US/Eastern')).toBe(true);
    expect(isKnownZone('MET')).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(() => zoneOffsetMs('Mars/Olympus', 0)).toThrow(RangeError);
    expect(zoneAbbreviation('America/New_York', Date.UTC(2026, 0, 2, 15))).toBe('EST');
    expect(zoneAbbreviation('America/New_York', Date.UTC(2026, 6, 2, 15))).toBe('EDT');
  });
});

describe('the readers built on it', () => {
  it('an IB time stamp in a zone the runtime does not know is no instant, not UTC', () => {
    // Before: the offset lookup swallowed the error and read the stamp as UTC.
    expect(parseIbTime('20261123 14:30:00 Mars/Olympus')).toBeNaN();
    expect(parseIbTime('20261123 14:30:00 US/Eastern')).toBe(Date.UTC(2026, 10, 23, 19, 30));
    expect(parseIbTime('20260708 09:30:00 Europe/Berlin')).toBe(Date.UTC(2026, 6, 8, 7, 30));
  });

  it('liquid hours, the reset window, US hours and the TWS hello agree with the zone across a change', () => {
    // 09:30 New York on the Monday after the spring change is 13:30Z (EDT), not 14:30Z.
    const open = Date.UTC(2026, 2, 9, 13, 30);
    expect(usRegularHoursOpen(open)).toBe(true);
    expect(usRegularHoursOpen(open - 60_000)).toBe(false);
    expect(inLiquidHours('20260309:0930-20260309:1600', 'US/Eastern', open)).toBe(true);
    expect(inLiquidHours('20260309:0930-20260309:1600', 'US/Eastern', open - 60_000)).toBe(false);
    // An unknown zone: the hours cannot be read at all (null), not merely not covering the day.
    expect(inLiquidHours('20260309:0930-20260309:1600', 'Mars/Olympus', open)).toBeNull();
    // 23:50 Eastern on Wednesday 2026-12-02 (04:50Z Thursday) is inside the reset window, which ends 00:45.
    expect(resetWindowEnd(Date.UTC(2026, 11, 3, 4, 50))).toBe(Date.UTC(2026, 11, 3, 5, 45));
    expect(twsConnectionTime(Date.UTC(2026, 6, 2, 14, 0, 5))).toBe('20260702 10:00:05 EDT');
  });
});
