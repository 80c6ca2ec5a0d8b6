import type { Contract } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { heldContractOf } from '../../../src/main/broker/ib-mappers';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';
import { valuePosition, type HeldContract, type PositionRecord } from '../../../src/main/broker/position-values';
import { exposureOf, recogniseStrategies } from '../../../src/shared/derivatives';
import type { AccountView, QuoteView } from '../../../src/shared/portfolio';
import { positionView } from '../../support/position-view';

// A USD account of 100,000 net liquidation; IB's ExchangeRate: 1 GBP = 1.27 USD, 1 EUR = 1.08 USD.
const account: AccountView = {
  account: 'U1', currency: 'USD', kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation: 100_000, totalCash: 0, buyingPower: 0, availableFunds: 0,
  excessLiquidity: 0, initMarginReq: 0, maintMarginReq: 0, grossPositionValue: 0, equityWithLoan: 0, dayTradesRemaining: -1, dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0,
  cashByCurrency: [{ currency: 'USD', cash: 0, rate: 1, netLiquidation: null }, { currency: 'EUR', cash: 0, rate: 1.08, netLiquidation: null }, { currency: 'GBP', cash: 0, rate: 1.27, netLiquidation: null }],
};
const quote = (conId: number, last: number, close = last): QuoteView => ({ symbol: 'X', conId, bid: null, ask: null, last, close, delayed: false, at: 0 });
const stock = (over: Partial<HeldContract>): HeldContract => ({
  conId: 1, symbol: 'X', underlying: 'X', secType: 'STK', currency: 'USD', exchange: 'NYSE', multiplier: 1, priceMagnifier: 1, expiry: null, strike: null, right: null, ...over,
});
const held = (contract: HeldContract, quantity: number, avgCost: number): PositionRecord => ({ account: 'U1', contract, quantity, avgCost });

// IB quotes HSBA in pence (726.3) with priceMagnifier 100; its currency is GBP and IB's average cost is in pounds.
const HSBA = stock({ conId: 10004, symbol: 'HSBA', underlying: 'HSBA', currency: 'GBP', exchange: 'LSE', priceMagnifier: 100 });

