import { describe, expect, it } from 'vitest';
import {
  anchorDate,
  entryFills,
  fillSlippage,
  horizonDate,
  legsOf,
  outcomesOf,
  pnlAt,
  positionClose,
  referencePrice,
  relationOf,
  weightedSlippage,
  type JournalEntry,
  type JournalExecution,
} from '../../../src/main/journal/journal-figures';

/** 2026-11-25 (a Wednesday before Thanksgiving) at hh:mm US/Eastern (UTC-5). */
const nov = (day: number, hh: number, mm = 0): number => Date.UTC(2026, 10, day, hh + 5, mm);

function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    draftId: 'd1',
    author: 'claude',
    account: 'DU1',
    conId: 265598,
    symbol: 'AAPL',
    secType: 'STK',
    side: 'BUY',
    quantity: 100,
    multiplier: 1,
    orderType: 'MKT',
    draftedAt: nov(25, 10),
    draftQuote: { bid: 99.9, ask: 100.1, last: 100 },
    positionBefore: 0,
    warned: false,
    decision: 'approved',
    decidedAt: nov(25, 10, 5),
    decisionQuote: { bid: 99.95, ask: 100, last: 99.98 },
    orderId: 7,
    clientId: 3,
    finalState: 'filled',
    ...over,
  };
}

function fill(execId: string, shares: number, price: number, at: number, over: Partial<JournalExecution> = {}): JournalExecution {
  return { execId, account: 'DU1', conId: 265598, side: 'BUY', shares, price, at, orderRef: 'd1', orderId: 7, clientId: 3, ...over };
}

describe('slippage against the quote at approval', () => {
  it('is positive when a buy pays more than the ask, in price and in basis points', () => {
    const [s] = fillSlippage(entry(), [fill('e1', 100, 100.05, nov(25, 10, 6))]);
    expect(s?.slippage).toBeCloseTo(0.05, 10);
    expect(s?.slippageBps).toBeCloseTo(5, 10);
  });

  it('is positive when a sell receives less than the bid, and negative when it receives more', () => {
    const sell = entry({ side: 'SELL' });
    const [worse, better] = fillSlippage(sell, [fill('e1', 50, 99.9, nov(25, 10, 6), { side: 'SELL' }), fill('e2', 50, 100, nov(25, 10, 7), { side: 'SELL' })]);
    expect(worse?.slippage).toBeCloseTo(0.05, 10); // bid 99.95, got 99.90
    expect(worse?.slippageBps).toBeCloseTo((0.05 / 99.95) * 10_000, 10);
    expect(better?.slippage).toBeCloseTo(-0.05, 10);
  });

  it('weights partial fills by their shares', () => {
    const fills = fillSlippage(entry(), [fill('e1', 30, 100.1, nov(25, 10, 6)), fill('e2', 70, 100, nov(25, 10, 7))]);
    const weighted = weightedSlippage(fills);
    expect(weighted?.slippage).toBeCloseTo((30 * 0.1 + 70 * 0) / 100, 10);
    expect(weighted?.slippageBps).toBeCloseTo(3, 10);
  });

  it('uses the last when the side of the quote is missing, and says nothing without a quote', () => {
    expect(referencePrice('BUY', { bid: null, ask: null, last: 50 })).toBe(50);
    expect(referencePrice('SELL', { bid: 49, ask: 51, last: 50 })).toBe(49);
    const [none] = fillSlippage(entry({ decisionQuote: null }), [fill('e1', 100, 100, nov(25, 10, 6))]);
    expect(none?.slippage).toBeNull();
    expect(weightedSlippage(none ? [none] : [])).toBeNull();
  });
});

describe('the fills that are the order', () => {
  it('are the entry order of our client only: not a bracket child, another client, or another contract', () => {
    const all = [
      fill('e1', 10, 100, nov(25, 10, 6)),
      fill('tp', 10, 110, nov(25, 11), { orderRef: 'd1:tp', orderId: 8, side: 'SELL' }),
      fill('other', 10, 100, nov(25, 10, 6), { clientId: 9 }),
      fill('wrong', 10, 100, nov(25, 10, 6), { conId: 1 }),
    ];
    expect(entryFills(entry(), all).map((f) => f.execId)).toEqual(['e1']);
  });
});

