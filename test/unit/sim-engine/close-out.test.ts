// IB's close-out of physically delivered futures on the engine's clock: IB
// never lets a retail account make or take delivery, so a gold, crude or
// 10-year note position still held on its close-out date is liquidated at the
// market during that day's session, with IB's commission, and reported as an
// execution of no order. The date is the app's own rule
// (src/shared/futures-delivery.ts): a long from ahead of first notice, a
// short from ahead of the last trading day. Cash-settled futures (ES) keep
// their final settlement at expiry.
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerEngine, BrokerState, ManualClock, type Contract, type FillRecord } from '../../../src/sim/engine';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { closeOutOf } from '../../../src/shared/futures-delivery';
import { MARGIN, monday, order, rig, type Rig } from './support';

const at = (y: number, mo: number, d: number, h: number, mi = 0): number => easternToMs(y, mo, d, h, mi);
const FAST = { tickIntervalMs: 60_000 };
const LIQUIDATION = 'IB LIQUIDATION';

const rigs: BrokerEngine[] = [];
afterEach(() => { for (const e of rigs.splice(0)) e.close(); });
function start(ms = monday(10)): Rig {
  const r = rig(ms, FAST);
  rigs.push(r.engine);
  return r;
}

const cash = (e: BrokerEngine, account: string, currency = 'USD'): number =>
  Number(e.accountLedger(account).find((v) => v.tag === 'CashBalance' && v.currency === currency)!.value);
const row = (e: BrokerEngine, account: string, conId: number) => e.positions(account).find((p) => p.contract.conId === conId);
const month = (e: BrokerEngine, localSymbol: string, exchange: string): Contract =>
  e.findContracts({ localSymbol, secType: 'FUT' as Contract['secType'], exchange })[0]!.contract;
const byConId = (conId: number, exchange: string): Contract => ({ conId, exchange } as Contract);
const liquidations = (fills: FillRecord[], conId: number): FillRecord[] => fills.filter((f) => f.contract.conId === conId && f.execution.exchange === LIQUIDATION);

/** Records each IB liquidation with the quote at the instant it was made. */
function watchLiquidations(e: BrokerEngine): { fill: FillRecord; bid: number; ask: number }[] {
  const seen: { fill: FillRecord; bid: number; ask: number }[] = [];
  e.on('execution', (f) => {
    if (f.execution.exchange !== LIQUIDATION) return;
    const q = e.quote(f.contract.conId!);
    seen.push({ fill: f, bid: q.bid, ask: q.ask });
  });
  return seen;
}

