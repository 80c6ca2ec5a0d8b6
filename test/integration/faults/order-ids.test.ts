import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';

describe('order ids and request ids', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  // Issue 10, item 7.
  it("an order rejection whose id equals a live quote subscription's id reaches the draft", async () => {
    t = await openBackend();
    const draft = await t.call('draftFromTicket', { text: 'buy 1 AAPL', account: t.sim.accounts[0]! });
    const session = t.backend.broker.current!;
    // The live market-data request ids, read through the session's private book (nothing public shows them).
    const book = (session as unknown as { marketData: { byReqId: Map<number, unknown> } }).marketData;
    const liveReqId = Math.max(...book.byReqId.keys());
    // Make the approval's order id land on that number, as a long-running account's ids would.
    t.backend.store!.db.prepare('INSERT INTO order_ids (order_id, reserved_at, broker_next_valid_id, draft_id) VALUES (?, 0, 0, NULL)').run(liveReqId - 1);
    t.sim.faults.rejectNextOrder('No trading permissions for this test');
    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.orderId).toBe(liveReqId);
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'broker_rejected', 'the rejection to reach the draft');
    expect(t.backend.store!.drafts.get(draft.id)?.brokerMessage).toMatch(/permission/i);
  });

  // Issue 10, item 14.
  it("keeps counting from the ledger when the gateway's next id goes backwards, and says so once", async () => {
    t = await openBackend();
    const first = await t.call('draftFromTicket', { text: 'buy 1 MSFT', account: t.sim.accounts[0]! });
    const sent = await t.call('approveDraft', { id: first.id, version: first.version });
    await waitFor(() => t!.backend.store!.drafts.get(first.id)?.state === 'filled', 'the first order to fill');
    // A Gateway auto-restart that forgot its counter: it offers ids from 1 again.
    t.sim.faults.restartOrderIds(1);
    for (let i = 0; i < 2; i += 1) {
      let synced = false;
      t.backend.broker.current!.once('synced', () => (synced = true));
      t.sim.faults.dropConnections();
      await waitFor(() => synced && t!.backend.broker.state()?.phase === 'ready', 'the session to re-sync');
    }
    expect(t.backend.broker.current!.offeredOrderId).toBeLessThan(sent.orderId!);
    const notices = t.backend.desk!.view().notices ?? [];
    expect(notices.filter((n) => /order id/i.test(n))).toHaveLength(1);
    const second = await t.call('draftFromTicket', { text: 'buy 1 MSFT', account: t.sim.accounts[0]! });
    const next = await t.call('approveDraft', { id: second.id, version: second.version });
    expect(next.orderId!).toBeGreaterThan(sent.orderId!);
  });
});
