import { OrderAction, OrderType } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';
import { SecondClient } from './second-client';

// Issue 13, item 7: a halt cancels what Countersign placed, keeps what
// protects a filled position and what others placed; the account-wide
// cancel is its own, named choice.
describe('what a halt cancels', () => {
  let t: BackendUnderTest | undefined;
  let other: SecondClient | undefined;
  afterEach(async () => {
    other?.close();
    await t?.close();
    t = undefined;
    other = undefined;
  });

  async function setUp(b: BackendUnderTest) {
    const account = b.sim.accounts[0]!;
    const quote = await waitFor(() => b.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'MSFT' && (q.bid ?? 0) > 0), 'an MSFT quote');
    const bid = quote.bid ?? 0;
    // Ours, resting.
    const drafted = await b.call('draftFromTicket', { text: `buy 2 MSFT lmt ${(bid * 0.97).toFixed(2)}`, account });
    const resting = await b.call('approveDraft', { id: drafted.id, version: drafted.version });
    // Ours, a bracket whose market entry fills: its take-profit and stop-loss protect the position.
    const bracket = await b.call('draftFromTicket', { text: `buy 3 MSFT tp ${(bid * 1.04).toFixed(2)} sl ${(bid * 0.97).toFixed(2)}`, account });
    await b.call('approveDraft', { id: bracket.id, version: bracket.version });
    await waitFor(() => b.backend.store!.drafts.get(bracket.id)?.state === 'filled', 'the bracket entry to fill');
    // Another application's resting order on the same account.
    other = await SecondClient.connect(b.sim.host, b.sim.port, 5);
    other.place(1, 'AAPL', { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: 1, account });
    await waitFor(() => other!.statusOf(1) === 'Submitted', "the other application's order to rest");
    await waitFor(() => b.backend.store!.drafts.get(resting.id)?.state === 'working', 'our resting order to work');
    await waitFor(() => b.sim.engine.openOrders('all').length === 4, 'four open orders at the broker');
    return { resting, bracket };
  }

  const openRefs = (b: BackendUnderTest): string[] => b.sim.engine.openOrders('all').map((o) => `${o.clientId}:${o.order.orderRef ?? ''}`).sort();

  it("by default cancels Countersign's working order and keeps a filled bracket's protection and other applications' orders", async () => {
    t = await openBackend();
    const { resting, bracket } = await setUp(t);
    const plan = await t.call('previewHalt', { scope: 'countersign' });
    expect(plan.cancel.map((c) => c.orderId)).toContain(resting.orderId);
    // The filled bracket's take-profit and stop-loss are named as kept. (Another application's
    // order placed since our last sync is not in our view at all, and is not ours to cancel.)
    expect(plan.keep.filter((k) => /protects a position/.test(k.reason))).toHaveLength(2);

    expect((await t.callRaw('haltTrading')).ok).toBe(true);
    await waitFor(() => !openRefs(t!).some((r) => r.endsWith(`:${resting.id}`)), 'our resting order to be cancelled');
    const clientId = t.backend.broker.current!.clientId;
    expect(openRefs(t)).toEqual([`${clientId}:${bracket.id}:sl`, `${clientId}:${bracket.id}:tp`, '5:'].sort());
  });

  it('keeps a bracket\'s protection when the entry filled at the broker but the fill could not be recorded (disk full)', async () => {
    t = await openBackend();
    const b = t;
    const account = b.sim.accounts[0]!;
    const quote = await waitFor(() => b.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'MSFT' && (q.bid ?? 0) > 0), 'an MSFT quote');
    const bid = quote.bid ?? 0;
    const bracket = await b.call('draftFromTicket', { text: `buy 3 MSFT tp ${(bid * 1.04).toFixed(2)} sl ${(bid * 0.97).toFixed(2)}`, account });
    const approved = await b.call('approveDraft', { id: bracket.id, version: bracket.version });
    // The disk fills before the entry's fill arrives: the store cannot record it.
    const db = b.backend.store!.db;
    db.pragma('query_only = ON');
    try {
      await waitFor(() => b.sim.engine.openOrders('all').filter((o) => (o.order.orderRef ?? '').startsWith(`${bracket.id}:`)).length === 2, 'the entry to fill and its protection to rest');
      await waitFor(() => b.backend.broker.portfolio()?.executions.some((e) => e.orderId === approved.orderId), 'the execution to be reported');
      expect(b.backend.store!.drafts.get(bracket.id)?.filledQty).toBe(0);

      const plan = await b.call('previewHalt', { scope: 'countersign' });
      expect(plan.keep.filter((k) => /protects a position/.test(k.reason))).toHaveLength(2);
      expect((await b.callRaw('haltTrading')).ok).toBe(true);
      const clientId = b.backend.broker.current!.clientId;
      // Nothing else to cancel; the protection is still at the broker.
      expect(openRefs(b)).toEqual([`${clientId}:${bracket.id}:sl`, `${clientId}:${bracket.id}:tp`]);
    } finally {
      db.pragma('query_only = OFF');
    }
  });

  it("'countersign-all' cancels the protection too, and 'account' cancels every order in the account", async () => {
    t = await openBackend();
    await setUp(t);
    expect((await t.callRaw('haltTrading', { scope: 'countersign-all' })).ok).toBe(true);
    await waitFor(() => openRefs(t!).length === 1, 'only the other application’s order to be left');
    expect(openRefs(t)).toEqual(['5:']);
    await t.call('setTradingState', { state: 'active' });
    expect((await t.callRaw('haltTrading', { scope: 'account' })).ok).toBe(true);
    await waitFor(() => openRefs(t!).length === 0, 'every order in the account to be cancelled');
  });
});
