import { describe, expect, it } from 'vitest';
import { portfolioDigest, underlyingsToQuote } from '../../../src/main/assistant/portfolio-digest';
import type { AccountView } from '../../../src/shared/portfolio';
import { positionView } from '../../support/position-view';

const account: AccountView = {
  account: 'DU1', currency: 'USD', kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation: 500_000.4, totalCash: 100_000, buyingPower: null, availableFunds: null,
  excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null, dayTradesRemaining: -1, dailyPnL: 10, unrealizedPnL: 20, realizedPnL: 0,
  cashByCurrency: [{ currency: 'USD', cash: 70_000, rate: 1, netLiquidation: null }, { currency: 'EUR', cash: 25_000, rate: 1.08, netLiquidation: null }],
};
const ib = { marketValue: 'computed', baseValue: 'ib', unrealizedPnL: 'ib', dailyPnL: 'ib' } as const;
const greeks = { delta: 0.52, gamma: 0.012, theta: -0.045, vega: 0.12, impliedVol: 0.243, underlyingPrice: 600.2 };

describe('the portfolio as Claude reads it', () => {
  const positions = [
    positionView({ account: 'DU1', conId: 1, symbol: 'AAPL', quantity: 100, baseValue: 22_850.4, unrealizedPnL: 1200.2, dailyPnL: 50.1, sources: ib }),
    positionView({ account: 'DU1', conId: 2, symbol: 'SAP', currency: 'EUR', quantity: 150, baseValue: 37_000, unrealizedPnL: 300, dailyPnL: -20 }),
    positionView({ account: 'DU1', conId: 3, symbol: 'SPY 261218C600', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 600, right: 'C', quantity: 10, marketPrice: 12.5, baseValue: 12_500, unrealizedPnL: 500, dailyPnL: 40, sources: ib, greeks }),
    positionView({ account: 'DU1', conId: 4, symbol: 'SPY 261218C620', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 620, right: 'C', quantity: -10, marketPrice: 4.1, baseValue: -4_100, unrealizedPnL: -100, dailyPnL: -12, sources: ib, greeks: { ...greeks, delta: 0.3 } }),
    positionView({ account: 'DU1', conId: 5, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, expiry: '20261218', quantity: 1, marketPrice: 6000, baseValue: 300_000, unrealizedPnL: 2_000, dailyPnL: 100, sources: ib }),
    positionView({ account: 'DU1', conId: 6, symbol: 'XYZ', secType: 'SWAPTION', knownType: false, quantity: 3, baseValue: 900, unrealizedPnL: 0, dailyPnL: 0 }),
  ];
  const digest = portfolioDigest([account], positions, '20261202');
  const a = digest.accounts[0]!;

  it('gives each account in its base currency with cash by currency and IB\'s rates', () => {
    expect(a).toMatchObject({ account: 'DU1', base: 'USD', netLiquidation: 500_000, cash: { USD: 70_000, EUR: 25_000 }, rates: { EUR: 1.08 } });
  });

  it('lists positions per currency, marking what the app computed, and keeps a type it does not know under IB\'s name', () => {
    expect(a.positions.USD).toBe('AAPL 100 22850 1200 50');
    expect(a.positions.EUR).toBe('SAP 150 37000* 300* -20*');
    expect(a.positions['SWAPTION USD']).toBe('XYZ 3 900* 0* 0*');
  });

  it('puts options under their underlying and expiry with IB\'s greeks, futures with expiry and multiplier, strategies and exposure', () => {
    expect(a.options).toBe(['SPY 20261218 dte16 und=600.2:', '600C 10 12.5 12500 500 40 52 12 -45 120 24', '620C -10 4.1 -4100 -100 -12 30 -12 45 -120 24'].join('\n'));
    expect(a.futures).toBe('ESZ6 1 6000 300000 2000 100 20261218 x50');
    expect(a.strategies).toEqual([expect.stringContaining('vertical: SPY 20261218 600/620 call vertical (bull)')]);
    expect(a.exposure).toContain(`SPY ${Math.round(1000 * 0.52 - 1000 * 0.3)} ${Math.round((1000 * 0.52 - 1000 * 0.3) * 600.2)}`);
    expect(digest.legend).toContain('computed');
  });
});

describe('assignment risk as Claude reads it, without greeks from IB', () => {
  // No options data subscription: IB sends no option computation ticks.
  const stock = positionView({ account: 'DU1', conId: 11, symbol: 'XYZ', quantity: 100, marketValue: 12_000, baseValue: 12_000, marketPrice: 120 });
  const call = positionView({ account: 'DU1', conId: 12, symbol: 'XYZ 261204C100', underlying: 'XYZ', secType: 'OPT', multiplier: 100, expiry: '20261204', strike: 100, right: 'C', quantity: -1, marketValue: -2000, baseValue: -2000 });
  const flags = (positions: typeof stock[], quotes: Parameters<typeof portfolioDigest>[4] = []) => portfolioDigest([account], positions, '20261202', undefined, quotes).accounts[0]!.flags ?? [];

  it('flags a short call in the money from the shares held', () => {
    expect(flags([stock, call])).toEqual([expect.stringMatching(/^expires this week/), expect.stringMatching(/^assignment risk: .*underlying 120, from the XYZ shares held/)]);
  });

  it('flags it from the underlying\'s quote, and names the underlyings it needs one for', () => {
    expect(underlyingsToQuote([call], '20261202')).toEqual(['XYZ']);
    expect(underlyingsToQuote([stock, call], '20261202')).toEqual([]);
    const quote = { symbol: 'XYZ', conId: 11, bid: 119.9, ask: 120.1, last: 120, close: 119, delayed: false, at: 0 };
    expect(flags([call], [quote])).toContainEqual(expect.stringMatching(/^assignment risk: .*from the XYZ quote/));
  });

  it('says the risk is unknown when there is no price at all', () => {
    expect(flags([call])).toContainEqual(expect.stringMatching(/^assignment risk unknown: .*no XYZ price/));
  });
});
