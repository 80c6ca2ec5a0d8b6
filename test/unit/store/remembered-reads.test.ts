import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskVerdict } from '../../../src/shared/draft';
import { applyVerdicts, transition } from '../../../src/main/approvals/lifecycle';
import { rowBody } from '../../../src/main/store/audit-log';
import { canonicalJson } from '../../../src/main/store/canonical-json';
import { DraftConflictError } from '../../../src/main/store/draft-repository';
import { openStore, type Store } from '../../../src/main/store/open-store';
import type { SettingDefinition } from '../../../src/main/store/settings-repository';
import { sampleDraft, tempDir } from './support';

// The store reuses a parse when the stored text has not changed (the approval
// path reads its drafts and limits on every check). These tests change the
// rows behind the repositories' backs, as another writer or a restore would:
// every read must still return what is stored now, never the remembered parse.

const now = 1_700_000_000_000;
const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };
const block: RiskVerdict = { check: 'max-notional', label: 'Order size', outcome: 'block', explanation: 'Too large.' };
const limits: SettingDefinition<{ maxNotional: number }> = {
  key: 'risk.test-limits',
  schema: z.object({ maxNotional: z.number().positive() }),
  fallback: { maxNotional: 50_000 },
};

let store: Store;
beforeEach(() => {
  store = openStore(tempDir());
});
afterEach(() => store.close());

function storedPending() {
  const drafted = sampleDraft(now);
  store.drafts.insert(drafted, { actor: 'claude', at: now, action: 'draft.created' });
  const pending = applyVerdicts(drafted, [pass], now + 1);
  store.drafts.save(drafted, pending, { actor: 'system', at: now + 1, action: 'draft.checked' });
  return store.drafts.get(pending.id)!;
}

/** Rewrites a draft's row directly in SQLite. */
function rewriteRow(id: string, change: (body: Record<string, unknown>) => Record<string, unknown>, state?: string): void {
  const row = store.db.prepare('SELECT state, body FROM drafts WHERE id = ?').get(id) as { state: string; body: string };
  const body = change(JSON.parse(row.body) as Record<string, unknown>);
  store.db.prepare('UPDATE drafts SET state = ?, body = ? WHERE id = ?').run(state ?? row.state, JSON.stringify(body), id);
}

describe('reads the store remembers', () => {
  it('a draft blocked in the database behind the repository’s back is read as blocked, and not listed as approvable', () => {
    const pending = storedPending();
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
    rewriteRow(pending.id, (body) => ({ ...body, state: 'blocked', verdicts: [block] }), 'blocked');
    expect(store.drafts.get(pending.id)).toMatchObject({ state: 'blocked', verdicts: [block] });
    expect(store.drafts.listByStates(['pending'])).toEqual([]);
  });

  it('an approval computed from a copy read before the row changed is refused, even with the same state and version', () => {
    const pending = storedPending();
    rewriteRow(pending.id, (body) => ({ ...body, verdicts: [pass, { ...pass, check: 'order-rate', explanation: 'Fine.' }] }));
    const approved = transition(pending, 'submitting', { now: now + 2, verdicts: [pass], orderId: 7, expectedVersion: 1 });
    expect(() => store.drafts.save(pending, approved, { actor: 'person', at: now + 2, action: 'draft.approved' })).toThrow(DraftConflictError);
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
  });

  it('a row made unreadable behind the repository’s back is quarantined, not served from memory', () => {
    const pending = storedPending();
    store.db.prepare('UPDATE drafts SET body = ? WHERE id = ?').run('{ not json', pending.id);
    expect(store.drafts.get(pending.id)).toBeNull();
    expect(store.drafts.listPending()).toEqual([]);
    expect(store.drafts.unreadable().map((u) => u.id)).toEqual([pending.id]);
  });

  it('a row repaired back to the text it had before it was damaged is readable again, and leaves quarantine', () => {
    const pending = storedPending();
    const original = (store.db.prepare('SELECT body FROM drafts WHERE id = ?').get(pending.id) as { body: string }).body;
    store.db.prepare('UPDATE drafts SET body = ? WHERE id = ?').run('{ not json', pending.id);
    expect(store.drafts.get(pending.id)).toBeNull();
    store.db.prepare('UPDATE drafts SET body = ? WHERE id = ?').run(original, pending.id);
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
    expect(store.drafts.unreadable()).toEqual([]);
  });

  it('hands out drafts that cannot be changed in place', () => {
    const pending = storedPending();
    const read = store.drafts.get(pending.id)!;
    expect(() => {
      (read as { state: string }).state = 'submitting';
    }).toThrow(TypeError);
    expect(() => (read.verdicts as RiskVerdict[]).push(block)).toThrow(TypeError);
    expect(store.drafts.get(pending.id)?.state).toBe('pending');
  });

  it('limits tightened in the database are the ones read next; limits made invalid read as a problem, not as the last valid ones', () => {
    store.settings.write(limits, { maxNotional: 50_000 }, now);
    expect(store.settings.readChecked(limits)).toMatchObject({ ok: true, value: { maxNotional: 50_000 } });
    store.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ maxNotional: 10 }), limits.key);
    expect(store.settings.readChecked(limits)).toMatchObject({ ok: true, value: { maxNotional: 10 } });
    store.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ maxNotional: -1 }), limits.key);
    expect(store.settings.readChecked(limits).ok).toBe(false);
    store.db.prepare('DELETE FROM settings WHERE key = ?').run(limits.key);
    expect(store.settings.readChecked(limits)).toEqual({ ok: true, value: { maxNotional: 50_000 }, stored: false });
  });

  it('an audit row’s body is the canonical JSON of the row, however its details are built', () => {
    const rows = [
      { seq: 1, at: now, actor: 'person' as const, draftId: null, action: 'trading.halted', details: {} },
      { seq: 2, at: now + 0.5, actor: 'broker' as const, draftId: 'd-1', action: 'broker.warning', details: { z: [1, { b: 2, a: null }], a: 'line\n"quoted"\u2028', n: -0 } },
      { seq: 3, at: now, actor: 'system' as const, draftId: 'd-\u00e9', action: 'x"y', details: { 10: 'ten', 9: 'nine', nested: { undef: undefined, k: true } } },
    ];
    for (const row of rows) expect(rowBody(row)).toBe(canonicalJson(row));
    expect(() => rowBody({ ...rows[0]!, at: Number.NaN })).toThrow(TypeError);
  });
});
