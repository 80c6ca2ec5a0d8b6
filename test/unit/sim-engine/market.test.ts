import { describe, expect, it } from 'vitest';
import { BrokerEngine, ManualClock, type Quote } from '../../../src/sim/engine';
import { conIdOf, monday, saturday } from './support';

function prices(seed: number, symbols: string[]): number[][] {
  const clock = new ManualClock(monday(10));
  const engine = new BrokerEngine({ seed, clock });
  const ids = symbols.map((s) => conIdOf(engine, s));
  const out: number[][] = [];
  for (let i = 0; i < 20; i++) {
    clock.advance(60_000);
    out.push(ids.flatMap((id) => { const q = engine.quote(id); return [q.bid, q.ask, q.last, q.volume]; }));
  }
  engine.close();
  return out;
}

describe('simulated market', () => {
  it('is the same walk for the same seed and a different one for another seed', () => {
    const symbols = ['AAPL', 'SPY', 'TSLA'];
    expect(prices(7, symbols)).toEqual(prices(7, symbols));
    expect(prices(8, symbols)).not.toEqual(prices(7, symbols));
  });

  it('quotes a tight, tick-aligned market that moves during the session', () => {
    const clock = new ManualClock(monday(10));
    const engine = new BrokerEngine({ seed: 3, clock });
    const aapl = conIdOf(engine, 'AAPL');
    const seen: Quote[] = [];
    engine.on('tick', (conId, q) => { if (conId === aapl) seen.push(q); });
    clock.advance(10 * 60_000);
    expect(seen.length).toBeGreaterThan(100);
    const lasts = new Set(seen.map((q) => q.last));
    expect(lasts.size).toBeGreaterThan(5);
    for (const q of seen) {
      expect(q.ask).toBeGreaterThan(q.bid);
      expect(q.ask - q.bid).toBeLessThan(0.05);
      expect(Math.abs(q.bid * 100 - Math.round(q.bid * 100))).toBeLessThan(1e-6);
      expect(q.last).toBeGreaterThanOrEqual(q.low);
      expect(q.last).toBeLessThanOrEqual(q.high);
      expect(q.bidSize).toBeGreaterThan(0);
    }
    // Cumulative volume only grows.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.volume).toBeGreaterThanOrEqual(seen[i - 1]!.volume);
    engine.close();
  });

  it('sends no ticks while the market is closed for the weekend (watched crypto alone trades on)', () => {
    const clock = new ManualClock(saturday(12));
    const engine = new BrokerEngine({ seed: 3, clock, tickIntervalMs: 1_000 });
    const coins = new Set(['BTC', 'ETH'].map((symbol) => engine.resolve({ symbol, secType: 'CRYPTO' as never, exchange: 'PAXOS' })!.contract.conId!));
    for (const c of coins) engine.watch(c);
    let ticks = 0;
    let cryptoTicks = 0;
    engine.on('tick', (conId) => (coins.has(conId) ? cryptoTicks++ : ticks++));
    const before = engine.quote(conIdOf(engine, 'SPY'));
    clock.advance(3 * 3600_000);
    expect(ticks).toBe(0);
    expect(cryptoTicks).toBeGreaterThan(0);
    expect(engine.quote(conIdOf(engine, 'SPY')).last).toBe(before.last);
    engine.close();
  });

  it("starts a new day at the pre-market open: yesterday's last becomes the close, volume starts over", () => {
    const clock = new ManualClock(monday(15, 50));
    const engine = new BrokerEngine({ seed: 5, clock, tickIntervalMs: 5_000 });
    const spy = conIdOf(engine, 'SPY');
    clock.advanceTo(monday(23));
    const evening = engine.quote(spy);
    clock.advanceTo(monday(23) + 5 * 3600_000 + 1); // Tuesday 04:00 and a bit
    const morning = engine.quote(spy);
    expect(morning.close).toBe(evening.last);
    expect(morning.volume).toBeLessThan(evening.volume / 10);
    engine.close();
  });

  it('stops walking after close()', () => {
    const clock = new ManualClock(monday(10));
    const engine = new BrokerEngine({ seed: 1, clock });
    let ticks = 0;
    engine.on('tick', () => ticks++);
    engine.close();
    clock.advance(60_000);
    expect(ticks).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('adds synthetic symbols for load tests', () => {
    const clock = new ManualClock(monday(10));
    const engine = new BrokerEngine({ seed: 1, clock, extraSymbols: 500 });
    const d = engine.findContracts({ symbol: 'SYN0500' });
    expect(d).toHaveLength(1);
    expect(engine.quote(d[0]!.contract.conId!).last).toBeGreaterThan(0);
    const ticked = new Set<number>();
    engine.on('tick', (conId) => ticked.add(conId));
    clock.advance(5_000);
    expect(ticked.size).toBeGreaterThan(500);
    engine.close();
  });
});
