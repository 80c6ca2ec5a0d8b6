import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/main/store/audit-log';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('from the order ticket to a fill', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('drafts, checks, previews, and on approval sends exactly one order that fills and updates the position', async () => {
    t = await openBackend();
    const placed: { orderId: number; orderRef: string; whatIf: boolean }[] = [];
    t.sim.on('placeOrder', (event) => placed.push(event));
    const account = t.sim.accounts[0]!;
    const before = t.backend.broker.portfolio()?.positions.find((p) => p.account === account && p.symbol === 'AAPL')?.quantity ?? 0;

    const draft = await t.call('draftFromTicket', { text: 'buy 10 AAPL', account });
    expect(draft.state).toBe('pending');
    expect(draft.verdicts?.length).toBeGreaterThan(5);
    expect(draft.verdicts?.some((v) => v.outcome === 'block')).toBe(false);
    expect(draft.whatIf?.commission).toBeGreaterThan(0);
    expect(placed.filter((p) => !p.whatIf)).toEqual([]);

    const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
    expect(approved.state).toBe('submitting');
    expect(approved.orderRef).toBe(draft.id);

    const filled = await waitFor(() => {
      const current = t!.backend.store!.drafts.get(draft.id);
      return current?.state === 'filled' ? current : undefined;
    }, 'the draft to fill');
    expect(filled.filledQty).toBe(10);
    expect(filled.avgFillPrice).toBeGreaterThan(0);
    const real = placed.filter((p) => !p.whatIf);
    expect(real).toHaveLength(1);
    expect(real[0]?.orderRef).toBe(draft.id);

    await waitFor(
      () => t!.backend.broker.portfolio()?.positions.find((p) => p.account === account && p.symbol === 'AAPL')?.quantity === before + 10,
      'the position to grow by 10',
    );
    await waitFor(() => (t!.backend.store!.drafts.get(draft.id)?.commission ?? 0) > 0, 'the commission');
    expect(verifyAuditChain(t.backend.store!.db).ok).toBe(true);
  });

  it('refuses a stale approval: an edited draft needs the new version', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const draft = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account });
    const edited = await t.call('editDraft', { id: draft.id, version: draft.version, quantity: 6 });
    expect(edited.version).toBe(draft.version + 1);
    const stale = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('pending');
  });

  it('blocks a draft that fails a check, and a blocked draft cannot be approved', async () => {
    t = await openBackend();
    const cashAccount = t.backend.broker.portfolio()!.accounts.find((a) => a.kind === 'cash')!.account;
    // A short sale in the cash (IRA) account.
    const draft = await t.call('draftFromTicket', { text: 'sell 100000 NVDA', account: cashAccount });
    expect(draft.state).toBe('blocked');
    const refused = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('pauses approvals while the session is not ready; the draft stays pending', async () => {
    t = await openBackend();
    const draft = await t.call('draftFromTicket', { text: 'buy 1 SPY', account: t.sim.accounts[0]! });
    t.sim.faults.competingSession();
    await waitFor(() => t!.backend.broker.state()?.phase === 'taken', 'the session to be taken');
    const refused = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('pending');
  });
});

describe('settings that take effect at once', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lowering a limit re-checks waiting drafts and blocks the ones now over it', async () => {
    t = await openBackend();
    const draft = await t.call('draftFromTicket', { text: 'buy 10 AAPL', account: t.sim.accounts[0]! });
    expect(draft.state).toBe('pending');
    const limits = await t.call('updateRiskLimits', { maxNotional: 100 });
    expect(limits.maxNotional).toBe(100);
    const after = t.backend.store!.drafts.get(draft.id)!;
    expect(after.state).toBe('blocked');
    expect(after.verdicts?.find((v) => v.outcome === 'block')?.explanation).toMatch(/100/);
    expect(await t.callRaw('updateRiskLimits', { liveTradingEnabled: true })).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
  });

  it('notification and tray settings are kept, next to the connection', async () => {
    t = await openBackend();
    const updated = await t.call('updateSettings', { notifications: { fills: false }, tray: { keepRunningInTray: true } });
    expect(updated.notifications.fills).toBe(false);
    expect(updated.notifications.newDraft).toBe(true);
    expect(updated.tray.keepRunningInTray).toBe(true);
    expect((await t.call('getSettings')).notifications.fills).toBe(false);
  });
});
