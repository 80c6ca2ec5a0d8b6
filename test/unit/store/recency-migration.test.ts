import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transition } from '../../../src/main/approvals/lifecycle';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { DraftRepository } from '../../../src/main/store/draft-repository';
import { migrate } from '../../../src/main/store/migrate';
import { terminalDraftStates } from '../../../src/shared/draft';
import { sampleDraft, tempDir } from './support';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A draft created at `at` and rejected at `at + 1`: a finished draft. */
function rejectedDraft(drafts: DraftRepository, at: number): string {
  const drafted = sampleDraft(at);
  drafts.insert(drafted, { actor: 'person', at, action: 'draft.created' });
  drafts.save(drafted, transition(drafted, 'rejected', { now: at + 1 }), { actor: 'person', at: at + 1, action: 'draft.rejected' });
  return drafted.id;
}

describe('migration 006 drafts by recency', () => {
  it('keeps the drafts written at 005 and finds the newest finished ones through the new index', () => {
    const db = openDatabase(path.join(tempDir(), 'r.sqlite'));
    open.push(db);
    migrate(db, 5);
    const drafts = new DraftRepository(db);
    const ids = [1000, 3000, 2000, 4000].map((at) => rejectedDraft(drafts, 1_700_000_000_000 + at));
    migrate(db, 6);

    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'drafts'").all() as { name: string }[];
    expect(indexes.map((i) => i.name)).toContain('drafts_state_updated');
    expect(indexes.map((i) => i.name)).not.toContain('drafts_state');
    expect(drafts.listRecentByStates(terminalDraftStates, 2).map((d) => d.id)).toEqual([ids[3], ids[1]]);
    expect(drafts.listRecentByStates(terminalDraftStates, 10)).toHaveLength(4);
    expect(drafts.listRecentByStates(['filled'], 10)).toEqual([]);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM drafts WHERE state IN ('rejected', 'filled') ORDER BY updated_at DESC LIMIT 30")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('drafts_state_updated');
  });
});
