import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../src/main/broker/backoff';
import { resetWindowEnd } from '../../../src/main/broker/reset-window';

describe("IB's nightly reset window (23:45-00:45 US/Eastern)", () => {
  it('is recognised before and after midnight, in winter and summer time', () => {
    // 2026-11-24 04:50 UTC = 23:50 EST.
    const evening = Date.UTC(2026, 10, 24, 4, 50, 0);
    expect(resetWindowEnd(evening)).toBe(Date.UTC(2026, 10, 24, 5, 45, 0));
    // 00:30 EST
    const night = Date.UTC(2026, 10, 24, 5, 30, 0);
    expect(resetWindowEnd(night)).toBe(Date.UTC(2026, 10, 24, 5, 45, 0));
    // 23:50 EDT in July = 03:50 UTC.
    expect(resetWindowEnd(Date.UTC(2026, 6, 15, 3, 50, 0))).toBe(Date.UTC(2026, 6, 15, 4, 45, 0));
  });

  it('is not in force during the trading day or just outside the window', () => {
    expect(resetWindowEnd(Date.UTC(2026, 10, 23, 15, 0, 0))).toBeUndefined();
    expect(resetWindowEnd(Date.UTC(2026, 10, 24, 4, 44, 0))).toBeUndefined();
    expect(resetWindowEnd(Date.UTC(2026, 10, 24, 5, 45, 0))).toBeUndefined();
  });
});

describe('reconnect backoff', () => {
  it('grows with the attempt, stays under the cap, and is jittered', () => {
    const options = { initialMs: 1000, maxMs: 30_000 };
    expect(reconnectDelay(1, { ...options, random: () => 0 })).toBe(500);
    expect(reconnectDelay(1, { ...options, random: () => 1 })).toBe(1000);
    expect(reconnectDelay(4, { ...options, random: () => 1 })).toBe(8000);
    expect(reconnectDelay(20, { ...options, random: () => 1 })).toBe(30_000);
    expect(reconnectDelay(20, { ...options, random: () => 0 })).toBe(15_000);
  });
});