describe('gold (COMEX, physically delivered) is closed out by IB ahead of delivery', () => {
  it('the dates are the app\'s: a long GCZ6 from 25 November (ahead of first notice 30 November), a short from 24 December (ahead of the last trade 29 December, the weekdays counted as the app counts them)', () => {
    expect(closeOutOf('GC', '20261229', 1).date).toBe('20261125');
    expect(closeOutOf('GC', '20261229', -1).date).toBe('20261224');
  });

  it('a long still held on its close-out date is sold at the bid during that day\'s session, with commission; its working orders work until then', () => {
    const r = start();
    const e = r.engine;
    const seen = watchLiquidations(e);
    const gc = month(e, 'GCZ6', 'COMEX').conId!;
    expect(e.placeOrder(1, 1, byConId(gc, 'COMEX'), order('BUY', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    const bought = r.fills.find((f) => f.execution.orderId === 1)!;
    const high = Math.round(e.quote(gc).ask * 1.2 * 10) / 10;
    expect(e.placeOrder(1, 2, byConId(gc, 'COMEX'), order('SELL', 2, 'LMT', { lmtPrice: high, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    const before = cash(e, MARGIN);

    // The day before its close-out, and on the close-out day before its session, nothing happens.
    r.clock.advanceTo(at(2026, 11, 24, 20));
    expect(row(e, MARGIN, gc)?.pos).toBe(2);
    expect(e.openOrders('all').map((o) => o.orderId)).toEqual([2]);
    r.clock.advanceTo(at(2026, 11, 25, 9, 29));
    expect(row(e, MARGIN, gc)?.pos).toBe(2);
    expect(seen).toEqual([]);

    r.clock.advanceTo(at(2026, 11, 25, 9, 45));
    expect(row(e, MARGIN, gc)).toBeUndefined();
    expect(seen).toHaveLength(1);
    const { fill, bid } = seen[0]!;
    const time = fill.execution.time!;
    expect(time.startsWith('20261125')).toBe(true);
    expect(fill.execution).toMatchObject({ side: 'SLD', shares: 2, price: bid, orderId: 0, clientId: 0, permId: 0, liquidation: 1 });
    // IB's futures commission: USD 0.85 a contract.
    expect(fill.commission).toMatchObject({ commission: 1.7, currency: 'USD' });
    const variation = (bid - bought.execution.price!) * 100 * 2;
    expect(cash(e, MARGIN)).toBeCloseTo(before + variation - 1.7, 2);
    expect(fill.commission.realizedPNL).toBeCloseTo(variation - 1.7 - bought.commission.commission!, 1);
    // A working order in it would open a position IB has just closed out: it is cancelled with the close-out.
    expect(r.status(2)?.status).toBe('Cancelled');
    expect(e.openOrders('all')).toEqual([]);
    // It is reported once, not again at the next day's session or at the last trade.
    r.clock.advanceTo(at(2026, 11, 27, 12));
    expect(liquidations(r.fills, gc)).toHaveLength(1);
  });

  it('a short is left through the longs\' close-out and bought back at the ask on its own close-out date, ahead of the last trade', () => {
    const r = start();
    const e = r.engine;
    const seen = watchLiquidations(e);
    const gc = month(e, 'GCZ6', 'COMEX').conId!;
    expect(e.placeOrder(1, 1, byConId(gc, 'COMEX'), order('SELL', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    const sold = r.fills.find((f) => f.execution.orderId === 1)!;
    r.clock.advanceTo(at(2026, 11, 26, 12));
    expect(row(e, MARGIN, gc)?.pos).toBe(-1);
    r.clock.advanceTo(at(2026, 12, 23, 20));
    expect(row(e, MARGIN, gc)?.pos).toBe(-1);
    expect(seen).toEqual([]);
    // Measured after ES and the December options have settled: the short's whole variation is paid when it is closed.
    const before = cash(e, MARGIN);
    r.clock.advanceTo(at(2026, 12, 24, 10));
    expect(row(e, MARGIN, gc)).toBeUndefined();
    expect(seen).toHaveLength(1);
    const { fill, ask } = seen[0]!;
    expect(fill.execution.time!.startsWith('20261224')).toBe(true);
    expect(fill.execution).toMatchObject({ side: 'BOT', shares: 1, price: ask, orderId: 0, liquidation: 1 });
    expect(fill.commission).toMatchObject({ commission: 0.85, currency: 'USD' });
    expect(cash(e, MARGIN)).toBeCloseTo(before + (sold.execution.price! - ask) * 100 - 0.85, 2);
    // Nothing is left for the last trading day to settle.
    r.clock.advanceTo(at(2026, 12, 30, 12));
    expect(r.fills.filter((f) => f.contract.conId === gc && f.execution.orderId === 0)).toHaveLength(1);
  });
});

describe('cash-settled futures are not closed out early', () => {
  it('ES is held through its last trading day and settles at its final price, with no IB liquidation', () => {
    const r = start();
    const e = r.engine;
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT' && p.contract.symbol === 'ES')!;
    const conId = es.contract.conId!;
    expect(es.contract.lastTradeDateOrContractMonth).toBe('20261218');
    r.clock.advanceTo(at(2026, 12, 18, 15));
    expect(row(e, MARGIN, conId)?.pos).toBe(es.pos);
    r.clock.advanceTo(at(2026, 12, 21, 10));
    expect(row(e, MARGIN, conId)).toBeUndefined();
    const settled = r.fills.filter((f) => f.contract.conId === conId && f.execution.orderId === 0);
    expect(settled.map((f) => f.execution.exchange)).toEqual(['FINAL SETTLEMENT']);
    expect(settled[0]!.commission.commission).toBe(0);
  });
});

describe('a saved book that outlived a close-out date', () => {
  const throughFile = (s: BrokerState): BrokerState => BrokerState.parse(JSON.parse(JSON.stringify(s)));

  it('opens with the long liquidated at the last mark it knew, with commission, its working order cancelled, and the short still held', () => {
    const r = start();
    const e = r.engine;
    const gcz = month(e, 'GCZ6', 'COMEX').conId!;
    const gcg = month(e, 'GCG7', 'COMEX').conId!;
    expect(e.placeOrder(1, 1, byConId(gcz, 'COMEX'), order('BUY', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    const high = Math.round(e.quote(gcz).ask * 1.2 * 10) / 10;
    expect(e.placeOrder(1, 2, byConId(gcz, 'COMEX'), order('SELL', 2, 'LMT', { lmtPrice: high, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    expect(e.placeOrder(1, 3, byConId(gcg, 'COMEX'), order('SELL', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    const bought = r.fills.find((f) => f.execution.orderId === 1)!;
    const mark = e.quote(gcz).last;
    const before = cash(e, MARGIN);
    const saved = throughFile(e.state());

    // Saved on Monday 23 November; opened again on Monday 30 November, after the long's close-out (25 November).
    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2026, 11, 30, 8)), saved });
    rigs.push(next);
    expect(row(next, MARGIN, gcz)).toBeUndefined();
    const fill = next.executions({}).find((f) => f.contract.conId === gcz && f.execution.orderId === 0)!;
    expect(fill.execution).toMatchObject({ exchange: LIQUIDATION, side: 'SLD', shares: 2, price: mark, liquidation: 1 });
    expect(fill.commission).toMatchObject({ commission: 1.7, currency: 'USD' });
    expect(cash(next, MARGIN)).toBeCloseTo(before + (mark - bought.execution.price!) * 100 * 2 - 1.7, 2);
    expect(next.completedOrders('all').map((o) => [o.orderId, o.status])).toEqual(expect.arrayContaining([[1, 'Filled'], [2, 'Cancelled']]));
    expect(next.openOrders('all')).toEqual([]);
    // The February short's close-out is not until February.
    expect(row(next, MARGIN, gcg)?.pos).toBe(-1);
    // Saved again and opened again, nothing is liquidated twice.
    const again = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2026, 11, 30, 9)), saved: throughFile(next.state()) });
    rigs.push(again);
    expect(cash(again, MARGIN)).toBeCloseTo(cash(next, MARGIN), 2);
    expect(again.executions({}).filter((f) => f.execution.exchange === LIQUIDATION)).toHaveLength(1);
  });

  it('opened past the last trading day too, a long is still liquidated (IB never let it reach final settlement)', () => {
    const r = start();
    const e = r.engine;
    const gcz = month(e, 'GCZ6', 'COMEX').conId!;
    expect(e.placeOrder(1, 1, byConId(gcz, 'COMEX'), order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    const mark = e.quote(gcz).last;
    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2027, 1, 4, 10)), saved: throughFile(e.state()) });
    rigs.push(next);
    expect(row(next, MARGIN, gcz)).toBeUndefined();
    const ended = next.executions({}).filter((f) => f.contract.conId === gcz && f.execution.orderId === 0);
    expect(ended.map((f) => [f.execution.exchange, f.execution.price])).toEqual([[LIQUIDATION, mark]]);
  });
});
