import { describe, expect, it } from 'vitest';
import { buyingPower } from '../../../src/main/risk/buying-power';
import { cashAccount } from '../../../src/main/risk/cash-account';
import { concentration } from '../../../src/main/risk/concentration';
import { orderNotional } from '../../../src/main/risk/exposure';
import { maxNetLiqPct } from '../../../src/main/risk/max-net-liq-pct';
import { maxNotional } from '../../../src/main/risk/max-notional';
import { runChecks } from '../../../src/main/risk/run-checks';
import type { Draft } from '../../../src/shared/draft';
import { positionView } from '../../support/position-view';
import { account, order, quote, riskContext, roomyWhatIf, type Book } from './portfolio-book';

const spyPut = { symbol: 'SPY', secType: 'OPT', conId: 401, expiry: '20261218', strike: 580, right: 'P', multiplier: 100 } as const;
const spyCall = { symbol: 'SPY', secType: 'OPT', conId: 402, expiry: '20261218', strike: 600, right: 'C', multiplier: 100 } as const;
const margin: Book = { account: account('INDIVIDUAL'), quotes: [quote(401, 'SPY   261218P00580000', 2, 2.05), quote(402, 'SPY   261218C00600000', 5, 5.1)] };
const withWhatIf = (d: Draft): Draft => ({ ...d, whatIf: roomyWhatIf });

describe('a short option sold to open is sized by what it obliges, not its premium', () => {
  it('values 100 SPY 580 puts sold at 2.00 at the 5.8 million their assignment costs, and every size check blocks', () => {
    const sell = withWhatIf(order(spyPut, 'SELL', 100, 2));
    const ctx = riskContext(margin, sell);
    expect(orderNotional(ctx, sell)).toBe(5_800_000);
    for (const check of [maxNotional, maxNetLiqPct, concentration, buyingPower]) expect([check.name, check(ctx, sell).outcome]).toEqual([check.name, 'block']);
    expect(maxNotional(ctx, sell).explanation).toContain('sized by what the short put obliges: 100 contracts × 100 × the 580 strike, not its premium');
  });

  it('values a short call at the underlying’s value, from IB’s model or the shares the portfolio prices', () => {
    const sell = withWhatIf(order(spyCall, 'SELL', 1, 5));
    expect(orderNotional(riskContext({ ...margin, greeks: { 402: { underlyingPrice: 590, delta: 0.4 } } }, sell), sell)).toBe(59_000);
    const shares = positionView({ account: 'DU2', conId: 756733, symbol: 'SPY', quantity: 10, marketPrice: 591 });
    expect(orderNotional(riskContext({ ...margin, positions: [shares] }, sell), sell)).toBe(59_100);
  });

  it('cannot value a short call without its underlying’s price, and blocks it saying so', () => {
    const sell = withWhatIf(order(spyCall, 'SELL', 1, 5));
    const ctx = riskContext(margin, sell);
    expect(orderNotional(ctx, sell)).toBeNull();
    expect(maxNotional(ctx, sell)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('no price of SPY, its underlying') });
  });

  it('keeps the premium for the contracts that close a long, and the obligation for those that open the short', () => {
    const long = positionView({ account: 'DU1', conId: 401, symbol: 'SPY   261218P00580000', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 580, right: 'P', quantity: 4 });
    const sell = withWhatIf(order(spyPut, 'SELL', 10, 2));
    expect(orderNotional(riskContext({ ...margin, positions: [long] }, sell), sell)).toBe(4 * 2 * 100 + 6 * 58_000);
    const close = order(spyPut, 'SELL', 4, 2);
    expect(orderNotional(riskContext({ ...margin, positions: [long] }, close), close)).toBe(800);
  });

  it('buying back a short option reduces it, at its premium', () => {
    const short = positionView({ account: 'DU1', conId: 401, symbol: 'SPY   261218P00580000', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 580, right: 'P', quantity: -3 });
    const buy = order(spyPut, 'BUY', 3, 2.05);
    const ctx = riskContext({ ...margin, positions: [short] }, buy);
    expect(orderNotional(ctx, buy)).toBeCloseTo(615, 6);
    expect(buyingPower(ctx, buy).outcome).toBe('pass');
  });
});

describe('a short option is not approved without IB’s margin preview', () => {
  it('blocks writing a put when the what-if has not come back (timed out or failed), and says so', () => {
    const sell = order(spyPut, 'SELL', 1, 2);
    expect(buyingPower(riskContext(margin, sell), sell)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('IB’s margin preview (what-if) has not come back') });
    expect(runChecks(riskContext(margin, sell), sell).outcome).toBe('block');
  });

  it('blocks it when IB’s preview gives no margin after the order', () => {
    const sell = { ...order(spyPut, 'SELL', 1, 2), whatIf: { ...roomyWhatIf, initMarginAfter: null } };
    expect(buyingPower(riskContext(margin, sell), sell)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('did not give the margin') });
  });

  it('passes one SPY put with IB’s preview and room in buying power', () => {
    const sell = withWhatIf(order(spyPut, 'SELL', 1, 2));
    expect(buyingPower(riskContext(margin, sell), sell)).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('58,000.00') });
  });

  it('lets a long option through without a preview: buying one risks only its premium', () => {
    const buy = order(spyPut, 'BUY', 1, 2.05);
    expect(buyingPower(riskContext(margin, buy), buy).outcome).toBe('pass');
  });
});

