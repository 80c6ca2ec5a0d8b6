import { describe, expect, it } from 'vitest';
import { worldListings } from '../../../src/sim/engine/world-catalogue';
import { closeOutOf, firstNoticeDay, settlementOf } from '../../../src/shared/futures-delivery';

/**
 * IB's API says nothing of how a future settles or when its first notice
 * is, so the app knows them from the exchanges' rules; the demo gateway's
 * catalogue lists its futures with the same rules. They must agree, or the
 * demo would teach the wrong roll dates.
 */
describe('first notice days of the demo gateway\'s futures', () => {
  const futures = (at: number) => worldListings(at).filter((l) => l.spec?.secType === 'FUT');

  it('lists gold, crude and the 10-year note as physically delivered with their first notice days, the index futures as cash-settled', () => {
    const listed = futures(Date.UTC(2026, 10, 2, 15));
    const of = (local: string) => listed.find((l) => l.spec!.localSymbol === local)!.spec!;
    expect(of('GCZ6')).toMatchObject({ settlement: 'physical', lastTradeDate: '20261229', firstNoticeDate: '20261130' });
    expect(of('ZNZ6')).toMatchObject({ settlement: 'physical', lastTradeDate: '20261222', firstNoticeDate: '20261130' });
    expect(of('CLF7')).toMatchObject({ settlement: 'physical', lastTradeDate: '20261222', firstNoticeDate: '20261223' });
    expect(of('ESZ6')).toMatchObject({ settlement: 'cash' });
    expect(of('ESZ6').firstNoticeDate).toBeUndefined();
  });

  it('agree with the app\'s rules for every contract month listed over two years', () => {
    let checked = 0;
    for (let month = 0; month < 24; month++) {
      for (const l of futures(Date.UTC(2026, month, 15, 15))) {
        const s = l.spec!;
        expect(settlementOf(l.symbol), s.localSymbol).toBe(s.settlement);
        expect(firstNoticeDay(l.symbol, s.lastTradeDate!), s.localSymbol).toBe(s.firstNoticeDate ?? null);
        // A long in a physically delivered future is closed out before first notice and before the last trade.
        const closeOut = closeOutOf(l.symbol, s.lastTradeDate!, 1).date;
        expect(closeOut <= s.lastTradeDate! && (s.firstNoticeDate === undefined || closeOut < s.firstNoticeDate), s.localSymbol).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});
