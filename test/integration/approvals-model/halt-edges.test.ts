import { afterEach, describe, expect, it } from 'vitest';
import { auditRowsForDraft } from '../../../src/main/store/audit-log';
import type { Draft } from '../../../src/shared/draft';
import { waitFor } from '../../support/wait';
import { ApprovalSystem } from './approval-system';
import { checkInvariants } from './invariants';

// Two edges of halt() the model test's random sequences reach only rarely,
// made deterministic.
describe('halting at the edges', () => {
  let system: ApprovalSystem | undefined;
  afterEach(async () => {
    await system?.close();
    system = undefined;
  });

  async function restingDraft(s: ApprovalSystem, symbol: string): Promise<Draft> {
    const quote = await waitFor(() => s.backend.broker.portfolio()?.quotes.find((q) => q.symbol === symbol && q.bid !== null), `a ${symbol} quote`);
    const outcome = await s.call('draftFromTicket', { text: `buy 2 ${symbol} lmt ${((quote.bid ?? 0) * 0.97).toFixed(2)}`, account: s.sim.accounts[0] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value as Draft;
  }

  it('an order approved while the send queue is full does not go out after the person halts', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system, 'AAPL');
    const session = system.backend.broker.current!;
    // Fill the app's 45-messages-a-second budget, as a burst of quote
    // subscriptions after a reconnect does: the order must wait its turn.
    for (let i = 0; i < 30; i += 1) session.refreshOrders();
    const approved = await system.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.ok).toBe(true);
    // Still on this machine, in the session's send queue (read through its private link: nothing public shows it).
    const link = (session as unknown as { link: { pacer: { queued: number } } }).link;
    expect(link.pacer.queued).toBeGreaterThan(0);

    expect((await system.call('haltTrading', undefined)).ok).toBe(true);
    system.markHalted(true);
    await system.settle();
    // The order left the machine only after trading was halted.
    expect(system.receipts.receivedFor(draft.id)).toHaveLength(0);
    expect(() => checkInvariants(system!)).not.toThrow();
  });

  it("a bracket whose children are still queued when the person halts is put to the person, not left submitting", async () => {
    system = await ApprovalSystem.open();
    const quote = await waitFor(() => system!.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'MSFT' && q.bid !== null), 'an MSFT quote');
    const bid = quote.bid ?? 0;
    const ticket = `buy 2 MSFT lmt ${(bid * 0.97).toFixed(2)} tp ${(bid * 1.05).toFixed(2)} sl ${(bid * 0.9).toFixed(2)}`;
    const outcome = await system.call('draftFromTicket', { text: ticket, account: system.sim.accounts[0] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const draft = outcome.value as Draft;
    // Leave exactly one message in this second's budget: the entry goes, its take-profit and stop-loss wait.
    const session = system.backend.broker.current!;
    const link = (session as unknown as { link: { send(lane: 'data', send: () => void): boolean; pacer: { queued: number; sentAt: number[] } } }).link;
    while (link.pacer.sentAt.length < 44) link.send('data', () => {});
    // Approve and halt in one turn of the event loop (each call runs its handler at once),
    // so the children are still queued when the halt lands, however slow the machine.
    const approving = system.call('approveDraft', { id: draft.id, version: draft.version });
    expect(link.pacer.queued).toBe(2);
    const halting = system.call('haltTrading', undefined);
    expect((await approving).ok).toBe(true);
    expect((await halting).ok).toBe(true);
    // The entry left before the halt; it is counted as halted-time traffic only from its arrival on.
    await waitFor(() => system!.receipts.receivedFor(draft.id).length === 1, 'the entry to reach the gateway');
    system.markHalted(true);
    // The take-profit and stop-loss reach the gate when the next second's budget frees them.
    await waitFor(() => link.pacer.queued === 0, 'the queued children to reach the gate');
    await system.settle();
    expect(system.receipts.receivedFor(draft.id).map((order) => order.orderRef)).toEqual([draft.id]);
    // Put to the person with the reason the moment the children were held back; the halt's
    // global cancel may then settle the held entry as cancelled.
    await waitFor(() => ['needs_review', 'cancelled'].includes(system!.draft(draft.id).state), 'the draft to leave working');
    const review = auditRowsForDraft(system.store.db, draft.id).find((row) => row.action === 'draft.needs_review');
    expect(String(review?.details['reason'] ?? '')).toMatch(/halted while this bracket was being sent/);
    expect(() => checkInvariants(system!)).not.toThrow();
  });

  it('a halt pressed while the gateway connection is down still cancels the working orders', async () => {
    system = await ApprovalSystem.open();
    const draft = await restingDraft(system, 'MSFT');
    expect((await system.call('approveDraft', { id: draft.id, version: draft.version })).ok).toBe(true);
    await waitFor(() => system!.draft(draft.id).state === 'working', 'the order to work');

    const attempts = system.connectAttempts;
    system.sim.faults.dropConnections();
    await waitFor(() => system!.connectAttempts > attempts, 'the session to notice the drop');
    expect((await system.call('haltTrading', undefined)).ok).toBe(true);
    await system.settle();

    // "Halt" promises every open order cancelled; after the reconnect the order still works at IB.
    await waitFor(
      () => !system!.sim.engine.openOrders('all').some((order) => order.order.orderRef === draft.id),
      'the order to be cancelled at the broker',
      3_000,
    );
  });
});
