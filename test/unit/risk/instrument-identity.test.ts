import { describe, expect, it } from 'vitest';
import { draftFigures } from '../../../src/main/approvals/draft-figures';
import { buyingPower } from '../../../src/main/risk/buying-power';
import { cashAccount } from '../../../src/main/risk/cash-account';
import { dayTrades } from '../../../src/main/risk/day-trades';
import { duplicateDraft } from '../../../src/main/risk/duplicate-draft';
import { positionChange } from '../../../src/main/risk/exposure';
import { maxNotional } from '../../../src/main/risk/max-notional';
import { quoteFresh } from '../../../src/main/risk/quote-fresh';
import { tradingState } from '../../../src/main/risk/trading-state';
import { positionKey } from '../../../src/shared/draft';
import { positionView } from '../../support/position-view';
import { account, order, quote, riskContext } from './portfolio-book';

// An instrument is IB's conId: what shares a symbol, a date, a strike and a right is not the same contract.
const spxAm = positionView({
  account: 'DU1', conId: 101, symbol: 'SPX   261218C06000000', underlying: 'SPX', secType: 'OPT', multiplier: 100,
  expiry: '20261218', strike: 6000, right: 'C', quantity: 10, marketValue: 100_000, baseValue: 100_000,
});
const spxwCall = { symbol: 'SPX', secType: 'OPT', conId: 202, expiry: '20261218', strike: 6000, right: 'C', multiplier: 100, tradingClass: 'SPXW' } as const;

