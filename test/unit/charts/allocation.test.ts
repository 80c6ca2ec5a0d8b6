import { describe, expect, it } from 'vitest';
import type { ContractProfile } from '../../../src/shared/chart';
import type { PositionView } from '../../../src/shared/portfolio';
import { allocate } from '../../../src/renderer/src/charts/allocation';
import { positionView } from '../../support/position-view';

function position(symbol: string, conId: number, marketValue: number | null): PositionView {
  return positionView({ account: 'DU1', conId, symbol, exchange: 'SMART', quantity: 1, avgCost: 1, marketValue });
}

const profiles = new Map<number, ContractProfile>([
  [1, { conId: 1, sector: 'Technology', assetType: 'Stock' }],
  [2, { conId: 2, sector: 'Technology', assetType: 'Stock' }],
  [3, { conId: 3, sector: null, assetType: 'ETF' }],
  [4, { conId: 4, sector: 'Energy', assetType: 'Stock' }],
]);

describe('allocation of the book', () => {
  const book = [position('AAPL', 1, 6000), position('MSFT', 2, 2000), position('SPY', 3, 1500), position('XOM', 4, -500), position('NEW', 5, null)];

  it('groups by sector, ETFs as ETFs, largest first, shares of the gross value', () => {
    expect(allocate(book, 'sector', profiles)).toEqual([
      { name: 'Technology', value: 8000, marketValue: 8000, pct: 80, short: false },
      { name: 'ETFs', value: 1500, marketValue: 1500, pct: 15, short: false },
      { name: 'Energy', value: 500, marketValue: -500, pct: 5, short: true },
    ]);
  });

  it('groups by type and by position; an unpriced position is left out, not counted as zero', () => {
    expect(allocate(book, 'type', profiles).map((s) => [s.name, s.pct])).toEqual([['Stock', 85], ['ETF', 15]]);
    expect(allocate(book, 'position', profiles).map((s) => s.name)).toEqual(['AAPL', 'MSFT', 'SPY', 'XOM']);
  });

  it('names a contract IB did not describe rather than dropping its value', () => {
    const slices = allocate([position('AAPL', 1, 100), position('ZZZ', 9, 100)], 'sector', profiles);
    expect(slices.map((s) => s.name)).toEqual(['Sector not given', 'Technology']);
  });

  it('folds the tail into one "Other" slice and still adds up to 100%', () => {
    const many = Array.from({ length: 30 }, (_, i) => position(`S${i}`, 100 + i, 1000 - i));
    const slices = allocate(many, 'position', new Map());
    expect(slices).toHaveLength(12);
    expect(slices[11]?.name).toBe('Other (19)');
    expect(slices.reduce((sum, s) => sum + s.pct, 0)).toBeCloseTo(100, 6);
  });

  it('counts an option by its delta-adjusted exposure with its market value beside, by asset class, currency and underlying', () => {
    const call = positionView({
      account: 'DU1', conId: 7, symbol: 'AAPL  261218C00230000', underlying: 'AAPL', secType: 'OPT', multiplier: 100, quantity: 10, expiry: '20261218', strike: 230, right: 'C',
      marketValue: 5000, baseValue: 5000, greeks: { delta: 0.5, gamma: 0.01, theta: -0.1, vega: 0.2, impliedVol: 0.3, underlyingPrice: 230 },
    });
    const sap = positionView({ account: 'DU1', conId: 8, symbol: 'SAP', currency: 'EUR', quantity: 10, marketValue: 2000, baseValue: 2160, fxRate: 1.08 });
    const slices = allocate([position('AAPL', 1, 6000), call, sap], 'underlying', profiles);
    expect(slices[0]).toMatchObject({ name: 'AAPL', value: 6000 + 0.5 * 10 * 100 * 230, marketValue: 11_000 });
    expect(allocate([position('AAPL', 1, 6000), call, sap], 'assetClass', profiles).map((s) => s.name)).toEqual(['Options', 'Stocks']);
    expect(allocate([position('AAPL', 1, 6000), call, sap], 'currency', profiles).map((s) => [s.name, s.value])).toEqual([['USD', 6000 + 115_000], ['EUR', 2160]]);
  });

  it('is empty when nothing is priced', () => {
    expect(allocate([position('NEW', 5, null)], 'sector', profiles)).toEqual([]);
  });
});
