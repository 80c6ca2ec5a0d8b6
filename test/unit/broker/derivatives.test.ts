import { describe, expect, it } from 'vitest';
import { accountExposure, assetClassOf, daysToExpiry, endOfWeek, expiryFlags, exposureOf, groupByUnderlying } from '../../../src/shared/derivatives';
import type { PositionView } from '../../../src/shared/portfolio';
import { positionView } from '../../support/position-view';

const greeks = (delta: number, und: number) => ({ delta, gamma: 0.01, theta: -0.05, vega: 0.1, impliedVol: 0.25, underlyingPrice: und });
let id = 1;
const opt = (account: string, und: string, expiry: string, strike: number, right: 'C' | 'P', quantity: number, delta: number, spot: number, price = 5): PositionView => positionView({
  account, conId: id++, symbol: `${und} ${expiry}${right}${strike}`, underlying: und, secType: 'OPT', multiplier: 100, expiry, strike, right, quantity,
  marketPrice: price, marketValue: quantity * price * 100, baseValue: quantity * price * 100, greeks: greeks(delta, spot),
});
const stk = (account: string, symbol: string, quantity: number, price: number): PositionView => positionView({ account, conId: id++, symbol, quantity, marketPrice: price, marketValue: quantity * price, baseValue: quantity * price });

describe('options and futures as a trader reads them', () => {
  it('counts days to expiry and the end of the trading week', () => {
    expect(daysToExpiry('20261218', '20261202')).toBe(16);
    expect(endOfWeek('20261202')).toBe('20261204');
    expect(endOfWeek('20261205')).toBe('20261211');
  });

  it('groups under the underlying with delta-adjusted exposure, and recognises a vertical, a covered call, a straddle and a strangle', () => {
    const book = [
      opt('M', 'SPY', '20261218', 600, 'C', 10, 0.52, 600), opt('M', 'SPY', '20261218', 620, 'C', -10, 0.3, 600),
      stk('I', 'QQQ', 200, 500), opt('I', 'QQQ', '20261218', 525, 'C', -2, 0.25, 500),
      opt('M', 'TSLA', '20261218', 250, 'C', 1, 0.5, 250), opt('M', 'TSLA', '20261218', 250, 'P', 1, -0.5, 250),
      opt('M', 'NVDA', '20261218', 150, 'C', -2, 0.3, 140), opt('M', 'NVDA', '20261218', 130, 'P', -2, -0.3, 140),
      opt('M', 'MSFT', '20261218', 400, 'P', -3, -0.35, 420),
    ];
    const groups = groupByUnderlying(book, () => 0);
    const kinds = (u: string): string[] => groups.find((g) => g.underlying === u)!.strategies.map((s) => s.kind);
    expect(kinds('SPY')).toEqual(['vertical']);
    expect(groups.find((g) => g.underlying === 'SPY')!.strategies[0]!.label).toContain('600/620 call vertical (bull)');
    expect(kinds('QQQ')).toEqual(['covered call']);
    expect(kinds('TSLA')).toEqual(['straddle']);
    expect(kinds('NVDA')).toEqual(['strangle']);
    // Without the cash to buy the shares, a short put is a leg, not a cash-secured put.
    expect(kinds('MSFT')).toEqual(['leg']);
    expect(groupByUnderlying(book, () => 1e6).find((g) => g.underlying === 'MSFT')!.strategies[0]!.kind).toBe('cash-secured put');
    const spy = groups.find((g) => g.underlying === 'SPY')!;
    expect(spy.sharesEquivalent).toBeCloseTo(10 * 100 * 0.52 - 10 * 100 * 0.3, 6);
    expect(spy.exposure).toBeCloseTo(220 * 600, 6);
    const qqq = groups.find((g) => g.underlying === 'QQQ')!;
    expect(qqq.positions[0]!.secType).toBe('STK');
    expect(qqq.sharesEquivalent).toBeCloseTo(200 - 50, 6);
    expect(accountExposure(groups).get('I')).toBeCloseTo(150 * 500, 6);
  });

  it('counts a future by its notional and an option without a delta as unknown, never as zero', () => {
    const es = positionView({ account: 'M', conId: 99, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, quantity: 1, marketPrice: 6000, expiry: '20261218', fxRate: 1 });
    expect(exposureOf(es, null)).toEqual({ sharesEquivalent: 50, notional: 300_000, basis: 'notional' });
    const blind = { ...opt('M', 'AAPL', '20261218', 230, 'C', 1, 0.5, 230), greeks: null };
    expect(exposureOf(blind, 230)).toEqual({ sharesEquivalent: null, notional: null, basis: 'delta' });
  });

  it('flags what expires this week, short options in the money near expiry, and a future to roll', () => {
    const book = [
      opt('M', 'AAPL', '20261204', 220, 'C', -1, 0.8, 230), opt('M', 'AAPL', '20261204', 240, 'C', 1, 0.2, 230),
      opt('M', 'SPY', '20261218', 600, 'P', -1, -0.4, 590),
      positionView({ account: 'M', conId: 98, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, quantity: 1, expiry: '20261208' }),
    ];
    const flags = expiryFlags(book, '20261202');
    expect(flags.filter((f) => f.kind === 'expires this week')).toHaveLength(2);
    expect(flags.filter((f) => f.kind === 'assignment risk').map((f) => f.key)).toEqual([book[0]!.key]);
    expect(flags.find((f) => f.kind === 'roll future')).toMatchObject({ key: 'M:98', daysToExpiry: 6 });
    // The SPY put is in the money but 16 days out: no assignment flag yet.
    expect(flags.some((f) => f.key === book[2]!.key)).toBe(false);
  });

  it('names asset classes, keeping IB\'s name for a type the app does not know', () => {
    expect(assetClassOf({ secType: 'OPT', knownType: true })).toBe('Options');
    expect(assetClassOf({ secType: 'STK', knownType: true }, true)).toBe('ETFs');
    expect(assetClassOf({ secType: 'SWAPTION', knownType: false })).toBe('Other (SWAPTION)');
  });
});
