import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RiskVerdict } from '../../../src/shared/draft';
import { applyVerdicts, transition } from '../../../src/main/approvals/lifecycle';
import { verifyAuditChain } from '../../../src/main/store/audit-log';
import { databaseFileName, openStore, type Store } from '../../../src/main/store/open-store';
import { reserveOrderId } from '../../../src/main/store/order-id-ledger';
import { damageStoredDraft, storedBody } from '../../support/damage-draft';
import { buyAapl, sampleDraft, tempDir } from './support';

const now = 1_700_000_000_000;
const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };

function pending(store: Store, at: number, quantity = 10) {
  const drafted = sampleDraft(at, { ...buyAapl, order: { ...buyAapl.order, quantity } });
  store.drafts.insert(drafted, { actor: 'claude', at, action: 'draft.created' });
  const checked = applyVerdicts(drafted, [pass], at + 1);
  store.drafts.save(drafted, checked, { actor: 'system', at: at + 1, action: 'draft.checked' });
  return checked;
}

function working(store: Store, at: number) {
  const waiting = pending(store, at, 3);
  const orderId = reserveOrderId(store.db, 40, at + 2, waiting.id);
  const approved = transition(waiting, 'submitting', { now: at + 2, verdicts: [pass], orderId, expectedVersion: 1 });
  store.drafts.save(waiting, approved, { actor: 'person', at: at + 2, action: 'draft.approved' });
  return { draft: approved, orderId };
}

describe('a draft row damaged in the database file', () => {
  it('is quarantined: every reader survives it, the others read normally, and its bytes stay as they are', () => {
    const dir = tempDir();
    let store = openStore(dir);
    const good = pending(store, now);
    const bad = pending(store, now + 10, 20);
    const inFlight = working(store, now + 20);
    const badInFlight = working(store, now + 30);
    store.close();

    // One flipped byte: the first brace of one pending and one in-flight body.
    const damagedPending = damageStoredDraft(dir, bad.id, '{', '#');
    const damagedInFlight = damageStoredDraft(dir, badInFlight.draft.id, '"quantity":3', '"quantity":-');
    const fileBefore = fs.readFileSync(path.join(dir, databaseFileName));

    store = openStore(dir);
    const drafts = store.drafts;
    expect(drafts.unreadable()).toEqual([
      { id: bad.id, storedState: 'pending', problem: 'not valid JSON' },
      { id: badInFlight.draft.id, storedState: 'submitting', problem: expect.stringMatching(/.+/) as string },
    ]);
    expect(drafts.listPending().map((d) => d.id)).toEqual([good.id]);
    expect(drafts.listInFlight().map((d) => d.id)).toEqual([inFlight.draft.id]);
    expect(drafts.listByStates(['pending', 'submitting']).map((d) => d.id)).toEqual([good.id, inFlight.draft.id]);
    expect(drafts.listRecentByStates(['pending', 'submitting'], 10).map((d) => d.id).sort()).toEqual([good.id, inFlight.draft.id].sort());
    expect(drafts.listExpired(Number.MAX_SAFE_INTEGER).map((d) => d.id)).toEqual([good.id]);
    expect(drafts.get(bad.id)).toBeNull();
    expect(drafts.findByOrderRef(badInFlight.draft.id)).toBeNull();
    expect(drafts.findByOrderId(badInFlight.orderId)).toBeNull();
    expect(drafts.findByOrderId(inFlight.orderId)?.id).toBe(inFlight.draft.id);
    expect(drafts.get(good.id)).toEqual(good);
    // The store still writes: a new draft and its audit row go in beside the damaged ones.
    pending(store, now + 40);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();

    expect(storedBody(dir, bad.id)).toBe(damagedPending);
    expect(storedBody(dir, badInFlight.draft.id)).toBe(damagedInFlight);
    expect(fileBefore.includes(Buffer.from(damagedPending.slice(0, 200)))).toBe(true);
  });

  it('is quarantined when its body is another draft, or disagrees with the row’s state', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const a = pending(store, now);
    const b = pending(store, now + 10, 20);
    const c = pending(store, now + 20, 30);
    // A copy-paste repair gone wrong, and a state column edited by hand.
    store.db.prepare('UPDATE drafts SET body = (SELECT body FROM drafts WHERE id = ?) WHERE id = ?').run(a.id, b.id);
    store.db.prepare("UPDATE drafts SET state = 'working' WHERE id = ?").run(c.id);
    store.close();
    const again = openStore(dir);
    expect(again.drafts.unreadable().map((u) => [u.id, u.storedState])).toEqual([
      [b.id, 'pending'],
      [c.id, 'working'],
    ]);
    expect(again.drafts.listByStates(['pending', 'working']).map((d) => d.id)).toEqual([a.id]);
    again.close();
  });

  it('counts a damaged row as possibly in flight unless it is provably over or provably never sent', () => {
    const dir = tempDir();
    let store = openStore(dir);
    const stateDamaged = working(store, now).draft;
    const stateLooksQueued = working(store, now + 10).draft;
    const neverSent = pending(store, now + 20);
    store.close();
    // A state column that is not one of ours proves nothing; a queue state beside an order id is not a queue draft.
    const db = new Database(path.join(dir, databaseFileName));
    db.prepare('UPDATE drafts SET state = ? WHERE id = ?').run('Submitting', stateDamaged.id);
    db.prepare('UPDATE drafts SET state = ? WHERE id = ?').run('pending', stateLooksQueued.id);
    db.close();
    damageStoredDraft(dir, neverSent.id, `"id":"${neverSent.id}"`, `"id":"${neverSent.id.slice(0, -1)}!"`);

    store = openStore(dir);
    expect(store.drafts.unreadable().map((r) => r.id).sort()).toEqual([stateDamaged.id, stateLooksQueued.id, neverSent.id].sort());
    expect(store.drafts.unreadableInFlight().sort()).toEqual([stateDamaged.id, stateLooksQueued.id].sort());
    store.close();
  });
});

