import { describe, expect, it } from 'vitest';
import { advanceUntil, conIdOf, order, rig, saturday, stock } from './support';

describe("'always-open' market hours (demo on a weekend)", () => {
  it('moves the market and fills orders on a Saturday night, and lists every day as open', () => {
    const r = rig(saturday(22), { marketHours: 'always-open', tickIntervalMs: 1_000 });
    const spy = conIdOf(r.engine, 'SPY');
    let ticks = 0;
    r.engine.on('tick', (conId) => { if (conId === spy) ticks++; });
    r.clock.advance(60_000);
    expect(ticks).toBeGreaterThan(10);
    r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', 5, 'MKT'));
    expect(r.status(1)!.status).toBe('Filled');
    expect(r.engine.resolve(stock('SPY'))!.liquidHours!.split(';')[0]).toBe('20261128:0000-20261129:0000');
    // A DAY order lasts until Eastern midnight.
    const q = r.engine.quote(spy);
    r.engine.placeOrder(1, 2, stock('SPY'), order('BUY', 5, 'LMT', { lmtPrice: Math.round(q.bid * 0.5 * 100) / 100 }));
    advanceUntil(r.clock, () => r.status(2)?.status === 'Cancelled', 3 * 3600_000, 60_000);
    expect(r.clock.now()).toBeGreaterThanOrEqual(saturday(24));
    r.engine.close();
  });

  it('by default keeps the weekend closed: the same order waits for Monday', () => {
    const r = rig(saturday(22), { tickIntervalMs: 60_000 });
    r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', 5, 'MKT'));
    expect(r.status(1)!.status).toBe('PreSubmitted');
    r.clock.advance(24 * 3600_000);
    expect(r.fills).toHaveLength(0);
    r.engine.close();
  });
});
