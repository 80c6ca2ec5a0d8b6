import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EventName, OrderAction, OrderType, SecType, TimeInForce, type CommissionReport, type Contract, type Execution,
  type IBApi, type Order, type OrderState,
} from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
let h: Harness;
let margin: string;
let ira: string;
beforeEach(async () => {
  h = await startHarness();
  [margin, ira] = h.sim.accounts as [string, string];
});
afterEach(async () => { await h.close(); });

type StatusArgs = [number, string, number, number, number, number, number, number, number, string, number];
type OpenOrderArgs = [number, Contract, Order, OrderState];

function track(ib: IBApi) {
  const statuses = record<StatusArgs>(ib, EventName.orderStatus);
  const opens = record<OpenOrderArgs>(ib, EventName.openOrder);
  const execs = record<[number, Contract, Execution]>(ib, EventName.execDetails);
  const commissions = record<[CommissionReport]>(ib, EventName.commissionReport);
  const errors = record<[Error, number, number]>(ib, EventName.error);
  const last = (orderId: number): string | undefined => statuses.filter(([id]) => id === orderId).at(-1)?.[1];
  return { statuses, opens, execs, commissions, errors, last };
}

function quote() {
  const conId = h.sim.engine.resolve(aapl)!.contract.conId!;
  return h.sim.engine.quote(conId);
}

const cents = (n: number): number => Math.round(n * 100) / 100;

