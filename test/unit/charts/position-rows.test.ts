import { describe, expect, it } from 'vitest';
import { groupKey, positionRows } from '../../../src/renderer/src/positions/position-rows';
import { positionView } from '../../support/position-view';

const greeks = { delta: 0.5, gamma: 0.01, theta: -0.05, vega: 0.1, impliedVol: 0.25, underlyingPrice: 600 };
const book = [
  positionView({ account: 'M', conId: 1, symbol: 'AAPL', quantity: 100, baseValue: 20_000 }),
  positionView({ account: 'M', conId: 2, symbol: 'SPY 261218C600', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 600, right: 'C', quantity: 10, baseValue: 12_000, greeks }),
  positionView({ account: 'M', conId: 3, symbol: 'SPY 261218C620', underlying: 'SPY', secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 620, right: 'C', quantity: -10, baseValue: -4_000, greeks: { ...greeks, delta: 0.3 } }),
  positionView({ account: 'M', conId: 4, symbol: 'SAP', currency: 'EUR', quantity: 10, baseValue: 2_000 }),
];

describe('positions table rows', () => {
  it('collapses each underlying\'s options into one group row sorted among the positions by its legs\' sum', () => {
    const rows = positionRows(book, { key: 'marketValue', direction: 'desc' }, new Set(), '20261202');
    expect(rows.map((r) => r.kind === 'group' ? `group ${r.group.underlying}` : r.kind === 'position' ? r.position.symbol : 'leg')).toEqual(['AAPL', 'group SPY', 'SAP']);
    const group = rows[1]!;
    expect(group.kind === 'group' && group.group.strategies[0]!.kind).toBe('vertical');
  });

  it('expands a group into its legs with days to expiry', () => {
    const rows = positionRows(book, { key: 'marketValue', direction: 'desc' }, new Set([groupKey('M', 'SPY')]), '20261202');
    const legs = rows.filter((r) => r.kind === 'leg');
    expect(legs.map((r) => r.kind === 'leg' && [r.position.strike, r.daysToExpiry])).toEqual([[600, 16], [620, 16]]);
    expect(rows.findIndex((r) => r.kind === 'group')).toBe(rows.findIndex((r) => r.kind === 'leg') - 1);
  });

  it('flags a short call in the money from the shares held or the underlying\'s quote when IB sent no greeks', () => {
    const shares = positionView({ account: 'M', conId: 21, symbol: 'XYZ', quantity: 100, marketPrice: 120, baseValue: 12_000 });
    const call = positionView({ account: 'M', conId: 22, symbol: 'XYZ 261204C100', underlying: 'XYZ', secType: 'OPT', multiplier: 100, expiry: '20261204', strike: 100, right: 'C', quantity: -1, baseValue: -2000 });
    const legFlags = (positions: typeof book, quotes: Parameters<typeof positionRows>[4] = []) => {
      const leg = positionRows(positions, { key: 'marketValue', direction: 'desc' }, new Set([groupKey('M', 'XYZ')]), '20261202', quotes).find((r) => r.kind === 'leg');
      return leg?.kind === 'leg' ? leg.flags.map((f) => f.kind) : [];
    };
    expect(legFlags([shares, call])).toEqual(['expires this week', 'assignment risk']);
    expect(legFlags([call], [{ symbol: 'XYZ', bid: 119.9, ask: 120.1, last: 120, close: 119 }])).toEqual(['expires this week', 'assignment risk']);
    expect(legFlags([call])).toEqual(['expires this week', 'assignment risk unknown']);
  });

  it('lays out 1,000+ positions with option groups quickly enough to redo on every batch', () => {
    const many = Array.from({ length: 1200 }, (_, i) => i % 4 === 0
      ? positionView({ account: 'M', conId: 10_000 + i, symbol: `U${i % 40} C${i}`, underlying: `U${i % 40}`, secType: 'OPT', multiplier: 100, expiry: '20261218', strike: 100 + i, right: 'C', quantity: 1, baseValue: i, greeks })
      : positionView({ account: 'M', conId: 10_000 + i, symbol: `S${i}`, quantity: 1, baseValue: i }));
    const started = performance.now();
    const rows = positionRows(many, { key: 'marketValue', direction: 'desc' }, new Set([groupKey('M', 'U1')]), '20261202');
    const took = performance.now() - started;
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(10);
    // Well under a frame budget on this machine; the renderer's 50 ms long-task budget has room to draw.
    expect(took).toBeLessThan(50);
  });
});
