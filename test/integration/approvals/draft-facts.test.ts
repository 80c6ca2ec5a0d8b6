import { afterEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import type { Store } from '../../../src/main/store/open-store';
import type { Draft } from '../../../src/shared/draft';
import { openBackend, type BackendUnderTest } from './backend-under-test';

const passed = [{ check: 'seeded', label: 'Seeded', outcome: 'pass' as const, explanation: 'An approval from the history.' }];

/** `count` finished approvals of one share at 100 USD in `account`, updated from `at` on (the newest last). */
function seedApprovals(store: Store, account: string, count: number, at: number, firstOrderId: number): void {
  for (let i = 0; i < count; i++) {
    const drafted: Draft = { ...createDraft({ account, contract: { symbol: 'IBM', secType: 'STK' }, author: 'person', order: { side: 'BUY', quantity: 1, orderType: 'MKT' } }, at), state: 'pending', verdicts: passed };
    store.drafts.insert(drafted, { actor: 'person', at, action: 'draft.created', details: {} });
    const atApproval = { positionBefore: 0, positionAfter: 1, weightBefore: null, weightAfter: null, marketPrice: 100, quote: null, at: at + i };
    const submitting: Draft = { ...drafted, state: 'submitting', orderId: firstOrderId + i, orderRef: drafted.id, atApproval, updatedAt: at + i };
    store.drafts.save(drafted, submitting, { actor: 'person', at: at + i, action: 'draft.approved', details: {} });
    store.drafts.save(submitting, { ...submitting, state: 'cancelled', updatedAt: at + i }, { actor: 'broker', at: at + i, action: 'draft.cancelled', details: {} });
  }
}

// The card's facts are main's: computed on the inputs the checks used, from the person's own approvals.
describe('the facts a waiting draft is shown with, through the contract', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reads the typical order size from the approvals in that account, and counts each new approval at once', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const other = t.sim.accounts[1]!;
    const sizeFact = async (id: string) => (await t!.call('getQueue')).review[id]?.facts.find((f) => f.kind === 'size');

    const first = await t.call('draftFromTicket', { text: 'buy 20 AAPL', account });
    expect(await sizeFact(first.id)).toMatchObject({ known: false, standsOut: false });
    expect((await sizeFact(first.id))?.text).toContain(`no approved orders in USD in ${account} so far (3 needed)`);

    // Three one-share approvals in this account: its habit is one share of a large stock.
    for (const symbol of ['MSFT', 'NVDA', 'QQQ']) {
      const small = await t.call('draftFromTicket', { text: `buy 1 ${symbol}`, account });
      await t.call('approveDraft', { id: small.id, version: small.version });
    }
    const compared = await sizeFact(first.id);
    expect(compared).toMatchObject({ known: true, standsOut: true });
    expect(compared?.text).toMatch(new RegExp(`^[\\d,.]+ USD, [\\d.]+× your typical order in ${account} \\(median [\\d,.]+ USD of your last 3 approved\\)\\.$`));

    // Another account has its own habits.
    const elsewhere = await t.call('draftFromTicket', { text: 'buy 20 AAPL', account: other });
    expect((await sizeFact(elsewhere.id))?.text).toContain(`no approved orders in USD in ${other} so far`);
  });

  it('reads an account’s habit from its own approvals however many another account has made since', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const other = t.sim.accounts[1]!;
    const store = t.backend.store!;
    const start = t.clock.now() - 3_600_000;
    seedApprovals(store, account, 5, start, 900_000);
    // The person has been busy in the other account since.
    seedApprovals(store, other, 250, start + 1_000, 910_000);
    const draft = await t.call('draftFromTicket', { text: 'buy 20 AAPL', account });
    const size = (await t.call('getQueue')).review[draft.id]!.facts.find((f) => f.kind === 'size');
    expect(size).toMatchObject({ known: true, standsOut: true });
    expect(size?.text).toContain(`your typical order in ${account} (median 100.00 USD of your last 5 approved)`);
  });

  it('sends every fact with each waiting draft and says which stand out', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const draft = await t.call('draftFromTicket', { text: 'buy 5 AAPL', account });
    const facts = (await t.call('getQueue')).review[draft.id]!.facts;
    expect(facts.map((f) => f.kind).sort()).toEqual(['concentration', 'position', 'quote-age', 'quote-distance', 'size']);
    const held = t.backend.broker.portfolio()!.positions.find((p) => p.account === account && p.symbol === 'AAPL')!.quantity;
    expect(facts.find((f) => f.kind === 'position')).toMatchObject({ standsOut: true, text: `Adds to your long AAPL: ${held} → ${held + 5}.` });
    // The quote's age is the monotonic one the session measured.
    expect(facts.find((f) => f.kind === 'quote-age')).toMatchObject({ known: true });
    const standing = facts.filter((f) => f.standsOut).length;
    expect(facts.slice(0, standing).every((f) => f.standsOut)).toBe(true);
  });
});