describe('a long option’s concentration is delta-adjusted where IB’s delta is known', () => {
  it('weighs 20 SPY 600 calls at delta 0.5 as 1,000 shares, not as their premium', () => {
    const buy = order(spyCall, 'BUY', 20, 5.1);
    const ctx = riskContext({ ...margin, greeks: { 402: { delta: 0.5, underlyingPrice: 590 } } }, buy);
    // 20 × 100 × 0.5 × 590 = 590,000: 118% of 500,000.
    expect(concentration(ctx, buy)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('118% of net liquidation (20 units, delta-adjusted)') });
  });

  it('warns, at the premium, when IB has not given the delta', () => {
    const buy = order(spyCall, 'BUY', 1, 5.1);
    expect(concentration(riskContext(margin, buy), buy)).toMatchObject({ outcome: 'warn', explanation: expect.stringContaining('has not given this option’s delta') });
  });
});

describe('options written in an IRA', () => {
  const qqqShares = (quantity: number) => positionView({ account: 'DU1', conId: 320227571, symbol: 'QQQ', quantity, marketPrice: 500, marketValue: quantity * 500, baseValue: quantity * 500 });
  const writtenCall = positionView({
    account: 'DU1', conId: 501, symbol: 'QQQ   261218C00525000', underlying: 'QQQ', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 525, right: 'C', quantity: -2,
  });
  const qqqCall = { symbol: 'QQQ', secType: 'OPT', conId: 502, expiry: '20261218', strike: 550, right: 'C', multiplier: 100 } as const;
  const ira = (positions = [qqqShares(300), writtenCall], patch = {}): Book => ({ account: account('IRA', patch), positions, quotes: [quote(502, 'QQQ   261218C00550000', 3, 3.1)] });

  it('allows writing a call covered by shares not already covering other calls', () => {
    const sell = withWhatIf(order(qqqCall, 'SELL', 1, 3));
    const ctx = riskContext(ira(), sell);
    expect(cashAccount(ctx, sell)).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('Covered call: it needs 100 QQQ shares') });
    expect(buyingPower(ctx, sell)).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('covered call') });
  });

  it('blocks a call the shares do not cover: 200 shares already cover the two calls written', () => {
    const sell = withWhatIf(order(qqqCall, 'SELL', 1, 3));
    expect(cashAccount(riskContext(ira([qqqShares(200), writtenCall]), sell), sell)).toMatchObject({
      outcome: 'block',
      explanation: 'Writing these calls needs 100 QQQ shares to cover them, but the account holds 200 QQQ shares, 200 of them already covering calls written before, so 0 are free: a naked call, which an IRA cannot write.',
    });
  });

  it('counts a call being written at the broker against the same shares', () => {
    const working: Draft = { ...order({ ...qqqCall, conId: 503, strike: 560 }, 'SELL', 1, 2), state: 'working', orderId: 7 };
    const sell = withWhatIf(order(qqqCall, 'SELL', 1, 3));
    expect(cashAccount(riskContext({ ...ira(), drafts: [working] }, sell), sell).outcome).toBe('block');
  });

  it('allows a cash-secured put when the cash for its strike is there, and blocks it otherwise', () => {
    const put = { ...spyPut, conId: 601 };
    const book = (availableFunds: number | null): Book => ({ account: account('IRA', { availableFunds }), quotes: [quote(601, 'SPY   261218P00580000', 2, 2.05)] });
    const one = withWhatIf(order(put, 'SELL', 1, 2));
    expect(cashAccount(riskContext(book(100_000), one), one)).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('Cash-secured put: 58,000.00') });
    const two = withWhatIf(order(put, 'SELL', 2, 2));
    expect(cashAccount(riskContext(book(100_000), two), two).outcome).toBe('block');
    expect(buyingPower(riskContext(book(100_000), two), two).outcome).toBe('block');
    expect(cashAccount(riskContext(book(null), one), one)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('has not reported the account’s available funds') });
  });

  it('keeps every written option blocked in an account of a kind IB has not reported', () => {
    const sell = withWhatIf(order(qqqCall, 'SELL', 1, 3));
    const book = { ...ira(), account: account('', { accountType: null }) };
    expect(cashAccount(riskContext(book, sell), sell).outcome).toBe('block');
  });
});
