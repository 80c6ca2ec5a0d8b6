import { afterEach, describe, expect, it } from 'vitest';
import { BrokerEngine, ManualClock, type Quote } from '../../../src/sim/engine';
import { advanceUntil, conIdOf, monday, order, rig, stock, type Rig } from './support';

const HOUR = 3600_000;
let r: Rig;
afterEach(() => r?.engine.close());

function watch(rr: Rig, symbol: string): Quote[] {
  const id = conIdOf(rr.engine, symbol);
  const quotes: Quote[] = [];
  rr.engine.on('tick', (conId, q) => { if (conId === id) quotes.push(q); });
  return quotes;
}

describe('market orders', () => {
  it('fill at the ask in pieces no larger than the displayed size, then report Filled', () => {
    r = rig();
    const aapl = conIdOf(r.engine, 'AAPL');
    const shown = r.engine.quote(aapl);
    expect(r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 2000, 'MKT', { orderRef: 'draft-1' }))).toEqual({ kind: 'accepted' });
    expect(r.fills[0]!.execution.shares).toBeLessThanOrEqual(shown.askSize);
    expect(r.fills[0]!.execution.price).toBe(shown.ask);
    advanceUntil(r.clock, () => r.status(1)?.status === 'Filled', 60_000, 250);
    expect(r.fills.length).toBeGreaterThan(1);
    const total = r.fills.reduce((s, f) => s + f.execution.shares!, 0);
    expect(total).toBe(2000);
    expect(r.fills[r.fills.length - 1]!.execution.cumQty).toBe(2000);
    const done = r.status(1)!;
    expect(done).toMatchObject({ filled: 2000, remaining: 0, status: 'Filled' });
    const vwap = r.fills.reduce((s, f) => s + f.execution.shares! * f.execution.price!, 0) / 2000;
    expect(done.avgFillPrice).toBeCloseTo(vwap, 5);
    for (const f of r.fills) {
      expect(f.execution).toMatchObject({ side: 'BOT', orderRef: 'draft-1', acctNumber: 'DU1234567', orderId: 1, clientId: 1, permId: done.permId });
      expect(f.execution.time).toMatch(/^20261123 {2}10:0\d:\d\d$/);
      expect(f.execution.execId).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{8}\.01\.01$/);
      expect(f.commission.execId).toBe(f.execution.execId);
    }
    expect(new Set(r.fills.map((f) => f.execution.execId)).size).toBe(r.fills.length);
    // Partial fills report Submitted with what has filled so far.
    const partial = r.statuses.find((s) => s.orderId === 1 && s.filled > 0 && s.remaining > 0)!;
    expect(partial.status).toBe('Submitted');
    expect(r.engine.openOrders(1)).toEqual([]);
  });

  it('wait for the regular session: a market order placed after hours fills at the next open', () => {
    r = rig(monday(17), { tickIntervalMs: 5_000 });
    r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', 10, 'MKT', { outsideRth: true }));
    expect(r.status(1)!.status).toBe('PreSubmitted');
    r.clock.advanceTo(monday(19, 59));
    expect(r.fills).toHaveLength(0);
    advanceUntil(r.clock, () => r.fills.length > 0, 24 * HOUR, 60_000);
    expect(r.clock.now()).toBeGreaterThanOrEqual(monday(9, 30) + 24 * HOUR);
    expect(r.status(1)!.status).toBe('Filled');
  });
});