describe('P&L at the horizons', () => {
  it('counts trading days from the fill: Thanksgiving and the weekend do not count', () => {
    const legs = legsOf(entry(), [fill('e1', 100, 100, nov(25, 10, 6))]);
    const anchor = anchorDate(legs);
    expect(anchor).toBe('20261125');
    expect(horizonDate(anchor ?? '', 1)).toBe('20261127');
    expect(horizonDate(anchor ?? '', 5)).toBe('20261203');
    expect(horizonDate(anchor ?? '', 20)).toBe('20261224');
  });

  it('values each partial fill at its own price, and only fills held by that day', () => {
    const e = entry();
    const legs = legsOf(e, [fill('e1', 40, 100, nov(25, 10, 6)), fill('e2', 60, 101, nov(27, 10))]);
    // By the 25th close only the first 40 are held.
    expect(pnlAt(e, legs, 102, '20261125')).toBeCloseTo(40 * 2, 10);
    expect(pnlAt(e, legs, 102, '20261127')).toBeCloseTo(40 * 2 + 60 * 1, 10);
  });

  it('is the other way round for a sell, and scales with the multiplier', () => {
    const e = entry({ side: 'SELL', multiplier: 100 });
    const legs = legsOf(e, [fill('e1', 2, 5, nov(25, 10, 6), { side: 'SELL' })]);
    expect(pnlAt(e, legs, 4, '20261127')).toBeCloseTo(2 * 1 * 100, 10);
    expect(pnlAt(e, legs, 6, '20261127')).toBeCloseTo(-200, 10);
  });

  it('gives a rejected or expired draft the whole quantity at the quote it was decided against', () => {
    const rejected = entry({ decision: 'rejected', decisionQuote: { bid: 99, ask: 101, last: 100 }, decidedAt: nov(25, 15) });
    const legs = legsOf(rejected, []);
    expect(legs).toEqual([{ shares: 100, price: 101, date: '20261125' }]);
    expect(outcomesOf(rejected, legs, [{ horizon: '5d', sessionDate: '20261203', price: 103 }, { horizon: '1d', sessionDate: '20261127', price: 100 }])).toEqual([
      { horizon: '1d', sessionDate: '20261127', price: 100, pnl: -100 },
      { horizon: '5d', sessionDate: '20261203', price: 103, pnl: 200 },
    ]);
    const sellExpired = entry({ side: 'SELL', decision: 'expired', decisionQuote: { bid: 99, ask: 101, last: 100 } });
    expect(legsOf(sellExpired, [])[0]?.price).toBe(99);
    expect(legsOf(entry({ decision: 'rejected', decisionQuote: null }), [])).toEqual([]);
  });
});

describe('the close of the position', () => {
  const fills = [fill('e1', 100, 100, nov(25, 10, 6))];

  it('is the execution that brings an opened position back to zero, whoever placed it', () => {
    const later = [
      ...fills,
      fill('x1', 60, 104, nov(30, 11), { side: 'SELL', orderRef: '', orderId: 55, clientId: 0 }),
      fill('x2', 40, 105, nov(30, 12), { side: 'SELL', orderRef: '', orderId: 56, clientId: 0 }),
    ];
    expect(positionClose(entry(), fills, later)).toEqual({ at: nov(30, 12), price: 105 });
  });

  it('counts what was held before: adding to 50 shares needs 150 sold to close', () => {
    const e = entry({ positionBefore: 50 });
    const later = [...fills, fill('x1', 100, 104, nov(30, 11), { side: 'SELL', orderRef: '', orderId: 55 })];
    expect(positionClose(e, fills, later)).toBeNull();
    expect(positionClose(e, fills, [...later, fill('x2', 50, 103, nov(30, 12), { side: 'SELL', orderRef: '', orderId: 56 })])).toEqual({ at: nov(30, 12), price: 103 });
  });

  it('has none for an order that reduced a position, or one not filled', () => {
    const reducing = entry({ side: 'SELL', positionBefore: 200 });
    const sold = [fill('e1', 100, 100, nov(25, 10, 6), { side: 'SELL' })];
    expect(positionClose(reducing, sold, sold)).toBeNull();
    expect(positionClose(entry(), [], [])).toBeNull();
  });

  it('names the order adds to, goes against or opens a position', () => {
    expect(relationOf('BUY', 10)).toBe('adds');
    expect(relationOf('SELL', 10)).toBe('against');
    expect(relationOf('SELL', -10)).toBe('adds');
    expect(relationOf('BUY', 0)).toBe('opens');
    expect(relationOf('BUY', null)).toBe('unknown');
  });
});