describe('an LSE share IB quotes in pence', () => {
  it('is valued in pounds: 1,000 HSBA at 726.3p are GBP 7,263, USD 9,224', () => {
    const v = valuePosition('U1:10004', held(HSBA, 1000, 7.0), quote(10004, 726.3, 720), undefined, account, null);
    expect(v.marketValue).toBeCloseTo(7263, 6);
    expect(v.baseValue).toBeCloseTo(9224.01, 6);
    expect(v.weightPct).toBeCloseTo(9.22401, 4);
    expect(v.marketPrice).toBeCloseTo(7.263, 9); // per share in GBP, beside IB's average cost in GBP
    expect(v.unrealizedPnL).toBeCloseTo((7263 - 7000) * 1.27, 6);
    expect(v.dailyPnL).toBeCloseTo(1000 * 0.063 * 1.27, 6);
    expect(v.unvalued).toBeNull();
  });

  it('is not valued by the app before IB has given the magnifier; IB’s own figures still show', () => {
    const unknown = { ...HSBA, priceMagnifier: null };
    const v = valuePosition('U1:10004', held(unknown, 1000, 7.0), quote(10004, 726.3, 720), undefined, account, null);
    expect(v).toMatchObject({ marketValue: null, baseValue: null, weightPct: null, marketPrice: null, unrealizedPnL: null, dailyPnL: null });
    expect(v.unvalued).toContain('price magnifier');
    const withIb = valuePosition('U1:10004', held(unknown, 1000, 7.0), quote(10004, 726.3), { position: 1000, value: 9224.01, unrealized: 334.01, daily: 80.01 }, account, null);
    expect(withIb).toMatchObject({ baseValue: 9224.01, unrealizedPnL: 334.01, dailyPnL: 80.01, sources: { baseValue: 'ib', unrealizedPnL: 'ib', dailyPnL: 'ib' } });
  });

  it('learns the magnifier from IB’s contract details, which a re-sync keeps', () => {
    const model = new PortfolioModel(() => 1);
    model.applyAccountValue('U1', 'NetLiquidation', '100000', 'USD');
    model.applyAccountValue('U1', 'ExchangeRate', '1.27', 'GBP');
    const reported = heldContractOf({ conId: 10004, symbol: 'HSBA', secType: 'STK' as Contract['secType'], currency: 'GBP', primaryExch: 'LSE', multiplier: '' as unknown as number })!;
    expect(reported).toMatchObject({ multiplier: 1, priceMagnifier: null });
    model.applyPosition('U1', reported, 1000, 7.0);
    model.applyQuote(10004, 'HSBA', { last: 726.3 });
    expect(model.contractsWithoutTerms().map((c) => c.conId)).toEqual([10004]);
    expect(model.snapshot().positions[0]!.marketValue).toBeNull();
    model.applyContractTerms(10004, { priceMagnifier: 100, multiplier: null });
    expect(model.snapshot().positions[0]!.marketValue).toBeCloseTo(7263, 6);
    expect(model.contractsWithoutTerms()).toEqual([]);
    model.clear();
    model.applyPosition('U1', reported, 1000, 7.0);
    expect(model.snapshot().positions[0]!.unvalued).toBeNull();
    expect(model.contractsWithoutTerms()).toEqual([]);
  });

  it('needs no lookup for a US stock, a US option, a currency pair or a coin', () => {
    const of = (secType: string, currency: string) => heldContractOf({ conId: 5, symbol: 'S', secType: secType as Contract['secType'], currency, multiplier: 100 as unknown as number })!.priceMagnifier;
    expect([of('STK', 'USD'), of('OPT', 'USD'), of('CASH', 'EUR'), of('CRYPTO', 'USD')]).toEqual([1, 1, 1, 1]);
    expect([of('STK', 'GBP'), of('FUT', 'USD'), of('FOP', 'USD'), of('BOND', 'USD'), of('OPT', 'EUR')]).toEqual([null, null, null, null, null]);
  });
});

describe('a bond IB quotes in percent of face', () => {
  const BOND = stock({ conId: 2, symbol: 'T 4 1/4 11/15/34', underlying: 'T', secType: 'BOND', currency: 'USD', exchange: 'SMART' });

  it('is worth 10 a point per bond of 1,000 face: 10 bonds at 98.5 are 9,850', () => {
    const v = valuePosition('U1:2', held(BOND, 10, 985), quote(2, 98.5, 98), undefined, account, null);
    expect(v).toMatchObject({ marketValue: 9850, baseValue: 9850, marketPrice: 98.5, unrealizedPnL: 0, dailyPnL: 50, unvalued: null });
  });

  it('is not valued by the app in a currency whose bonds IB may count in face amount', () => {
    const v = valuePosition('U1:3', held({ ...BOND, conId: 3, currency: 'EUR' }, 10_000, 98.5), quote(3, 98.5), undefined, account, null);
    expect(v).toMatchObject({ marketValue: null, baseValue: null, unrealizedPnL: null, dailyPnL: null });
    expect(v.unvalued).toContain('EUR bonds');
  });
});

