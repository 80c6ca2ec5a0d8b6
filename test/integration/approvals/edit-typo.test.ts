import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('a value the person mistyped in the edit dialog', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('comes back as their input to correct (bad_input) in plain words, and the draft waits unchanged', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const draft = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account });
    expect(draft.state).toBe('pending');

    // The dialog's schema takes any positive number; a share count must be whole.
    const refused = await t.callRaw('editDraft', { id: draft.id, version: draft.version, quantity: 1.5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const message = refused.ok ? '' : (refused.error?.message ?? '');
    expect(message).toContain('Quantity: must be a whole number');
    expect(message).not.toContain('order.quantity');

    const stored = t.backend.store!.drafts.get(draft.id);
    expect(stored).toMatchObject({ state: 'pending', version: draft.version, order: { quantity: 5 } });
    // The draft as shown can still be approved: nothing moved its version.
    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.state).toBe('submitting');
  });
});
