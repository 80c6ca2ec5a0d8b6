import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskVerdict } from '../../../src/shared/draft';
import { applyVerdicts, reviseDraft, transition } from '../../../src/main/approvals/lifecycle';
import { auditRowsForDraft, verifyAuditChain } from '../../../src/main/store/audit-log';
import { DraftConflictError, StoredDraftUnreadableError } from '../../../src/main/store/draft-repository';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { reserveOrderId } from '../../../src/main/store/order-id-ledger';
import { sampleDraft, tempDir } from './support';

const now = 1_700_000_000_000;
const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };
let store: Store;
let dir: string;

beforeEach(() => {
  dir = tempDir();
  store = openStore(dir);
});
afterEach(() => {
  if (store.db.open) store.close();
});

function insertPending() {
  const drafted = sampleDraft(now);
  store.drafts.insert(drafted, { actor: 'claude', at: now, action: 'draft.created' });
  const pending = applyVerdicts(drafted, [pass], now + 1);
  store.drafts.save(drafted, pending, { actor: 'system', at: now + 1, action: 'draft.checked' });
  return pending;
}

describe('draft repository', () => {
  it('stores a draft with its audit rows, and lists it in the queue', () => {
    const pending = insertPending();
    expect(store.drafts.get(pending.id)).toEqual(pending);
    expect(store.drafts.listPending().map((d) => d.id)).toEqual([pending.id]);
    const audit = auditRowsForDraft(store.db, pending.id);
    expect(audit.map((r) => [r.actor, r.action])).toEqual([
      ['claude', 'draft.created'],
      ['system', 'draft.checked'],
    ]);
    expect(audit[1]!.details).toMatchObject({ from: 'drafted', to: 'pending', verdicts: [pass] });
  });

  it('keeps every version of an edited draft', () => {
    const v1 = insertPending();
    const v2 = reviseDraft(v1, { order: { ...v1.order, quantity: 25 } }, () => [pass], now + 2);
    store.drafts.save(v1, v2, { actor: 'person', at: now + 2, action: 'draft.edited' });
    const versions = store.drafts.versions(v1.id);
    expect(versions.map((v) => [v.version, v.draft.order.quantity])).toEqual([
      [1, 10],
      [2, 25],
    ]);
    expect(store.drafts.get(v1.id)?.version).toBe(2);
  });

  it('lets only one of two approvals of the same draft through', () => {
    const pending = insertPending();
    const approve = (orderId: number) =>
      store.db.transaction(() => {
        const next = transition(pending, 'submitting', { now: now + 3, verdicts: [pass], orderId, expectedVersion: 1 });
        store.drafts.save(pending, next, { actor: 'person', at: now + 3, action: 'draft.approved' });
      })();
    approve(reserveOrderId(store.db, 100, now + 3, pending.id));
    expect(() => approve(reserveOrderId(store.db, 100, now + 3, pending.id))).toThrow(DraftConflictError);
    const stored = store.drafts.get(pending.id)!;
    expect(stored).toMatchObject({ state: 'submitting', orderId: 100, orderRef: pending.id });
    expect(auditRowsForDraft(store.db, pending.id).filter((r) => r.action === 'draft.approved')).toHaveLength(1);
  });

  it('refuses a fill update computed from an out-of-date copy, even in the same state and version', () => {
    const pending = insertPending();
    const submitting = transition(pending, 'submitting', { now: now + 3, verdicts: [pass], orderId: 9 });
    store.drafts.save(pending, submitting, { actor: 'person', at: now + 3, action: 'draft.approved' });
    const partial = transition(submitting, 'partially_filled', { now: now + 4, fill: { filledQty: 3, avgFillPrice: 190 } });
    store.drafts.save(submitting, partial, { actor: 'broker', at: now + 4, action: 'broker.fill' });
    const more = transition(partial, 'partially_filled', { now: now + 5, fill: { filledQty: 6, avgFillPrice: 190 } });
    store.drafts.save(partial, more, { actor: 'broker', at: now + 5, action: 'broker.fill' });
    // A second writer still holding `partial` tries to record its own (older) view.
    const older = transition(partial, 'partially_filled', { now: now + 5, fill: { filledQty: 4, avgFillPrice: 190 } });
    expect(() => store.drafts.save(partial, older, { actor: 'broker', at: now + 5, action: 'broker.fill' })).toThrow(DraftConflictError);
    expect(store.drafts.get(pending.id)?.filledQty).toBe(6);
  });

  it('refuses a save the lifecycle does not allow, and writes nothing', () => {
    const pending = insertPending();
    const filled = { ...pending, state: 'filled' as const };
    expect(() => store.drafts.save(pending, filled, { actor: 'broker', at: now, action: 'x' })).toThrow(DraftConflictError);
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
    expect(auditRowsForDraft(store.db, pending.id)).toHaveLength(2);
  });

  it('only takes new drafts into the queue, checked consistently', () => {
    const d = sampleDraft(now);
    const audit = { actor: 'claude' as const, at: now, action: 'x' };
    expect(() => store.drafts.insert({ ...d, state: 'submitting', orderId: 1, orderRef: d.id, verdicts: [pass] }, audit)).toThrow(
      DraftConflictError,
    );
    expect(() => store.drafts.insert({ ...d, state: 'pending', verdicts: [{ ...pass, outcome: 'block' }] }, audit)).toThrow(/without a block/);
    expect(() => store.drafts.insert({ ...d, state: 'blocked', verdicts: [pass] }, audit)).toThrow(/verdict that blocks/);
    expect(store.drafts.get(d.id)).toBeNull();
    store.drafts.insert(applyVerdicts(d, [pass], now), audit);
    expect(store.drafts.get(d.id)?.state).toBe('pending');
  });

  it('never stores an approval with a blocking verdict or without an order id, even if handed one directly', () => {
    const pending = insertPending();
    const block: RiskVerdict = { ...pass, outcome: 'block', explanation: 'No.' };
    const forged = { ...pending, state: 'submitting' as const, verdicts: [block], orderId: 5, orderRef: pending.id };
    expect(() => store.drafts.save(pending, forged, { actor: 'person', at: now, action: 'x' })).toThrow(/without a block/);
    const noId = { ...pending, state: 'submitting' as const, verdicts: [pass] };
    expect(() => store.drafts.save(pending, noId, { actor: 'person', at: now, action: 'x' })).toThrow(/order id/);
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
  });

  it('refuses a content change without the next version number', () => {
    const pending = insertPending();
    const sneaky = { ...pending, order: { ...pending.order, quantity: 999 } };
    expect(() => store.drafts.save(pending, sneaky, { actor: 'claude', at: now, action: 'x' })).toThrow(/next version/);
  });

  it('finds an in-flight order again by orderRef and by order id after a restart', () => {
    const pending = insertPending();
    const submitting = transition(pending, 'submitting', { now: now + 3, verdicts: [pass], orderId: 55 });
    store.drafts.save(pending, submitting, { actor: 'person', at: now + 3, action: 'draft.approved' });
    store.close();
    store = openStore(dir);
    expect(store.drafts.findByOrderRef(pending.id)?.state).toBe('submitting');
    expect(store.drafts.findByOrderId(55)?.id).toBe(pending.id);
    expect(store.drafts.listInFlight().map((d) => d.id)).toEqual([pending.id]);
    expect(store.drafts.listPending()).toEqual([]);
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('lists queue drafts whose time ran out', () => {
    const pending = insertPending();
    expect(store.drafts.listExpired(pending.expiresAt - 1)).toEqual([]);
    expect(store.drafts.listExpired(pending.expiresAt).map((d) => d.id)).toEqual([pending.id]);
  });

  it('quarantines a stored draft that no longer parses: reported, never returned, never dropped', () => {
    const pending = insertPending();
    store.db.prepare("UPDATE drafts SET body = '{\"id\": 1}' WHERE id = ?").run(pending.id);
    expect(store.drafts.get(pending.id)).toBeNull();
    expect(store.drafts.listPending()).toEqual([]);
    expect(store.drafts.unreadable()).toEqual([{ id: pending.id, storedState: 'pending', problem: expect.any(String) as string }]);
    expect(store.db.prepare('SELECT body FROM drafts WHERE id = ?').pluck().get(pending.id)).toBe('{"id": 1}');
    expect(() => store.drafts.versions(pending.id)).not.toThrow();
    store.db.prepare("INSERT INTO draft_versions (draft_id, version, created_at, body) VALUES (?, 9, 0, 'x')").run(pending.id);
    expect(() => store.drafts.versions(pending.id)).toThrow(StoredDraftUnreadableError);
  });
});
