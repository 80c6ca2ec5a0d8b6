import { describe, expect, it } from 'vitest';
import { inLiquidHours } from '../../../src/main/approvals/liquid-hours';
import { usRegularHoursOpen } from '../../../src/main/approvals/market-hours';

const HOURS = '20261123:0930-20261123:1600;20261126:CLOSED;20261127:0930-20261127:1300';

describe("regular hours from IB's contract details", () => {
  it('is open inside the session and closed outside it, in the contract time zone', () => {
    expect(inLiquidHours(HOURS, 'US/Eastern', Date.UTC(2026, 10, 23, 15, 0))).toBe(true); // 10:00 EST
    expect(inLiquidHours(HOURS, 'US/Eastern', Date.UTC(2026, 10, 23, 14, 0))).toBe(false); // 09:00 EST
    expect(inLiquidHours(HOURS, 'US/Eastern', Date.UTC(2026, 10, 23, 21, 0))).toBe(false); // 16:00 EST
  });

  it("knows holidays and half days that a fixed schedule does not", () => {
    const thanksgivingNoon = Date.UTC(2026, 10, 26, 17, 0);
    expect(usRegularHoursOpen(thanksgivingNoon)).toBe(true);
    expect(inLiquidHours(HOURS, 'US/Eastern', thanksgivingNoon)).toBe(false);
    expect(inLiquidHours(HOURS, 'US/Eastern', Date.UTC(2026, 10, 27, 19, 0))).toBe(false); // 14:00 on the half day
  });

  it('reads the older single-date format and says "unknown" for dates it does not cover', () => {
    expect(inLiquidHours('20261123:0930-1600', 'US/Eastern', Date.UTC(2026, 10, 23, 15, 0))).toBe(true);
    expect(inLiquidHours(HOURS, 'US/Eastern', Date.UTC(2026, 11, 15, 15, 0))).toBeUndefined();
  });

  it('says the hours cannot be read (null) for a zone the runtime does not know, so the desk never falls back to US hours for it', () => {
    // Tokyo's session, in a zone id the runtime cannot read, at 10:00 New York: US hours would call this open.
    const tokyo = '20261124:0900-20261124:1130;20261124:1230-20261124:1530';
    const tenInNewYork = Date.UTC(2026, 10, 24, 15, 0);
    expect(usRegularHoursOpen(tenInNewYork)).toBe(true);
    expect(inLiquidHours(tokyo, 'Not/AZone', tenInNewYork)).toBeNull();
    expect(inLiquidHours(HOURS, 'Not/AZone', Date.UTC(2026, 10, 23, 15, 0))).toBeNull();
  });
});