describe('limit orders', () => {
  it('rest until the market crosses the limit, then fill at or better than it', () => {
    r = rig(monday(10), { tickIntervalMs: 1_000 });
    const quotes = watch(r, 'TSLA');
    const start = r.engine.quote(conIdOf(r.engine, 'TSLA'));
    const lmt = Math.round((start.bid - 0.3) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('TSLA'), order('BUY', 100, 'LMT', { lmtPrice: lmt }));
    expect(r.fills).toHaveLength(0);
    expect(r.status(1)!.status).toBe('Submitted');
    let ticksAtFill = -1;
    r.engine.on('execution', () => { if (ticksAtFill < 0) ticksAtFill = quotes.length; });
    advanceUntil(r.clock, () => r.status(1)?.status === 'Filled', 6 * HOUR, 1_000);
    // Every quote before the fill had the ask above the limit; the one that filled had it at or below.
    for (const q of quotes.slice(0, ticksAtFill - 1)) expect(q.ask).toBeGreaterThan(lmt);
    expect(quotes[ticksAtFill - 1]!.ask).toBeLessThanOrEqual(lmt);
    for (const f of r.fills) expect(f.execution.price!).toBeLessThanOrEqual(lmt);
  });

  it('fill at once when marketable, at the touch rather than the limit', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'KO'));
    r.engine.placeOrder(1, 1, stock('KO'), order('SELL', 10, 'LMT', { lmtPrice: Math.round((q.bid - 1) * 100) / 100 }));
    expect(r.fills[0]!.execution).toMatchObject({ side: 'SLD', price: q.bid, shares: 10 });
  });
});

describe('stop orders', () => {
  it('stay PreSubmitted until the last trade reaches the stop, then execute as market orders', () => {
    r = rig(monday(10), { tickIntervalMs: 1_000 });
    const quotes = watch(r, 'TSLA');
    const start = r.engine.quote(conIdOf(r.engine, 'TSLA'));
    const stop = Math.round((start.last - 0.4) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('TSLA'), order('SELL', 50, 'STP', { auxPrice: stop, tif: 'GTC' as never }));
    expect(r.status(1)!.status).toBe('PreSubmitted');
    let ticksAtFill = -1;
    r.engine.on('execution', () => { if (ticksAtFill < 0) ticksAtFill = quotes.length; });
    advanceUntil(r.clock, () => r.status(1)?.status === 'Filled', 6 * HOUR, 1_000);
    for (const q of quotes.slice(0, ticksAtFill - 1)) expect(q.last).toBeGreaterThan(stop);
    const trigger = quotes[ticksAtFill - 1]!;
    expect(trigger.last).toBeLessThanOrEqual(stop);
    expect(r.fills[0]!.execution.price).toBe(trigger.bid);
  });

  it('trigger on a price gap and fill at the gapped market, not at the stop', () => {
    r = rig();
    const spy = conIdOf(r.engine, 'SPY');
    const q = r.engine.quote(spy);
    const stop = Math.round((q.last - 1) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('SPY'), order('SELL', 10, 'STP', { auxPrice: stop }));
    expect(r.status(1)!.status).toBe('PreSubmitted');
    const seen: number[] = [];
    r.engine.on('tick', (conId, t) => { if (conId === spy) seen.push(t.last); });
    r.engine.gap(spy, q.last * 0.95);
    const after = r.engine.quote(spy);
    expect(Math.abs(after.last - q.last * 0.95)).toBeLessThan(0.05);
    expect(seen).toHaveLength(1);
    expect(r.status(1)!.status).toBe('Filled');
    expect(r.fills[0]!.execution.price!).toBeLessThan(stop - 20);
    expect(() => r.engine.gap(1, 10)).toThrow();
    expect(() => r.engine.gap(spy, 0)).toThrow();
  });

  it('stop-limit orders become limit orders once triggered', () => {
    r = rig(monday(10), { tickIntervalMs: 1_000 });
    const start = r.engine.quote(conIdOf(r.engine, 'TSLA'));
    const stop = Math.round((start.last + 0.3) * 100) / 100;
    const lmt = Math.round((stop + 0.2) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('TSLA'), order('BUY', 20, 'STP LMT', { auxPrice: stop, lmtPrice: lmt }));
    advanceUntil(r.clock, () => r.fills.length > 0, 6 * HOUR, 1_000);
    expect(r.fills[0]!.execution.price!).toBeLessThanOrEqual(lmt);
    expect(r.fills[0]!.execution.price!).toBeGreaterThanOrEqual(stop - 0.05);
  });
});

