import { OrderAction, OrderType } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../src/shared/draft';
import { defaultSettings } from '../../../src/shared/settings';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';
import { SecondClient } from './second-client';

// Issue 10, item 1: IB's order ids are per client id. Another API client's
// order with the same numeric id must never be booked on our draft.
describe('another API client on the same gateway', () => {
  let t: BackendUnderTest | undefined;
  let other: SecondClient | undefined;
  afterEach(async () => {
    other?.close();
    other = undefined;
    await t?.close();
    t = undefined;
  });

  async function resting(b: BackendUnderTest, symbol: string): Promise<Draft> {
    const quote = await waitFor(() => b.backend.broker.portfolio()?.quotes.find((q) => q.symbol === symbol && (q.bid ?? 0) > 0), `a ${symbol} quote`);
    const draft = await b.call('draftFromTicket', { text: `buy 2 ${symbol} lmt ${((quote.bid ?? 0) * 0.97).toFixed(2)}`, account: b.sim.accounts[0]! });
    const approved = await b.call('approveDraft', { id: draft.id, version: draft.version });
    await waitFor(() => b.backend.store!.drafts.get(draft.id)?.state === 'working', 'our order to work');
    return approved;
  }

  it('with our client id 0 (we see every order), another client filling its own order with our id leaves our draft working and unfilled', async () => {
    t = await openBackend(undefined, { initialSettings: { connection: { ...defaultSettings.connection, clientId: 0 } } });
    const ours = await resting(t, 'AAPL');
    other = await SecondClient.connect(t.sim.host, t.sim.port, 5);
    other.place(ours.orderId!, 'MSFT', { action: OrderAction.BUY, totalQuantity: 3, orderType: OrderType.MKT });
    await waitFor(() => other!.statusOf(ours.orderId!) === 'Filled', "the other client's order to fill");
    // We (client 0) have heard of it too: its fill is in our executions.
    await waitFor(() => t!.backend.broker.portfolio()?.executions.some((e) => e.orderId === ours.orderId && e.symbol === 'MSFT'), 'our session to see the other fill');
    const after = t.backend.store!.drafts.get(ours.id)!;
    expect(after.state).toBe('working');
    expect(after.filledQty).toBe(0);
    expect(after.avgFillPrice).toBeNull();
    expect(t.sim.engine.openOrders('all').some((o) => o.order.orderRef === ours.id)).toBe(true);
  });

  it("after a reconnect, another client's resting order with our id does not hide ours: our draft stays working", async () => {
    t = await openBackend();
    const ours = await resting(t, 'AAPL');
    other = await SecondClient.connect(t.sim.host, t.sim.port, 5);
    const bid = t.backend.broker.portfolio()!.quotes.find((q) => q.symbol === 'MSFT')?.bid ?? 100;
    other.place(ours.orderId!, 'MSFT', { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: Math.round(bid * 0.9) });
    await waitFor(() => other!.statusOf(ours.orderId!) === 'Submitted', "the other client's order to rest");
    const epoch = t.backend.broker.current!;
    let synced = 0;
    epoch.on('synced', () => (synced += 1));
    t.sim.faults.dropConnections();
    await waitFor(() => synced > 0 && t!.backend.broker.state()?.phase === 'ready', 'the session to re-sync');
    const after = t.backend.store!.drafts.get(ours.id)!;
    expect(after.state).toBe('working');
    // Both orders are shown, each as its own client's.
    const open = t.backend.broker.portfolio()!.openOrders.filter((o) => o.orderId === ours.orderId);
    expect(open.map((o) => o.clientId).sort()).toEqual([5, t.backend.broker.current!.clientId].sort());
  });

  it('an order from another client that copies our orderRef and id is never linked to the draft', async () => {
    t = await openBackend(undefined, { initialSettings: { connection: { ...defaultSettings.connection, clientId: 0 } } });
    const ours = await resting(t, 'AAPL');
    other = await SecondClient.connect(t.sim.host, t.sim.port, 9);
    other.place(ours.orderId!, 'AAPL', { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.MKT, orderRef: ours.id });
    await waitFor(() => other!.statusOf(ours.orderId!) === 'Filled', "the impostor's order to fill");
    await waitFor(() => t!.backend.broker.portfolio()?.executions.some((e) => e.orderRef === ours.id), 'our session to see it');
    const after = t.backend.store!.drafts.get(ours.id)!;
    expect(after.state).toBe('working');
    expect(after.filledQty).toBe(0);
  });
});
