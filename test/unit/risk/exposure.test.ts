import { describe, expect, it } from 'vitest';
import { orderNotional, positionChange, referencePrice, valuationPrice } from '../../../src/main/risk/exposure';
import { AAPL, context, draft, now, withAccount } from './support';

describe('exposure', () => {
  it('reads a sale of part of a long as reducing, and a sale past zero as a flip that increases', () => {
    expect(positionChange(context(), draft({ side: 'SELL', quantity: 40 }))).toEqual({ before: 100, after: 60, closes: 40, effect: 'reduces' });
    expect(positionChange(context(), draft({ side: 'SELL', quantity: 100 }))).toMatchObject({ after: 0, effect: 'reduces' });
    expect(positionChange(context(), draft({ side: 'SELL', quantity: 130 }))).toEqual({ before: 100, after: -30, closes: 100, effect: 'increases' });
    expect(positionChange(context(), draft({ side: 'BUY', quantity: 1 }))).toMatchObject({ closes: 0, effect: 'increases' });
  });

  it('treats buying back part of a short as reducing', () => {
    const short = withAccount({ positions: { [AAPL]: { qty: -50, marketValue: -9500, openedTodayQty: 0 } } });
    expect(positionChange(short, draft({ side: 'BUY', quantity: 20 }))).toMatchObject({ after: -30, effect: 'reduces' });
  });

  it('prices a buy at the ask and a sell at the bid, falling back to the last', () => {
    expect(referencePrice(context().quote, 'BUY')).toEqual({ price: 190, source: 'ask' });
    expect(referencePrice(context().quote, 'SELL')).toEqual({ price: 189.9, source: 'bid' });
    expect(referencePrice({ symbol: 'AAPL', bid: null, ask: 0, last: 12, at: now, delayed: false }, 'BUY')).toEqual({ price: 12, source: 'last' });
    expect(referencePrice(null, 'BUY')).toBeNull();
  });

  it('values an order at the higher of the market and its own price', () => {
    expect(valuationPrice(context(), draft({ limitPrice: 150 }))).toBe(190);
    expect(valuationPrice(context(), draft({ limitPrice: 195 }))).toBe(195);
    expect(orderNotional(context({ quote: null }), draft({ orderType: 'MKT', limitPrice: undefined }))).toBeNull();
  });
});