describe('trailing stops', () => {
  it('raise the stop as the price rises and sell when it falls back by the trail', () => {
    r = rig(monday(10), { tickIntervalMs: 1_000 });
    const tsla = conIdOf(r.engine, 'TSLA');
    const quotes = watch(r, 'TSLA');
    r.engine.placeOrder(1, 1, stock('TSLA'), order('SELL', 10, 'TRAIL', { auxPrice: 0.75, tif: 'GTC' as never }));
    let highest = r.engine.quote(tsla).last;
    let lastStop = r.engine.openOrders(1)[0]!.order.trailStopPrice!;
    expect(lastStop).toBeCloseTo(highest - 0.75, 2);
    let raised = false;
    advanceUntil(r.clock, () => {
      for (const q of quotes.splice(0)) highest = Math.max(highest, q.last);
      const open = r.engine.openOrders(1)[0];
      if (!open) return true;
      const stop = open.order.trailStopPrice!;
      expect(stop).toBeGreaterThanOrEqual(lastStop);
      if (stop > lastStop) raised = true;
      expect(stop).toBeCloseTo(highest - 0.75, 2);
      lastStop = stop;
      return false;
    }, 6 * HOUR, 1_000);
    expect(raised).toBe(true);
    expect(r.status(1)!.status).toBe('Filled');
    expect(r.fills[0]!.execution.side).toBe('SLD');
    expect(r.fills[0]!.execution.price!).toBeLessThanOrEqual(lastStop + 0.01);
  });

  it('accept a trailing percentage', () => {
    r = rig();
    const last = r.engine.quote(conIdOf(r.engine, 'SPY')).last;
    r.engine.placeOrder(1, 1, stock('SPY'), order('SELL', 5, 'TRAIL', { trailingPercent: 1 }));
    expect(r.engine.openOrders(1)[0]!.order.trailStopPrice).toBeCloseTo(last * 0.99, 2);
  });
});