describe('IB’s P&L for a quantity no longer held', () => {
  const AAPL = stock({ conId: 265598, symbol: 'AAPL', underlying: 'AAPL' });

  it('is not shown as the position’s after a fill: the figures are computed until IB catches up', () => {
    const ibFor100 = { position: 100, value: 20_000, unrealized: 5_000, daily: 500 };
    const after = valuePosition('U1:265598', held(AAPL, 150, 170), quote(265598, 200, 195), ibFor100, account, null);
    expect(after).toMatchObject({ marketValue: 30_000, baseValue: 30_000, marketPrice: 200, unrealizedPnL: 4_500, dailyPnL: 750 });
    expect(after.sources).toEqual({ marketValue: 'computed', baseValue: 'computed', unrealizedPnL: 'computed', dailyPnL: 'computed' });
    const caughtUp = valuePosition('U1:265598', held(AAPL, 150, 170), quote(265598, 200, 195), { position: 150, value: 30_010, unrealized: 4_510, daily: 760 }, account, null);
    expect(caughtUp).toMatchObject({ baseValue: 30_010, unrealizedPnL: 4_510, dailyPnL: 760, sources: { baseValue: 'ib', unrealizedPnL: 'ib', dailyPnL: 'ib' } });
    expect(caughtUp.marketPrice).toBeCloseTo(200.0667, 4);
  });

  it('is not trusted when IB did not say which quantity it is for', () => {
    const v = valuePosition('U1:265598', held(AAPL, 100, 150), quote(265598, 200), { position: null, value: 1, unrealized: 1, daily: 1 }, account, null);
    expect(v).toMatchObject({ baseValue: 20_000, sources: { baseValue: 'computed' } });
  });
});

describe('a derivative IB gave no multiplier for', () => {
  const report = (secType: string, multiplier: string) =>
    heldContractOf({ conId: 77, symbol: 'XYZ', localSymbol: 'XYZ 261218C00050000', secType: secType as Contract['secType'], currency: 'USD', lastTradeDateOrContractMonth: '20261218', strike: 50, right: 'C' as Contract['right'], multiplier: multiplier as unknown as number })!;

  it('keeps the multiplier unknown (neither 1 nor 100) for options, futures options, futures and warrants', () => {
    for (const secType of ['OPT', 'FOP', 'FUT', 'WAR']) expect([secType, report(secType, '').multiplier]).toEqual([secType, null]);
    expect(report('OPT', '100').multiplier).toBe(100);
    expect(report('STK', '').multiplier).toBe(1);
  });

  it('has no computed value, exposure or share count, and says so; IB’s figures still show', () => {
    const option = report('OPT', '');
    const v = valuePosition('U1:77', held(option, -2, 950), quote(77, 5), undefined, account, null);
    expect(v).toMatchObject({ multiplier: null, marketValue: null, baseValue: null, unrealizedPnL: null, dailyPnL: null, marketPrice: 5 });
    expect(v.unvalued).toContain('no multiplier');
    const withIb = valuePosition('U1:77', held(option, -2, 950), quote(77, 5), { position: -2, value: -1_000, unrealized: 900, daily: -20 }, account, null);
    expect(withIb).toMatchObject({ baseValue: -1_000, unrealizedPnL: 900, marketPrice: 5 });
    const greeks = { delta: 0.5, gamma: null, theta: null, vega: null, impliedVol: null, underlyingPrice: 50 };
    expect(exposureOf({ ...withIb, greeks }, 50)).toEqual({ sharesEquivalent: null, notional: null, basis: 'delta' });
    const future = positionView({ account: 'U1', conId: 78, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: null, quantity: 1, marketPrice: 6000, fxRate: 1 });
    expect(exposureOf(future, null)).toEqual({ sharesEquivalent: null, notional: null, basis: 'notional' });
  });

  it('covers nothing and is covered by nothing: a short call without a multiplier is a plain leg', () => {
    const shares = positionView({ account: 'U1', conId: 1, symbol: 'XYZ', quantity: 1000 });
    const call = positionView({ account: 'U1', conId: 77, symbol: 'XYZ 261218C00050000', underlying: 'XYZ', secType: 'OPT', multiplier: null, quantity: -2, expiry: '20261218', strike: 50, right: 'C' });
    const put = positionView({ account: 'U1', conId: 79, symbol: 'XYZ 261218P00040000', underlying: 'XYZ', secType: 'OPT', multiplier: null, quantity: -1, expiry: '20261219', strike: 40, right: 'P', fxRate: 1 });
    expect(recogniseStrategies([shares, call, put], 1e9).map((s) => s.kind)).toEqual(['leg', 'leg']);
  });
});
