import { afterEach, describe, expect, it } from 'vitest';
import { ibPlacements } from '../../../src/main/broker/ib-order';
import { reserveOrderId } from '../../../src/main/store/order-id-ledger';
import type { Draft } from '../../../src/shared/draft';
import { waitFor } from '../../support/wait';
import { ApprovalSystem } from './approval-system';
import { checkInvariants } from './invariants';

// The model test is only as good as its judge: each case here breaks one
// rule behind the app's back (sending straight through the session) and
// expects the checker to say which.
describe('the invariant checker of the model test', () => {
  let system: ApprovalSystem | undefined;
  afterEach(async () => {
    await system?.close();
    system = undefined;
  });

  async function restingDraft(s: ApprovalSystem): Promise<Draft> {
    const quote = await waitFor(() => s.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'AAPL' && q.bid !== null), 'an AAPL quote');
    const outcome = await s.call('draftFromTicket', { text: `buy 3 AAPL lmt ${((quote.bid ?? 0) * 0.97).toFixed(2)}`, account: s.sim.accounts[0] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const draft = outcome.value as Draft;
    expect(draft.state).toBe('pending');
    return draft;
  }

  /** Sends a draft's order straight through the session, skipping approve(). */
  function sendBehindTheDesk(s: ApprovalSystem, draft: Draft): void {
    const session = s.backend.broker.current;
    if (!session) throw new Error('no session');
    const orderId = reserveOrderId(s.store.db, session.gatewayNextOrderId, s.clock.now());
    const [placement] = ibPlacements(draft.id, draft.account, draft.contract, draft.order, orderId);
    if (!placement || !session.placeOrder(placement.orderId, placement.contract, placement.order)) throw new Error('could not send');
  }

  it('passes an approval that went the proper way', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system);
    const approved = await system.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.ok).toBe(true);
    await system.settle();
    expect(system.receipts.receivedFor(draft.id)).toHaveLength(1);
    expect(() => checkInvariants(system!)).not.toThrow();
  });

  it('notices an approved order sent a second time', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system);
    await system.call('approveDraft', { id: draft.id, version: draft.version });
    await system.settle();
    sendBehindTheDesk(system, system.draft(draft.id));
    await waitFor(() => system!.receipts.receivedFor(draft.id).length === 2, 'the second copy to arrive');
    expect(() => checkInvariants(system!)).toThrow(/more than once/);
  });

  it('notices an order that was never approved', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system);
    sendBehindTheDesk(system, draft);
    await waitFor(() => system!.receipts.receivedFor(draft.id).length === 1, 'the order to arrive');
    expect(() => checkInvariants(system!)).toThrow(/no draft.approved row/);
  });

  it('notices an order that arrives while trading is halted', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system);
    expect((await system.call('haltTrading', undefined)).ok).toBe(true);
    system.markHalted(true);
    // The session's own gate would withhold it; play a bug that skips the gate too.
    system.backend.broker.current?.setOrderGate(() => true);
    sendBehindTheDesk(system, draft);
    await waitFor(() => system!.receipts.receivedFor(draft.id).length === 1, 'the order to arrive');
    expect(() => checkInvariants(system!)).toThrow(/while trading was halted/);
  });
});
