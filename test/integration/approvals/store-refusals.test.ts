import { afterEach, describe, expect, it } from 'vitest';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// Issue #14: the desk catches only what it expects on the paths that record
// the broker's answers. IB not answering a what-if leaves a draft without a
// preview; the database refusing to record IB's answer (or an order the halt
// held back) is a store problem, shown to the person, kept and recorded once
// the disk is back. Before, the what-if's refused write was logged and lost,
// and a refused "withheld" write was thrown into the session's send path.
describe('the desk surfaces what the database refused', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    t?.backend.store?.db.pragma('query_only = OFF');
    await t?.close();
    t = undefined;
  });

  const problems = (b: BackendUnderTest): string[] => b.backend.desk!.view().storeProblems ?? [];

  it('IB’s what-if answer arriving while the database refuses writes is shown, then recorded on the draft', async () => {
    t = await openBackend();
    const db = t.backend.store!.db;
    // The draft is stored before IB is asked; its answer then waits 300 ms, and the disk refuses it.
    t.sim.faults.delayAcks(300);
    const stopRefusing = t.sim.on('placeOrder', (event) => {
      if (event.whatIf) db.pragma('query_only = ON');
    });
    const draft = await t.call('draftFromTicket', { text: 'buy 2 MSFT', account: t.sim.accounts[0]! });
    expect(draft.state).toBe('pending');
    expect(draft.whatIf).toBeUndefined();
    expect(problems(t).join(' ')).toMatch(/what-if preview/);
    stopRefusing();
    db.pragma('query_only = OFF');
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.whatIf, 'the what-if to be recorded', 15_000);
    await waitFor(() => problems(t!).length === 0, 'the problem to clear', 15_000);
  });

  it('a draft expiring while the database refuses writes is shown, not thrown from the expiry timer, and expires once the disk is back', async () => {
    let ahead = 0;
    const clock = new TradingHoursClock();
    t = await openBackend(undefined, { clock, now: () => clock.now() + ahead });
    const draft = await t.call('draftFromTicket', { text: 'buy 1 SPY', account: t.sim.accounts[0]! });
    ahead = 31 * 60_000;
    t.backend.store!.db.pragma('query_only = ON');
    expect(() => t!.backend.desk!.expireDue()).not.toThrow();
    expect(problems(t).join(' ')).toMatch(/expiry/);
    t.backend.store!.db.pragma('query_only = OFF');
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'expired', 'the draft to expire', 15_000);
    await waitFor(() => problems(t!).length === 0, 'the problem to clear', 15_000);
  });

  it('an order the halt held back, while the database refuses writes, is shown and then put to review', async () => {
    t = await openBackend();
    const quote = await waitFor(() => t!.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'AAPL' && (q.bid ?? 0) > 0), 'an AAPL quote');
    const draft = await t.call('draftFromTicket', { text: `buy 2 AAPL lmt ${((quote.bid ?? 0) * 0.97).toFixed(2)}`, account: t.sim.accounts[0]! });
    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
    t.backend.store!.db.pragma('query_only = ON');
    // What the session does when its order gate says no at the moment of sending.
    expect(() => t!.backend.desk!.withheld(approved.orderId!)).not.toThrow();
    expect(problems(t).join(' ')).toMatch(/held back/);
    expect(t.backend.store!.drafts.get(draft.id)?.state).not.toBe('needs_review');
    t.backend.store!.db.pragma('query_only = OFF');
    await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'needs_review', 'the held-back order to go to review', 15_000);
    await waitFor(() => problems(t!).length === 0, 'the problem to clear', 15_000);
  });
});
