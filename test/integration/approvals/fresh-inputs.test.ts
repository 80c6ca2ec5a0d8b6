import { afterEach, describe, expect, it } from 'vitest';
import { riskLimitsSetting } from '../../../src/main/risk/settings';
import { defaultRiskLimits } from '../../../src/shared/draft';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// Issue #14: the approval path reuses parses of what it read before, but
// only while the stored text is unchanged. Whatever changes the stored
// limits or drafts (here: a write straight into SQLite, behind every cache),
// the approval's re-check judges what is stored now, and nothing leaves
// that the stored state blocks.
describe('the approval re-check reads what is stored now', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const placedFor = (b: BackendUnderTest, draftId: string): boolean =>
    b.sim.engine.openOrders('all').some((o) => o.order.orderRef === draftId) || b.sim.engine.executions({}).some((f) => f.execution.orderRef === draftId);

  it('limits lowered in the database after the draft was checked block its approval, and no order leaves', async () => {
    t = await openBackend();
    await t.call('updateRiskLimits', { maxNotional: 50_000 });
    const draft = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account: t.sim.accounts[0]! });
    expect(draft.state).toBe('pending');
    // The checks have read (and remembered) the stored limits; now they change under them.
    await t.call('getQueue');
    const lowered = JSON.stringify({ ...defaultRiskLimits, maxNotional: 10 });
    expect(t.backend.store!.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(lowered, riskLimitsSetting.key).changes).toBe(1);
    const refused = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.error?.message).toMatch(/block/i);
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('blocked');
    expect(placedFor(t, draft.id)).toBe(false);
  });

  it('a draft blocked in the database after it was read is not approved, and no order leaves', async () => {
    t = await openBackend();
    const draft = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account: t.sim.accounts[0]! });
    await t.call('getQueue');
    const db = t.backend.store!.db;
    const row = db.prepare('SELECT body FROM drafts WHERE id = ?').get(draft.id) as { body: string };
    const body = JSON.parse(row.body) as { verdicts: { outcome: string; explanation: string }[] };
    body.verdicts = body.verdicts.map((v, i) => (i === 0 ? { ...v, outcome: 'block', explanation: 'Blocked by another writer.' } : v));
    db.prepare("UPDATE drafts SET state = 'blocked', body = ? WHERE id = ?").run(JSON.stringify({ ...body, state: 'blocked' }), draft.id);
    const refused = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('blocked');
    expect(placedFor(t, draft.id)).toBe(false);
  });
});
