import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, IBApi, OrderAction, OrderType, SecType, type Contract, type Execution } from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

function infoCodes(ib: IBApi): number[] {
  const codes: number[] = [];
  ib.on(EventName.info, (_msg: string, code: number) => codes.push(code));
  return codes;
}

describe('connection faults', () => {
  it('drop: every client sees its connection close', async () => {
    const a = await h.connect(1);
    const b = await h.connect(2);
    const gone = Promise.all([waitEvent(a, EventName.disconnected), waitEvent(b, EventName.disconnected)]);
    h.sim.faults.dropConnections();
    await gone;
  });

  it('silent: the socket stays open but reqCurrentTime goes unanswered until it speaks again', async () => {
    const ib = await h.connect(1);
    const times = record<[number]>(ib, EventName.currentTime);
    const ignored: number[] = [];
    h.sim.on('request', (e) => { if (!e.handled) ignored.push(e.messageId); });
    h.sim.faults.goSilent(true);
    ib.reqCurrentTime();
    await until(() => ignored.includes(49), 'the sim to receive (and ignore) reqCurrentTime');
    expect(ib.isConnected).toBe(true);
    h.sim.faults.goSilent(false);
    const answered = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await answered;
    expect(times).toHaveLength(1);
  });

  it('connectivity lost (1100) stops market data; restored with data kept (1102) resumes it', async () => {
    const ib = await h.connect(1);
    const codes = infoCodes(ib);
    const ticks = record<[number, number, number]>(ib, EventName.tickPrice);
    ib.reqMktData(11, aapl, '', false, false);
    await advanceUntil(h.clock, 250, () => ticks.length > 0, 'first tick');
    h.sim.faults.connectivityLost();
    await until(() => codes.includes(1100), '1100');
    const before = ticks.length;
    for (let i = 0; i < 20; i++) h.clock.advance(250);
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe; // everything written before the answer has arrived
    expect(ticks.length).toBe(before);
    h.sim.faults.connectivityRestored(true);
    await until(() => codes.includes(1102), '1102');
    await advanceUntil(h.clock, 250, () => ticks.length > before, 'ticks after 1102');
  });

  it('restored with data lost (1101): market data stays stopped until the client resubscribes', async () => {
    const ib = await h.connect(1);
    const codes = infoCodes(ib);
    const ticks = record<[number, number, number]>(ib, EventName.tickPrice);
    ib.reqMktData(12, aapl, '', false, false);
    await advanceUntil(h.clock, 250, () => ticks.length > 0, 'first tick');
    h.sim.faults.connectivityLost();
    h.sim.faults.connectivityRestored(false);
    await until(() => codes.includes(1101), '1101');
    const before = ticks.length;
    for (let i = 0; i < 20; i++) h.clock.advance(250);
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe;
    expect(ticks.length).toBe(before);
    ib.reqMktData(13, aapl, '', false, false);
    await until(() => ticks.some(([id]) => id === 13), 'ticks after resubscribing');
  });

  it('competing session: 10197 on each market data line, then the session is closed', async () => {
    const ib = await h.connect(1);
    ib.reqMktData(21, aapl, '', false, false);
    await advanceUntil(h.clock, 250, () => true, 'subscribed');
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe;
    const refused = waitEvent(ib, EventName.error, (_e: unknown, code: unknown, id: unknown) => code === 10197 && id === 21);
    const closed = waitEvent(ib, EventName.disconnected);
    h.sim.faults.competingSession();
    await refused;
    await closed;
  });

  it('competing session with no market data line yet: one 10197 (id 0) still says why, then the close', async () => {
    const ib = await h.connect(1);
    const refused = waitEvent(ib, EventName.error, (_e: unknown, code: unknown, id: unknown) => code === 10197 && id === 0);
    const closed = waitEvent(ib, EventName.disconnected);
    h.sim.faults.competingSession();
    await refused;
    await closed;
  });

  it('reset window: everyone is dropped and connections are refused until the window passes on the sim clock', async () => {
    const ib = await h.connect(1);
    const closed = waitEvent(ib, EventName.disconnected);
    h.sim.faults.resetWindow(60_000);
    await closed;
    const retry = new IBApi({ host: h.sim.host, port: h.sim.port, clientId: 1 });
    retry.on(EventName.error, () => {});
    h.clients.push(retry);
    const refused = waitEvent(retry, EventName.disconnected);
    retry.connect();
    await refused;
    h.clock.advance(60_000);
    const again = await h.connect(1);
    expect(again.isConnected).toBe(true);
  });

  it('delayed acks: the order status arrives only after the delay passes on the sim clock', async () => {
    const ib = await h.connect(1);
    const statuses = record<[number, string]>(ib, EventName.orderStatus);
    h.sim.faults.delayAcks(5_000);
    const placed = new Promise<void>((resolve) => h.sim.on('placeOrder', () => resolve()));
    ib.placeOrder(100, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account: h.sim.accounts[0], transmit: true });
    await placed;
    h.clock.advance(4_000);
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe;
    expect(statuses).toHaveLength(0);
    h.clock.advance(1_000);
    await until(() => statuses.length > 0, 'the delayed order status');
  });

  it('reject next order: 201 with the reason', async () => {
    const ib = await h.connect(1);
    h.sim.faults.rejectNextOrder('simulated risk desk says no');
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code) => code === 201);
    ib.placeOrder(200, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account: h.sim.accounts[0], transmit: true });
    const [e, , id] = await err;
    expect(id).toBe(200);
    expect(e.message).toContain('simulated risk desk says no');
  });

  it('pacing: a client over 50 messages/second gets error 100, and is cut off if it keeps going', async () => {
    const ib = await h.connect(1, { maxReqPerSec: 1000 });
    const codes = infoCodes(ib);
    const closed = waitEvent(ib, EventName.disconnected, () => true, 10_000);
    let sent = 0;
    const flood = setInterval(() => {
      for (let i = 0; i < 40 && ib.isConnected; i++, sent++) ib.reqCurrentTime();
    }, 10);
    try {
      await until(() => codes.includes(100), 'error 100', 10_000);
      await closed;
    } finally {
      clearInterval(flood);
    }
    expect(sent).toBeGreaterThan(50);
  });

  it('a fill while the client is away shows up in executions after it reconnects', async () => {
    const account = h.sim.accounts[0] as string;
    const ib = await h.connect(5);
    const q = h.sim.engine.quote(h.sim.engine.resolve(aapl)!.contract.conId!);
    // A resting buy a little under the bid, so it fills only once the walk comes down to it.
    const limit = Math.round((q.bid - 0.05) * 100) / 100;
    const working = waitEvent(ib, EventName.orderStatus, (id: unknown) => id === 300);
    ib.placeOrder(300, aapl, { action: OrderAction.BUY, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: limit, account, orderRef: 'draft-away', transmit: true });
    await working;
    const gone = waitEvent(ib, EventName.disconnected);
    h.sim.faults.dropConnections();
    await gone;
    await advanceUntil(h.clock, 250, () => h.sim.engine.executions({ clientId: 5 }).some((f) => f.execution.orderId === 300), 'the resting order to fill', 20_000);
    const back = await h.connect(5);
    const fills: Execution[] = [];
    back.on(EventName.execDetails, (_reqId: number, _c: Contract, e: Execution) => fills.push(e));
    const end = waitEvent(back, EventName.execDetailsEnd);
    back.reqExecutions(1, {});
    await end;
    expect(fills.map((f) => [f.orderId, f.orderRef, f.side])).toContainEqual([300, 'draft-away', 'BOT']);
    expect(fills.filter((f) => f.orderId === 300).reduce((n, f) => n + (f.shares ?? 0), 0)).toBe(5);
  });

  it('after a reconnect the next valid id is above every id the client used, so no order id is reused', async () => {
    const account = h.sim.accounts[0] as string;
    const ib = await h.connect(5);
    const statuses = record<[number, string]>(ib, EventName.orderStatus);
    for (const id of [40, 41, 42]) ib.placeOrder(id, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account, transmit: true });
    await until(() => [40, 41, 42].every((id) => statuses.some(([i, s]) => i === id && s === 'Filled')), 'three fills');
    const gone = waitEvent(ib, EventName.disconnected);
    h.sim.faults.dropConnections();
    await gone;
    const back = new IBApi({ host: h.sim.host, port: h.sim.port, clientId: 5 });
    back.on(EventName.error, () => {});
    h.clients.push(back);
    const first = waitEvent<[number]>(back, EventName.nextValidId);
    back.connect();
    expect((await first)[0]).toBe(43);
  });
});