describe('a draft is matched to the holding of its own contract (IB’s conId)', () => {
  it('in an IRA long 10 SPX (AM) calls, selling 10 SPXW calls of the same date and strike opens a naked short, not a close', () => {
    const sell = order(spxwCall, 'SELL', 10, 100);
    const ctx = riskContext({ account: account('IRA'), positions: [spxAm] }, sell);
    expect(ctx.account?.kind).toBe('ira');
    expect(positionChange(ctx, sell)).toEqual({ before: 0, after: -10, closes: 0, effect: 'increases' });
    expect(cashAccount(ctx, sell).outcome).toBe('block');
    expect(buyingPower(ctx, sell).outcome).toBe('block');
  });

  it('selling the SPX (AM) calls held does close them', () => {
    const sell = order({ ...spxwCall, conId: 101, tradingClass: 'SPX' }, 'SELL', 10, 100);
    const ctx = riskContext({ account: account('IRA'), positions: [spxAm] }, sell);
    expect(positionChange(ctx, sell)).toMatchObject({ before: 10, after: 0, effect: 'reduces' });
    expect(cashAccount(ctx, sell).outcome).toBe('pass');
  });

  it('keeps an adjusted option apart from the standard one of the same terms: both holdings are seen, neither overwrites the other', () => {
    const standard = positionView({ ...spxAm, conId: 301, symbol: 'XYZ   261218C00050000', underlying: 'XYZ', strike: 50, quantity: 5 });
    const adjusted = positionView({ ...spxAm, conId: 302, symbol: 'XYZ1  261218C00050000', underlying: 'XYZ', strike: 50, quantity: -3 });
    const terms = { symbol: 'XYZ', secType: 'OPT', expiry: '20261218', strike: 50, right: 'C', multiplier: 100 } as const;
    const book = { account: account('INDIVIDUAL'), positions: [standard, adjusted] };
    const sellStandard = order({ ...terms, conId: 301 }, 'SELL', 5, 2);
    const buyAdjusted = order({ ...terms, conId: 302, tradingClass: 'XYZ1' }, 'BUY', 3, 2);
    expect(positionChange(riskContext(book, sellStandard), sellStandard)).toMatchObject({ before: 5, after: 0, effect: 'reduces' });
    expect(positionChange(riskContext(book, buyAdjusted), buyAdjusted)).toMatchObject({ before: -3, after: 0, effect: 'reduces' });
  });

  it('keeps a VIX weekly future apart from the monthly of the same month', () => {
    const monthly = positionView({ account: 'DU1', conId: 401, symbol: 'VXZ6', underlying: 'VIX', secType: 'FUT', multiplier: 1000, expiry: '20261216', quantity: 2 });
    const weekly = { symbol: 'VIX', secType: 'FUT', conId: 402, expiry: '20261223', multiplier: 1000, tradingClass: 'VX52' } as const;
    const sell = order(weekly, 'SELL', 2, 18);
    const ctx = riskContext({ account: account('INDIVIDUAL'), positions: [monthly] }, sell);
    expect(positionChange(ctx, sell)).toMatchObject({ before: 0, after: -2, effect: 'increases' });
    // "Reducing only" lets a close through, never a new short in another contract.
    expect(tradingState({ ...ctx, tradingState: 'reducing' }, sell).outcome).toBe('block');
  });

  it('keeps SHEL in London apart from SHEL in New York: an IRA sale of the London line is a short sale, and is not priced at the New York quote', () => {
    const nyse = positionView({ account: 'DU1', conId: 301, symbol: 'SHEL', exchange: 'NYSE', quantity: 1000, marketValue: 70_000, baseValue: 70_000 });
    const sell = order({ symbol: 'SHEL', secType: 'STK', conId: 302, exchange: 'LSE', currency: 'GBP' }, 'SELL', 1000, 2700);
    const ctx = riskContext({ account: account('IRA'), positions: [nyse], quotes: [quote(301, 'SHEL', 70, 70.05)] }, sell);
    expect(positionChange(ctx, sell).effect).toBe('increases');
    expect(cashAccount(ctx, sell).outcome).toBe('block');
    // No quote of its own yet: what needs one blocks until it comes, rather than pricing pence at dollars.
    expect(ctx.quote).toBeNull();
    expect(quoteFresh(ctx, sell).outcome).toBe('block');
    expect(draftFigures(ctx, sell).marketPrice).toBeNull();
  });

  it('sells the New York SHEL held as a close, priced at its own quote', () => {
    const nyse = positionView({ account: 'DU1', conId: 301, symbol: 'SHEL', exchange: 'NYSE', quantity: 1000, marketValue: 70_000, baseValue: 70_000 });
    const sell = order({ symbol: 'SHEL', secType: 'STK', conId: 301, exchange: 'SMART', currency: 'USD' }, 'SELL', 1000, 70);
    const ctx = riskContext({ account: account('IRA'), positions: [nyse], quotes: [quote(301, 'SHEL', 70, 70.05)] }, sell);
    expect(positionChange(ctx, sell)).toMatchObject({ before: 1000, after: 0, effect: 'reduces' });
    expect(ctx.quote?.bid).toBe(70);
    expect(maxNotional(ctx, sell).outcome).toBe('block'); // 70,000 USD: over the 25,000 default, valued in its own dollars
  });

  it('counts as opened today only what was bought today in the same contract, not in another listing of its symbol', () => {
    const nyse = positionView({ account: 'DU1', conId: 301, symbol: 'SHEL', exchange: 'NYSE', quantity: 1000, marketValue: 70_000, baseValue: 70_000 });
    const boughtInLondon = {
      execId: 'e1', orderId: 1, permId: 1, clientId: 0, conId: 302, account: 'DU1', symbol: 'SHEL', side: 'BOT', shares: 1000, price: 27, time: '', orderRef: '',
      commission: null, commissionCurrency: null, realizedPnL: null,
    };
    const sell = order({ symbol: 'SHEL', secType: 'STK', conId: 301 }, 'SELL', 500, 70);
    const book = { account: account('INDIVIDUAL', { dayTradesRemaining: 0 }), positions: [nyse], executions: [boughtInLondon] };
    expect(dayTrades(riskContext(book, sell), sell).outcome).toBe('pass');
    const boughtHere = { ...boughtInLondon, conId: 301 };
    expect(dayTrades(riskContext({ ...book, executions: [boughtHere] }, sell), sell).outcome).toBe('block');
  });

  it('takes an option’s own quote, named by its local symbol, as the quote for the draft, and no other contract’s', () => {
    const sell = order({ ...spxwCall, conId: 101, tradingClass: 'SPX' }, 'SELL', 10, 100);
    const ctx = riskContext({ account: account('IRA'), positions: [spxAm], quotes: [quote(101, 'SPX   261218C06000000', 99, 101)] }, sell);
    expect(quoteFresh(ctx, sell).outcome).toBe('pass');
    const wired = { ...ctx, quote: { ...ctx.quote!, conId: 202 } };
    expect(quoteFresh(wired, sell)).toMatchObject({ outcome: 'block', explanation: 'The quote at hand is for IB contract 202, not 101; the order cannot be checked.' });
  });

  it('does not take SPX and SPXW drafts on the same terms for one idea drafted twice', () => {
    const spxw = order(spxwCall, 'SELL', 1, 100);
    const spx = order({ ...spxwCall, conId: 101, tradingClass: 'SPX' }, 'SELL', 1, 100);
    const ctx = riskContext({ account: account('INDIVIDUAL'), drafts: [spx] }, spxw);
    expect(duplicateDraft(ctx, spxw).outcome).toBe('pass');
    expect(duplicateDraft(riskContext({ account: account('INDIVIDUAL'), drafts: [{ ...spxw, id: spx.id }] }, spxw), spxw).outcome).toBe('block');
  });
});

describe('a contract without IB’s id is keyed by all its terms', () => {
  it('never matches another listing, trading class, multiplier or day', () => {
    const base = { symbol: 'SPX', secType: 'OPT', expiry: '20261218', strike: 6000, right: 'C', multiplier: 100, currency: 'USD', exchange: 'SMART', tradingClass: 'SPX' } as const;
    const key = positionKey(base);
    expect(positionKey({ ...base, tradingClass: 'SPXW' })).not.toBe(key);
    expect(positionKey({ ...base, multiplier: 10 })).not.toBe(key);
    expect(positionKey({ ...base, expiry: '20261217' })).not.toBe(key);
    expect(positionKey({ ...base, exchange: 'CBOE' })).not.toBe(key);
    expect(positionKey({ symbol: 'SHEL', secType: 'STK', currency: 'GBP', exchange: 'LSE' })).not.toBe(positionKey({ symbol: 'SHEL', secType: 'STK', currency: 'USD', exchange: 'LSE' }));
    expect(positionKey({ ...base, conId: 101 })).toBe('conId:101');
    expect(positionKey({ ...base, conId: 101 })).not.toBe(key);
  });
});