describe('brackets and OCA groups', () => {
  function bracket(rr: Rig, symbol: string, qty: number, offset: number): { parent: number; profit: number; loss: number } {
    const q = rr.engine.quote(conIdOf(rr.engine, symbol));
    const px = (p: number): number => Math.round(p * 100) / 100;
    expect(rr.engine.placeOrder(1, 10, stock(symbol), order('BUY', qty, 'LMT', { lmtPrice: px(q.ask + 0.05), transmit: false, orderRef: 'b' }))).toEqual({ kind: 'accepted' });
    expect(rr.engine.placeOrder(1, 11, stock(symbol), order('SELL', qty, 'LMT', { lmtPrice: px(q.ask + offset), parentId: 10, transmit: false, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    // Nothing goes out until the last child is transmitted.
    expect(rr.fills).toHaveLength(0);
    expect(rr.engine.placeOrder(1, 12, stock(symbol), order('SELL', qty, 'STP', { auxPrice: px(q.bid - offset), parentId: 10, transmit: true, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    return { parent: 10, profit: 11, loss: 12 };
  }

  it('activate the children when the parent fills, and cancel the other child when one fills', () => {
    r = rig(monday(10), { tickIntervalMs: 1_000 });
    const b = bracket(r, 'TSLA', 10, 0.5);
    expect(r.status(b.parent)!.status).toBe('Filled');
    expect(r.status(b.profit)!.status).toBe('Submitted');
    expect(r.status(b.loss)!.status).toBe('PreSubmitted');
    advanceUntil(r.clock, () => r.fills.length > 1, 6 * HOUR, 1_000);
    const exit = r.fills[1]!.execution.orderId!;
    const other = exit === b.profit ? b.loss : b.profit;
    expect(r.status(exit)!.status).toBe('Filled');
    expect(r.status(other)!.status).toBe('Cancelled');
    expect(r.engine.openOrders(1)).toEqual([]);
    expect(r.fills).toHaveLength(2);
  });

  it('keep children PreSubmitted while the parent rests, and cancel them with the parent', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'SPY'));
    r.engine.placeOrder(1, 20, stock('SPY'), order('BUY', 5, 'LMT', { lmtPrice: Math.round((q.bid - 20) * 100) / 100, transmit: false }));
    r.engine.placeOrder(1, 21, stock('SPY'), order('SELL', 5, 'LMT', { lmtPrice: Math.round((q.ask - 10) * 100) / 100, parentId: 20, transmit: true }));
    r.clock.advance(60_000);
    // The child's limit is below the market, but it must not sell shares the parent has not bought.
    expect(r.fills).toHaveLength(0);
    expect(r.status(21)!.status).toBe('PreSubmitted');
    expect(r.engine.cancelOrder(20, 1)).toBe(true);
    expect(r.status(20)!.status).toBe('Cancelled');
    expect(r.status(21)!.status).toBe('Cancelled');
  });

  it('reduce the stop-loss by what a partially filled take-profit sold, keeping the rest protected', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'KO'));
    const px = (p: number): number => Math.round(p * 100) / 100;
    r.engine.placeOrder(1, 40, stock('KO'), order('BUY', 5000, 'MKT', { transmit: false }));
    r.engine.placeOrder(1, 41, stock('KO'), order('SELL', 5000, 'LMT', { lmtPrice: px(q.bid - 1), parentId: 40, transmit: false, tif: 'GTC' as never }));
    r.engine.placeOrder(1, 42, stock('KO'), order('SELL', 5000, 'STP', { auxPrice: px(q.bid - 5), parentId: 40, tif: 'GTC' as never }));
    advanceUntil(r.clock, () => r.status(40)?.status === 'Filled', 60_000, 250);
    advanceUntil(r.clock, () => (r.status(41)?.filled ?? 0) > 0, 60_000, 250);
    const tp = r.status(41)!;
    // 5000 shares is more than KO ever shows at the bid, so the take-profit fills in pieces.
    expect(tp.status).toBe('Submitted');
    const sl = r.engine.openOrders(1).find((o) => o.orderId === 42)!;
    expect(sl.order.totalQuantity).toBe(5000 - tp.filled);
    expect(sl.remaining).toBe(5000 - tp.filled);
    expect(sl.status).toBe('PreSubmitted');
    advanceUntil(r.clock, () => r.status(41)?.status === 'Filled', 60_000, 250);
    expect(r.status(42)).toMatchObject({ status: 'Cancelled', filled: 0, remaining: 0 });
    // In and out: the position is back where it was.
    const sold = r.fills.filter((f) => f.execution.orderId === 41).reduce((s, f) => s + f.execution.shares!, 0);
    expect(sold).toBe(5000);
    expect(r.fills.filter((f) => f.execution.orderId === 41).length).toBeGreaterThan(1);
  });

  it('cancel the rest of an explicit OCA group when one member fills', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'MSFT'));
    r.engine.placeOrder(1, 30, stock('MSFT'), order('BUY', 5, 'LMT', { lmtPrice: Math.round((q.bid - 5) * 100) / 100, ocaGroup: 'entry', ocaType: 1 }));
    r.engine.placeOrder(1, 31, stock('MSFT'), order('BUY', 5, 'LMT', { lmtPrice: Math.round((q.ask + 0.1) * 100) / 100, ocaGroup: 'entry', ocaType: 1 }));
    expect(r.status(31)!.status).toBe('Filled');
    expect(r.status(30)!.status).toBe('Cancelled');
    expect(r.status(30)!.reason).toMatch(/OCA/);
  });
});

