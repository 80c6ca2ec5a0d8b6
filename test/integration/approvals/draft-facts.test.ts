import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

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
