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

  it('flags a short call in the money without greeks from the underlying\'s quote or the shares held, and says when it cannot know', () => {
    // No options data subscription: no option computation ticks, so no greeks at all.
    const shares = stk('U1', 'XYZ', 100, 120);
    const call = positionView({ account: 'U1', conId: id++, symbol: 'XYZ 261204C100', underlying: 'XYZ', secType: 'OPT', multiplier: 100, expiry: '20261204', strike: 100, right: 'C', quantity: -1, marketValue: -2000, baseValue: -2000 });
    const kinds = (book: PositionView[], quotes: Parameters<typeof expiryFlags>[2] = []) => expiryFlags(book, '20261202', quotes).filter((f) => f.key === call.key).map((f) => f.kind);
    expect(kinds([shares, call])).toEqual(['expires this week', 'assignment risk']);
    expect(expiryFlags([shares, call], '20261202').find((f) => f.kind === 'assignment risk')!.text).toContain('underlying 120, from the XYZ shares held');
    // Not held, but quoted.
    expect(kinds([call], [{ symbol: 'XYZ', bid: 119.9, ask: 120.1, last: 120, close: 118 }])).toEqual(['expires this week', 'assignment risk']);
    // Two quotes by that symbol (a listing in another currency): neither is taken.
    expect(kinds([call], [{ symbol: 'XYZ', bid: 119.9, ask: 120.1, last: 120, close: 118 }, { symbol: 'XYZ', bid: 80, ask: 81, last: 80.5, close: 80 }])).toEqual(['expires this week', 'assignment risk unknown']);
    // Quoted out of the money: nothing to flag but the expiry.
    expect(kinds([call], [{ symbol: 'XYZ', bid: 95, ask: 95.2, last: 95.1, close: 96 }])).toEqual(['expires this week']);
    // No price anywhere: said, not silent.
    expect(kinds([call])).toEqual(['expires this week', 'assignment risk unknown']);
    expect(expiryFlags([call], '20261202').find((f) => f.kind === 'assignment risk unknown')!.text).toContain('no XYZ price');
    // A long option is never assigned.
    expect(kinds([{ ...call, quantity: 1 }])).toEqual(['expires this week']);
  });

  it('prices a futures option from the future it exercises into when IB sent no greeks', () => {
    const dec = positionView({ account: 'U1', conId: id++, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, expiry: '20261218', quantity: 1, marketPrice: 6000 });
    const mar = positionView({ account: 'U1', conId: id++, symbol: 'ESH7', underlying: 'ES', secType: 'FUT', multiplier: 50, expiry: '20270319', quantity: 1, marketPrice: 5000 });
    const put = positionView({ account: 'U1', conId: id++, symbol: 'ESZ6 P6100', underlying: 'ES', secType: 'FOP', multiplier: 50, expiry: '20261204', strike: 6100, right: 'P', quantity: -1 });
    expect(expiryFlags([mar, dec, put], '20261202').find((f) => f.key === put.key && f.kind === 'assignment risk')!.text).toContain('underlying 6000, from the ESZ6 future held');
  });

  it('counts futures in a futures-options group\'s shares-equivalent, in the units of the option deltas', () => {
    const fut = positionView({ account: 'U1', conId: id++, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, expiry: '20261218', quantity: 1, marketPrice: 6000, marketValue: 300_000, baseValue: 300_000 });
    const put = positionView({ account: 'U1', conId: id++, symbol: 'ESZ6 P5900', underlying: 'ES', secType: 'FOP', multiplier: 50, expiry: '20261218', strike: 5900, right: 'P', quantity: 1, marketValue: 5000, baseValue: 5000, greeks: greeks(-0.4, 6000) });
    const [g] = groupByUnderlying([fut, put]);
    // Long a future (+50) and a put (-0.4 x 50 = -20): +30, not -20.
    expect(g!.sharesEquivalent).toBeCloseTo(30, 6);
    expect(g!.exposure).toBeCloseTo(300_000 - 120_000, 6);
  });

  it('warns a week before IB may close out a physically delivered future, not a week before its last trading day', () => {
    const fut = (symbol: string, underlying: string, expiry: string, quantity: number): PositionView =>
      positionView({ account: 'M', conId: id++, symbol, underlying, secType: 'FUT', multiplier: 100, quantity, expiry, marketPrice: 2650 });
    const roll = (p: PositionView, today: string) => expiryFlags([p], today).find((f) => f.kind === 'roll future');
    // Gold December: first notice on the last business day of November (the 30th), last trade on 29 December.
    const gcLong = fut('GCZ6', 'GC', '20261229', 1);
    expect(roll(gcLong, '20261117')).toBeUndefined();
    const flag = roll(gcLong, '20261118')!;
    expect(flag.text).toContain('IB may close GCZ6 out from 20261125 (in 7 days)');
    expect(flag.text).toContain('3 business days before first notice 20261130');
    // A short is cut off ahead of the last trading day instead.
    expect(roll(fut('GCZ6', 'GC', '20261229', -1), '20261118')).toBeUndefined();
    expect(roll(fut('GCZ6', 'GC', '20261229', -1), '20261217')!.text).toContain('from 20261224');
    // The 10-year note: first notice 30 November too, though it trades until 22 December.
    expect(roll(fut('ZN   DEC 26', 'ZN', '20261222', 2), '20261118')!.text).toContain('from 20261125');
    // Crude January stops trading on 22 December, before its first notice; IB's close-out runs five business days ahead.
    expect(roll(fut('CLF7', 'CL', '20261222', 1), '20261208')!.text).toContain('from 20261215');
    // A cash-settled index future keeps the week before its last trading day.
    expect(roll(fut('ESZ6', 'ES', '20261218', 1), '20261210')).toBeUndefined();
    expect(roll(fut('ESZ6', 'ES', '20261218', 1), '20261211')!.text).toBe('ESZ6 stops trading in 7 days (20261218): roll or close it.');
  });

  it('warns from the earliest plausible close-out of a future whose settlement is not known, and says why', () => {
    const unknown = positionView({ account: 'M', conId: id++, symbol: 'XXZ6', underlying: 'XX', secType: 'FUT', multiplier: 10, quantity: 1, expiry: '20261229' });
    expect(expiryFlags([unknown], '20261116')).toEqual([]);
    const flag = expiryFlags([unknown], '20261117')[0]!;
    expect(flag).toMatchObject({ kind: 'roll future', daysToExpiry: 42 });
    expect(flag.text).toContain('does not know how XX settles');
    expect(flag.text).toContain('Check IB’s close-out date');
  });

  it('counts a bare contract month to its first day, the earliest it can expire', () => {
    expect(daysToExpiry('202612', '20261125')).toBe(6);
  });

  it('names asset classes, keeping IB\'s name for a type the app does not know', () => {
    expect(assetClassOf({ secType: 'OPT', knownType: true })).toBe('Options');
    expect(assetClassOf({ secType: 'STK', knownType: true }, true)).toBe('ETFs');
    expect(assetClassOf({ secType: 'SWAPTION', knownType: false })).toBe('Other (SWAPTION)');
  });
});
