import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// The typed-quantity step for a large order is a decision in main: any client
// of the contract, not only our renderer, must confirm the quantity.
describe('a large order needs its confirmed quantity, through the contract', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const realOrders = (placed: { whatIf: boolean }[]) => placed.filter((p) => !p.whatIf);

  it('refuses the approval without the quantity or with a wrong one, and sends it with the right one', async () => {
    t = await openBackend();
    const placed: { orderId: number; whatIf: boolean }[] = [];
    t.sim.on('placeOrder', (event) => placed.push(event));
    const account = t.sim.accounts[0]!;
    // Just over the 2% default threshold of the demo account (and under the 25,000 notional limit).
    // SPY is held: wait for its quote and the account's net liquidation.
    const backend = t.backend;
    const price = await waitFor(() => {
      const q = backend.broker.portfolio()?.quotes.find((x) => x.symbol === 'SPY');
      return q?.ask ?? q?.last ?? undefined;
    }, 'a SPY quote', 10_000);
    const netLiq = t.backend.broker.portfolio()?.accounts.find((a) => a.account === account)?.netLiquidation ?? 0;
    const qty = Math.ceil((netLiq * 0.021) / price);
    const draft = await t.call('draftFromTicket', { text: `buy ${qty} SPY`, account });
    expect(draft.state).toBe('pending');
    const queue = await t.call('getQueue');
    expect(queue.review[draft.id]?.size).toMatchObject({ large: true, thresholdPct: 2 });
    expect(queue.review[draft.id]?.size.pctNetLiq).toBeGreaterThan(2);

    const bare = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(bare).toMatchObject({ ok: false, error: { code: 'confirmation_required' } });
    expect(bare.error?.message).toContain(String(qty));
    const wrong = await t.callRaw('approveDraft', { id: draft.id, version: draft.version, confirmedQuantity: qty + 18 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'confirmation_required' } });
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('pending');
    expect(realOrders(placed)).toEqual([]);

    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version, confirmedQuantity: qty });
    expect(approved.state).toBe('submitting');
  });

  it('values a buy limit below the market at the market, as the share-of-account check does', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    await t.call('updateSettings', { approvals: { largeOrderPct: 5 } });
    const quote = await t.call('draftFromTicket', { text: 'buy 1 SPY', account });
    const market = t.backend.broker.portfolio()?.quotes.find((q) => q.conId === quote.contract.conId);
    const ask = market?.ask ?? market?.last ?? 0;
    expect(ask).toBeGreaterThan(0);
    // A limit far below the ask must not make a big order look small.
    const netLiq = t.backend.broker.portfolio()?.accounts.find((a) => a.account === account)?.netLiquidation ?? 0;
    const quantity = Math.ceil((netLiq * 0.06) / ask);
    const low = await t.call('draftFromTicket', { text: `buy ${quantity} SPY lmt ${(ask * 0.5).toFixed(2)}`, account });
    const queue = await t.call('getQueue');
    const size = queue.review[low.id]?.size;
    // The ask moves between the two reads: within a cent a share of it.
    expect(Math.abs((size?.notional ?? 0) - quantity * ask)).toBeLessThan(quantity * 0.05);
    expect(size?.large).toBe(true);
  });

  it('a smaller order needs no confirmation, and the threshold is the setting', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const draft = await t.call('draftFromTicket', { text: 'buy 35 SPY', account });
    await t.call('updateSettings', { approvals: { largeOrderPct: 50 } });
    expect((await t.call('getQueue')).review[draft.id]?.size).toMatchObject({ large: false, thresholdPct: 50 });
    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.state).toBe('submitting');
  });
});
