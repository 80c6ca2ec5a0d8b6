import { describe, expect, it } from 'vitest';
import { priceCollar } from '../../../src/main/risk/price-collar';
import { quoteFresh } from '../../../src/main/risk/quote-fresh';
import { outsideHours } from '../../../src/main/risk/outside-hours';
import { context, draft, now } from './support';

const delayedQuote = { symbol: 'AAPL', bid: 189.9, ask: 190, last: 189.95, at: now - 1000, delayed: true };

describe('quote present and fresh', () => {
  it('passes a live quote a second old', () => {
    expect(quoteFresh(context(), draft())).toMatchObject({ outcome: 'pass', explanation: 'Live AAPL quote, 1 s old.' });
  });
  it('blocks a quote for another symbol', () => {
    expect(quoteFresh(context({ quote: { ...delayedQuote, delayed: false, symbol: 'MSFT' } }), draft())).toMatchObject({
      outcome: 'block',
      explanation: 'The quote at hand is for MSFT, not AAPL; the order cannot be checked.',
    });
  });
  it('warns on delayed prices', () => {
    expect(quoteFresh(context({ quote: delayedQuote }), draft()).outcome).toBe('warn');
  });
  it('blocks a missing quote, a quote without prices, and a stale quote', () => {
    expect(quoteFresh(context({ quote: null }), draft()).outcome).toBe('block');
    expect(quoteFresh(context({ quote: { symbol: 'AAPL', bid: null, ask: null, last: null, at: now, delayed: false } }), draft()).outcome).toBe('block');
    expect(quoteFresh(context({ quote: { ...delayedQuote, delayed: false, at: now - 42_000 } }), draft())).toMatchObject({
      outcome: 'block',
      explanation: 'The newest AAPL quote is 42 s old; quotes older than 15 s are not trusted.',
    });
  });
});

describe('quote ages across clock steps (issue 10, item 5)', () => {
  it('takes the monotonic age over the wall-clock stamp', () => {
    const quote = { ...delayedQuote, delayed: false, at: now + 3_600_000, ageMs: 30_000 };
    expect(quoteFresh(context({ quote }), draft())).toMatchObject({ outcome: 'block', explanation: expect.stringMatching(/30 s old/) });
  });
  it('treats a quote stamped in the future as stale, not fresh', () => {
    expect(quoteFresh(context({ quote: { ...delayedQuote, delayed: false, at: now + 5_000 } }), draft()).outcome).toBe('block');
  });
});

describe('price collar', () => {
  it('passes a limit near the ask', () => {
    expect(priceCollar(context(), draft({ limitPrice: 191 })).outcome).toBe('pass');
  });
  it('blocks a buy limit far above the ask, in plain words with numbers', () => {
    expect(priceCollar(context(), draft({ limitPrice: 250 }))).toMatchObject({
      outcome: 'block',
      explanation: 'Limit 250.00 is 31.6% above the ask 190.00; the collar is 5%.',
    });
  });
  it('blocks a limit far below the market too (a likely typo), measured from the bid for a sell', () => {
    expect(priceCollar(context(), draft({ side: 'SELL', limitPrice: 19 })).explanation).toBe(
      'Limit 19.00 is 90% below the bid 189.90; the collar is 5%.',
    );
  });
  it('checks stop prices and warns when a stop would trigger at once', () => {
    expect(priceCollar(context(), draft({ orderType: 'STP', limitPrice: undefined, stopPrice: 150 })).outcome).toBe('block');
    expect(priceCollar(context(), draft({ orderType: 'STP', limitPrice: undefined, stopPrice: 185 }))).toMatchObject({
      outcome: 'warn',
      explanation: expect.stringContaining('triggers at once'),
    });
    expect(priceCollar(context(), draft({ orderType: 'STP', limitPrice: undefined, stopPrice: 195 })).outcome).toBe('pass');
  });
  it('lets a market order through only on a live quote', () => {
    const mkt = draft({ orderType: 'MKT', limitPrice: undefined });
    expect(priceCollar(context(), mkt).outcome).toBe('pass');
    expect(priceCollar(context({ quote: delayedQuote }), mkt)).toMatchObject({
      outcome: 'block',
      explanation: 'A market order needs a live quote; AAPL prices are delayed.',
    });
    expect(priceCollar(context({ quote: null }), mkt).outcome).toBe('block');
  });
  it('uses the last price when the book is empty', () => {
    const c = context({ quote: { symbol: 'AAPL', bid: null, ask: null, last: 100, at: now, delayed: false } });
    expect(priceCollar(c, draft({ limitPrice: 101 })).explanation).toContain('the last 100.00');
  });
});

describe('outside regular hours', () => {
  const closed = context({ market: { regularHoursOpen: false } });
  it('passes anything in regular hours', () => {
    expect(outsideHours(context(), draft({ orderType: 'MKT', limitPrice: undefined })).outcome).toBe('pass');
  });
  it('blocks market, stop and trailing orders outside regular hours or when hours are unknown', () => {
    expect(outsideHours(closed, draft({ orderType: 'MKT', limitPrice: undefined }))).toMatchObject({
      outcome: 'block',
      explanation: 'The market is outside regular trading hours; only limit orders are allowed then, and this is a market order.',
    });
    expect(outsideHours(closed, draft({ orderType: 'TRAIL', limitPrice: undefined, trailingPercent: 2 })).outcome).toBe('block');
    expect(outsideHours(context({ market: null }), draft({ orderType: 'STP', limitPrice: undefined, stopPrice: 195 })).outcome).toBe('block');
  });
  it('passes a limit order allowed outside hours, and warns when it would just wait', () => {
    expect(outsideHours(closed, draft({ outsideRth: true })).outcome).toBe('pass');
    expect(outsideHours(closed, draft()).outcome).toBe('warn');
  });
});
