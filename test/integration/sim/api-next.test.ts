import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { ConnectionState, IBApiNext, OrderAction, OrderType, SecType, type Contract } from '@stoqey/ib';
import { startHarness, until, type Harness } from './support';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
let h: Harness;
let api: IBApiNext | undefined;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => {
  api?.disconnect();
  api = undefined;
  await h.close();
});

async function connectNext(clientId: number): Promise<IBApiNext> {
  const next = new IBApiNext({ host: h.sim.host, port: h.sim.port, reconnectInterval: 0 });
  api = next;
  next.connect(clientId);
  await firstValueFrom(next.connectionState.pipe(filter((s) => s === ConnectionState.Connected)));
  return next;
}

describe('IBApiNext against the simulator', () => {
  it('current time, contract details, snapshot and positions', async () => {
    const next = await connectNext(21);
    expect(await next.getCurrentTime()).toBe(Math.floor(h.clock.now() / 1000));
    const details = await next.getContractDetails(aapl);
    expect(details[0]?.contract.symbol).toBe('AAPL');
    const snap = await next.getMarketDataSnapshot(aapl, '', false);
    expect(snap.size).toBeGreaterThan(0);
    const positions = await firstValueFrom(next.getPositions().pipe(filter((u) => (u.all?.size ?? 0) > 0)));
    const rows = [...positions.all.values()].flat();
    expect(rows.length).toBe(h.sim.engine.positions().length);
  });

  it('placeNewOrder, then open orders pair status with order by permId, and executions after a fill', async () => {
    const next = await connectNext(22);
    // Library quirk: connectionState says Connected before the handshake's nextValidId arrives, and
    // getNextValidOrderId takes whichever nextValidId comes first. Absorb the handshake's one first.
    await next.getNextValidOrderId();
    const account = h.sim.accounts[0] as string;
    const q = h.sim.engine.quote(h.sim.engine.resolve(aapl)!.contract.conId!);
    const restingId = await next.placeNewOrder(aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: Math.round(q.bid * 50) / 100, account, orderRef: 'next-resting', transmit: true });
    const filledId = await next.placeNewOrder(aapl, { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.MKT, account, orderRef: 'next-mkt', transmit: true });
    expect(filledId).toBeGreaterThan(restingId);
    await until(() => h.sim.engine.executions({ clientId: 22 }).length > 0, 'the market order to fill');
    const open = await next.getAllOpenOrders();
    const resting = open.find((o) => o.orderId === restingId);
    expect(resting?.order.orderRef).toBe('next-resting');
    expect(resting?.orderStatus?.status).toBe('Submitted');
    expect(resting?.orderStatus?.permId).toBe(resting?.order.permId);
    const execs = await next.getExecutionDetails({});
    expect(execs.some((e) => e.execution.orderId === filledId && e.execution.orderRef === 'next-mkt')).toBe(true);
  });
});