describe('time in force', () => {
  it('IOC fills what it can at once and cancels the rest', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'AAPL'));
    r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 50_00, 'LMT', { lmtPrice: q.ask, tif: 'IOC' as never }));
    const s = r.status(1)!;
    expect(s.status).toBe('Cancelled');
    expect(s.filled).toBeGreaterThan(0);
    expect(s.filled).toBeLessThanOrEqual(q.askSize);
    expect(s.remaining).toBe(5000 - s.filled);
    r.engine.placeOrder(1, 2, stock('AAPL'), order('BUY', 10, 'LMT', { lmtPrice: Math.round((q.bid - 10) * 100) / 100, tif: 'IOC' as never }));
    expect(r.status(2)).toMatchObject({ status: 'Cancelled', filled: 0 });
  });

  it('DAY orders expire at the close; GTC orders carry over to the next day', () => {
    r = rig(monday(15, 30), { tickIntervalMs: 10_000 });
    const q = r.engine.quote(conIdOf(r.engine, 'IBM'));
    const far = Math.round((q.bid * 0.8) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('IBM'), order('BUY', 10, 'LMT', { lmtPrice: far, tif: 'DAY' as never }));
    r.engine.placeOrder(1, 2, stock('IBM'), order('BUY', 10, 'LMT', { lmtPrice: far, tif: 'GTC' as never }));
    r.engine.placeOrder(1, 3, stock('IBM'), order('BUY', 10, 'LMT', { lmtPrice: far, outsideRth: true }));
    r.clock.advanceTo(monday(15, 59));
    expect(r.status(1)!.status).toBe('Submitted');
    r.clock.advanceTo(monday(16, 0) + 1);
    expect(r.status(1)).toMatchObject({ status: 'Cancelled', reason: 'DAY order expired at the close' });
    // With outsideRth a DAY order lives through the after-hours session.
    expect(r.status(3)!.status).toBe('Submitted');
    r.clock.advanceTo(monday(20, 0) + 1);
    expect(r.status(3)!.status).toBe('Cancelled');
    r.clock.advanceTo(monday(10) + 24 * HOUR);
    expect(r.engine.openOrders(1).map((o) => o.orderId)).toEqual([2]);
  });

  it('a DAY order placed after the close waits for and expires with the next session', () => {
    r = rig(monday(21), { tickIntervalMs: 60_000 });
    const q = r.engine.quote(conIdOf(r.engine, 'IBM'));
    r.engine.placeOrder(1, 1, stock('IBM'), order('BUY', 10, 'LMT', { lmtPrice: Math.round(q.bid * 0.8 * 100) / 100 }));
    r.clock.advanceTo(monday(15) + 24 * HOUR);
    expect(r.status(1)!.status).toBe('Submitted');
    r.clock.advanceTo(monday(16, 1) + 24 * HOUR);
    expect(r.status(1)!.status).toBe('Cancelled');
  });

  it('outside regular hours only outsideRth limit orders execute', () => {
    r = rig(monday(17), { tickIntervalMs: 5_000 });
    const q = r.engine.quote(conIdOf(r.engine, 'NVDA'));
    const lmt = Math.round((q.ask + 0.5) * 100) / 100;
    r.engine.placeOrder(1, 1, stock('NVDA'), order('BUY', 10, 'LMT', { lmtPrice: lmt, tif: 'GTC' as never }));
    r.engine.placeOrder(1, 2, stock('NVDA'), order('BUY', 10, 'LMT', { lmtPrice: lmt, tif: 'GTC' as never, outsideRth: true }));
    expect(r.status(2)!.status).toBe('Filled');
    expect(r.status(1)!.status).toBe('PreSubmitted');
    r.clock.advance(HOUR);
    expect(r.status(1)!.status).toBe('PreSubmitted');
    advanceUntil(r.clock, () => r.status(1)?.status !== 'PreSubmitted', 24 * HOUR, 60_000);
    expect(r.clock.now()).toBeGreaterThanOrEqual(monday(9, 30) + 24 * HOUR);
  });
});

describe('fills without a listener', () => {
  it('happen on the engine clock and are found in executions afterwards', () => {
    const clock = new ManualClock(monday(10));
    const engine = new BrokerEngine({ seed: 7, clock, tickIntervalMs: 1_000 });
    try {
      const seen: string[] = [];
      const off = engine.on('orderStatus', (rec) => seen.push(rec.status));
      const q = engine.quote(conIdOf(engine, 'TSLA'));
      engine.placeOrder(7, 1, stock('TSLA'), order('BUY', 10, 'LMT', { lmtPrice: Math.round((q.bid - 0.5) * 100) / 100, orderRef: 'away' }));
      expect(seen).toEqual(['Submitted']);
      // The client goes away: nobody listens any more.
      off();
      advanceUntil(clock, () => engine.openOrders(7).length === 0, 6 * HOUR, 5_000);
      expect(seen).toEqual(['Submitted']);
      const fills = engine.executions({ clientId: 7 });
      expect(fills.length).toBeGreaterThan(0);
      expect(fills.every((f) => f.execution.orderRef === 'away')).toBe(true);
      expect(fills.reduce((s, f) => s + f.execution.shares!, 0)).toBe(10);
      expect(engine.positions('DU1234567').find((p) => p.contract.symbol === 'TSLA')?.pos).toBe(10);
    } finally {
      engine.close();
    }
  });
});