describe('orders over TCP with the real client', () => {
  it('market order: open order, Filled status, execution and commission, all with the same permId and orderRef', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const received: { clientId: number; orderId: number; orderRef: string; whatIf: boolean; receivedAt: number }[] = [];
    h.sim.on('placeOrder', (e) => received.push(e));
    const sentAt = performance.now();
    ib.placeOrder(1, aapl, { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.MKT, account: margin, orderRef: 'draft-mkt', tif: TimeInForce.DAY, transmit: true });
    await until(() => t.last(1) === 'Filled' && t.commissions.length > 0, 'fill and commission');
    const open = t.opens.find(([id]) => id === 1)!;
    expect(open[2].orderRef).toBe('draft-mkt');
    expect(open[2].permId).toBeGreaterThan(0);
    const filled = t.statuses.find(([id, s]) => id === 1 && s === 'Filled')!;
    expect(filled[2]).toBe(10);
    expect(filled[3]).toBe(0);
    expect(filled[5]).toBe(open[2].permId);
    const [reqId, c, e] = t.execs.find(([, , x]) => x.orderId === 1)!;
    expect(reqId).toBe(-1);
    expect(c.symbol).toBe('AAPL');
    expect(e).toMatchObject({ side: 'BOT', orderRef: 'draft-mkt', acctNumber: margin, clientId: 5 });
    const [report] = t.commissions.find(([r]) => r.execId === e.execId)!;
    expect(report.commission).toBeGreaterThan(0);
    expect(report.currency).toBe('USD');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ clientId: 5, orderId: 1, orderRef: 'draft-mkt', whatIf: false });
    expect(received[0]!.receivedAt).toBeGreaterThanOrEqual(sentAt);
    expect(received[0]!.receivedAt).toBeLessThanOrEqual(performance.now());
  });

  it('marketable limit fills at or better than its limit; a resting limit fills when the market crosses it', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const q = quote();
    ib.placeOrder(2, aapl, { action: OrderAction.BUY, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: cents(q.ask + 1), account: margin, transmit: true });
    await until(() => t.last(2) === 'Filled', 'marketable limit filled');
    expect(t.statuses.find(([id, s]) => id === 2 && s === 'Filled')![4]).toBeLessThanOrEqual(cents(q.ask + 1));
    const q2 = quote();
    const limit = cents(q2.bid - 0.05);
    ib.placeOrder(3, aapl, { action: OrderAction.BUY, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: limit, account: margin, transmit: true });
    await until(() => t.last(3) === 'Submitted', 'resting limit working');
    await advanceUntil(h.clock, 250, () => t.last(3) === 'Filled', 'resting limit filled when crossed', 20_000);
    expect(t.statuses.find(([id, s]) => id === 3 && s === 'Filled')![4]).toBeLessThanOrEqual(limit);
  });

  it('stop: a sell stop under the bid waits, then fills once the market trades down through it', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const stop = cents(quote().bid - 0.05);
    ib.placeOrder(4, aapl, { action: OrderAction.SELL, totalQuantity: 1, orderType: OrderType.STP, auxPrice: stop, account: margin, tif: TimeInForce.GTC, transmit: true });
    await until(() => t.last(4) === 'PreSubmitted' || t.last(4) === 'Submitted', 'stop working');
    await advanceUntil(h.clock, 250, () => t.last(4) === 'Filled', 'stop triggered and filled', 20_000);
  });

  it('stop-limit and trailing stops (amount and percent) work until cancelled; global cancel ends them all with 202', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const q = quote();
    ib.placeOrder(5, aapl, { action: OrderAction.SELL, totalQuantity: 1, orderType: OrderType.STP_LMT, auxPrice: cents(q.bid * 0.8), lmtPrice: cents(q.bid * 0.79), account: margin, tif: TimeInForce.GTC, transmit: true });
    ib.placeOrder(6, aapl, { action: OrderAction.SELL, totalQuantity: 1, orderType: OrderType.TRAIL, auxPrice: cents(q.bid * 0.2), account: margin, tif: TimeInForce.GTC, transmit: true });
    ib.placeOrder(7, aapl, { action: OrderAction.SELL, totalQuantity: 1, orderType: OrderType.TRAIL, trailingPercent: 20, account: margin, tif: TimeInForce.GTC, transmit: true });
    await until(() => [5, 6, 7].every((id) => t.last(id) === 'PreSubmitted' || t.last(id) === 'Submitted'), 'three working orders');
    const trail = t.opens.filter(([id]) => id === 7).at(-1)![2];
    expect(trail.trailingPercent).toBe(20);
    ib.reqGlobalCancel();
    await until(() => [5, 6, 7].every((id) => t.last(id) === 'Cancelled'), 'all cancelled');
    await until(() => [5, 6, 7].every((id) => t.errors.some(([, code, rid]) => code === 202 && rid === id)), '202 per order');
  });

  it('cancel: PendingCancel, Cancelled, then 202; cancelling an unknown id is an error', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    ib.placeOrder(8, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: cents(quote().bid * 0.5), account: margin, transmit: true });
    await until(() => t.last(8) === 'Submitted', 'working');
    ib.cancelOrder(8);
    await until(() => t.errors.some(([, code, id]) => code === 202 && id === 8), '202');
    const seq = t.statuses.filter(([id]) => id === 8).map(([, s]) => s);
    expect(seq.at(-1)).toBe('Cancelled');
    expect(seq).toContain('PendingCancel');
    ib.cancelOrder(999);
    await until(() => t.errors.some(([, code, id]) => code === 10147 && id === 999), 'not found');
  });

  it('bracket: parent fills, the take-profit fills and the stop is cancelled by its OCA group', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const q = quote();
    ib.placeOrder(10, aapl, { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: cents(q.ask + 0.5), account: margin, orderRef: 'br', transmit: false });
    ib.placeOrder(11, aapl, { action: OrderAction.SELL, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: cents(q.bid - 0.5), parentId: 10, ocaGroup: 'br-10', ocaType: 1, account: margin, orderRef: 'br-tp', transmit: false });
    ib.placeOrder(12, aapl, { action: OrderAction.SELL, totalQuantity: 10, orderType: OrderType.STP, auxPrice: cents(q.bid * 0.8), parentId: 10, ocaGroup: 'br-10', ocaType: 1, account: margin, orderRef: 'br-sl', transmit: true });
    await until(() => t.last(10) === 'Filled' && t.last(11) === 'Filled' && t.last(12) === 'Cancelled', 'bracket resolved');
    // Nothing after the final status: the stop must not reappear as working.
    expect(t.statuses.filter(([id]) => id === 12).at(-1)![1]).toBe('Cancelled');
    const child = t.opens.find(([id]) => id === 12)![2];
    expect(child).toMatchObject({ parentId: 10, ocaGroup: 'br-10', orderRef: 'br-sl' });
  });

  it('IOC limit away from the market is cancelled at once', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    ib.placeOrder(13, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: cents(quote().bid * 0.5), tif: TimeInForce.IOC, account: margin, transmit: true });
    await until(() => t.last(13) === 'Cancelled', 'IOC cancelled');
  });

  it('what-if: one open order with margin and commission, no status, nothing placed', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    const positionsBefore = JSON.stringify(h.sim.engine.positions(margin));
    ib.placeOrder(14, aapl, { action: OrderAction.BUY, totalQuantity: 100, orderType: OrderType.LMT, lmtPrice: cents(quote().ask), account: margin, whatIf: true, transmit: true });
    await until(() => t.opens.some(([id]) => id === 14), 'what-if answer');
    const [, , order, state] = t.opens.find(([id]) => id === 14)!;
    expect(order.whatIf).toBe(true);
    expect(state.initMarginChange).toBeGreaterThan(0);
    expect(state.commission).toBeGreaterThan(0);
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe;
    expect(t.statuses.some(([id]) => id === 14)).toBe(false);
    expect(JSON.stringify(h.sim.engine.positions(margin))).toBe(positionsBefore);
  });

  it('rejections: a short sale in the cash (IRA) account gets 201 with a reason; a reused order id gets 103', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    ib.placeOrder(15, { symbol: 'TSLA', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, { action: OrderAction.SELL, totalQuantity: 1_000_000, orderType: OrderType.MKT, account: ira, transmit: true });
    await until(() => t.errors.some(([, code, id]) => code === 201 && id === 15), '201');
    expect(t.errors.find(([, code]) => code === 201)![0].message).toMatch(/reason:.+/);
    ib.placeOrder(16, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account: margin, transmit: true });
    await until(() => t.last(16) === 'Filled', 'filled');
    ib.placeOrder(16, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account: margin, transmit: true });
    await until(() => t.errors.some(([, code, id]) => code === 103 && id === 16), '103');
  });

  it('open orders: own orders then the end; all open orders and client 0 see other clients too', async () => {
    const a = await h.connect(5);
    const ta = track(a);
    a.placeOrder(17, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: cents(quote().bid * 0.5), account: margin, orderRef: 'resting', transmit: true });
    await until(() => ta.last(17) === 'Submitted', 'working');
    const master = await h.connect(0);
    const tm = track(master);
    const b = await h.connect(6);
    const tb = track(b);
    const endB = waitEvent(b, EventName.openOrderEnd);
    b.reqOpenOrders();
    await endB;
    expect(tb.opens.some(([id]) => id === 17)).toBe(false);
    const endAll = waitEvent(b, EventName.openOrderEnd);
    b.reqAllOpenOrders();
    await endAll;
    expect(tb.opens.find(([id]) => id === 17)?.[2].orderRef).toBe('resting');
    // Client 0 hears about changes to any client's orders as they happen.
    a.cancelOrder(17);
    await until(() => tm.statuses.some(([id, s]) => id === 17 && s === 'Cancelled'), 'client 0 sees the cancel');
    const endA = waitEvent(a, EventName.openOrderEnd);
    a.reqOpenOrders();
    await endA;
  });

  it('executions query: this client fills with commission reports, filtered by symbol, then the end', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    ib.placeOrder(18, aapl, { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.MKT, account: margin, orderRef: 'q1', transmit: true });
    ib.placeOrder(19, { symbol: 'MSFT', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.MKT, account: margin, transmit: true });
    await until(() => t.last(18) === 'Filled' && t.last(19) === 'Filled', 'both filled');
    const before = t.commissions.length;
    const end = waitEvent<[number]>(ib, EventName.execDetailsEnd);
    ib.reqExecutions(42, { symbol: 'AAPL' });
    expect((await end)[0]).toBe(42);
    const answered = t.execs.filter(([reqId]) => reqId === 42);
    expect(answered.map(([, c]) => c.symbol)).toEqual(answered.map(() => 'AAPL'));
    expect(answered.some(([, , e]) => e.orderRef === 'q1')).toBe(true);
    expect(t.commissions.length - before).toBe(answered.length);
  });

  it('auto open orders: client 0 may bind and gets the open orders; any other client id is refused', async () => {
    const a = await h.connect(5);
    const ta = track(a);
    a.placeOrder(20, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: cents(quote().bid * 0.5), account: margin, transmit: true });
    await until(() => ta.last(20) === 'Submitted', 'working');
    const refused = waitEvent<[string, number]>(a, EventName.info, (_m, code) => code === 321);
    a.reqAutoOpenOrders(true);
    await refused;
    const master = await h.connect(0);
    const tm = track(master);
    const end = waitEvent(master, EventName.openOrderEnd);
    master.reqAutoOpenOrders(true);
    await end;
    expect(tm.opens.some(([id]) => id === 20)).toBe(true);
  });

  it('incomplete what-if fault: first answer without commission (as the real Gateway sometimes does), then the full one', async () => {
    const ib = await h.connect(5);
    const t = track(ib);
    h.sim.faults.incompleteWhatIf(true);
    ib.placeOrder(21, aapl, { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: cents(quote().ask), account: margin, whatIf: true, transmit: true });
    await until(() => t.opens.filter(([id]) => id === 21).length === 2, 'two what-if answers');
    const [first, second] = t.opens.filter(([id]) => id === 21).map(([, , , state]) => state);
    expect(first!.commission).toBeUndefined();
    expect(first!.commissionCurrency).toBe('');
    expect(first!.initMarginChange).toBe(second!.initMarginChange);
    expect(second!.commission).toBeGreaterThan(0);
    expect(second!.commissionCurrency).toBe('USD');
  });
});

