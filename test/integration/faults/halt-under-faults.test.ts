import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../src/shared/draft';
import { tradingStateSetting } from '../../../src/main/risk/settings';
import { haltCancelOwedSetting } from '../../../src/main/approvals/trading-switch';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';

// Issue 10, items 2, 3 and 6: the halt's broker action does not depend on the
// database or on a send queue that a drop empties, and an order waiting to be
// sent does not leave once the session stops being ready.
describe('halt and the order gate under faults', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    if (t) t.backend.store?.db.pragma('query_only = OFF');
    await t?.close();
    t = undefined;
  });

  async function resting(b: BackendUnderTest, symbol: string): Promise<Draft> {
    const quote = await waitFor(() => b.backend.broker.portfolio()?.quotes.find((q) => q.symbol === symbol && (q.bid ?? 0) > 0), `a ${symbol} quote`);
    return b.call('draftFromTicket', { text: `buy 2 ${symbol} lmt ${((quote.bid ?? 0) * 0.97).toFixed(2)}`, account: b.sim.accounts[0]! });
  }

  const openAtBroker = (b: BackendUnderTest, draftId: string): boolean =>
    b.sim.engine.openOrders('all').some((order) => order.order.orderRef === draftId);

  it('a halt cancels the working order even when the database refuses every write, and says what was not recorded', async () => {
    t = await openBackend();
    const draft = await resting(t, 'AAPL');
    await t.call('approveDraft', { id: draft.id, version: draft.version });
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'working', 'the order to work');
    expect(openAtBroker(t, draft.id)).toBe(true);

    // The disk is full / the file went read-only: every write now throws.
    const db = t.backend.store!.db;
    db.pragma('query_only = ON');
    expect(() => db.prepare("UPDATE settings SET updated_at = 0 WHERE key = 'x'").run()).toThrow();

    const halted = await t.callRaw('haltTrading');
    expect(halted).toMatchObject({ ok: true });
    await waitFor(() => !openAtBroker(t!, draft.id), 'the order to be cancelled at the broker');
    const view = await t.call('getQueue');
    expect(view.tradingState).toBe('halted');
    expect(view.storeProblems?.join(' ')).toMatch(/trading switch/);
    // A new approval is refused while halted, whatever the database says.
    const next = await resting(t, 'MSFT').catch((error: Error) => error);
    if (!(next instanceof Error)) {
      expect(await t.callRaw('approveDraft', { id: next.id, version: next.version })).toMatchObject({ ok: false });
    }

    // The disk is back: the halt is recorded and the problem goes away.
    db.pragma('query_only = OFF');
    await waitFor(() => t!.backend.desk!.view().storeProblems === undefined, 'the store problem to clear');
    expect(t.backend.store!.settings.read(tradingStateSetting)).toBe('halted');
  });

  it('a halt whose cancel is still in the send queue when the connection drops sends it after the reconnect', async () => {
    t = await openBackend();
    const draft = await resting(t, 'MSFT');
    await t.call('approveDraft', { id: draft.id, version: draft.version });
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'working', 'the order to work');
    const session = t.backend.broker.current!;
    // Use up this second's budget so the cancel has to wait in the queue.
    const link = (session as unknown as { link: { send(lane: 'data', fn: () => void): boolean; pacer: { queued: number; sentAt: number[] } } }).link;
    while (link.pacer.sentAt.length < 60) {
      link.send('data', () => {});
      if (link.pacer.queued > 0) break;
    }
    expect((await t.callRaw('haltTrading')).ok).toBe(true);
    expect(link.pacer.queued).toBeGreaterThan(0);
    // Queued, not written: still owed, durably.
    expect(t.backend.store!.settings.read(haltCancelOwedSetting)).toBe(true);
    t.sim.faults.dropConnections();
    await waitFor(() => !openAtBroker(t!, draft.id), 'the owed cancel to reach the broker after the reconnect', 15_000);
    await waitFor(() => t!.backend.store!.settings.read(haltCancelOwedSetting) === false, 'the cancel to count as sent');
  });

  it('an approved order still in the send queue when IB loses its link (1100) is withheld, not sent later', async () => {
    t = await openBackend();
    const draft = await resting(t, 'AAPL');
    const placed: string[] = [];
    t.sim.on('placeOrder', (event) => {
      if (!event.whatIf) placed.push(event.orderRef);
    });
    const session = t.backend.broker.current!;
    const link = (session as unknown as { link: { send(lane: 'data', fn: () => void): boolean; pacer: { queued: number; sentAt: number[] } } }).link;
    while (link.pacer.sentAt.length < 60) {
      link.send('data', () => {});
      if (link.pacer.queued > 0) break;
    }
    const approving = t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(link.pacer.queued).toBeGreaterThan(0);
    expect((await approving).ok).toBe(true);
    t.sim.faults.connectivityLost();
    await waitFor(() => t!.backend.broker.state()?.phase === 'lost', 'the session to see 1100');
    await waitFor(() => link.pacer.queued === 0, 'the queue to drain');
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'needs_review', 'the withheld order to go to review');
    t.sim.faults.connectivityRestored(true);
    await waitFor(() => t!.backend.broker.state()?.phase === 'ready', 'the session to be ready again');
    expect(placed.filter((ref) => ref.startsWith(draft.id))).toEqual([]);
    expect(openAtBroker(t, draft.id)).toBe(false);
  });
});
