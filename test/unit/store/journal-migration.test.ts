import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { DraftRepository } from '../../../src/main/store/draft-repository';
import { migrate } from '../../../src/main/store/migrate';
import { sampleDraft, tempDir } from './support';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('migration 008 decision journal', () => {
  it('adds the journal tables beside the drafts and audit rows written at 007, changing none of them', () => {
    const db = openDatabase(path.join(tempDir(), 'j.sqlite'));
    open.push(db);
    migrate(db, 7);
    const drafts = new DraftRepository(db);
    const draft = sampleDraft(1_700_000_000_000);
    drafts.insert(draft, { actor: 'claude', at: 1_700_000_000_000, action: 'draft.created' });
    const auditBefore = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    const draftsBefore = db.prepare('SELECT * FROM drafts').all();

    expect(migrate(db, 8).applied).toEqual([8]);

    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(auditBefore);
    expect(db.prepare('SELECT * FROM drafts').all()).toEqual(draftsBefore);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'journal_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['journal_entries', 'journal_executions', 'journal_outcomes']);
    for (const table of tables) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
  });

  it('keeps entries, and freezes executions and outcomes once written', () => {
    const db = openDatabase(path.join(tempDir(), 'j.sqlite'));
    open.push(db);
    migrate(db, 8);
    db.prepare(
      `INSERT INTO journal_entries (draft_id, author, account, con_id, symbol, sec_type, side, quantity, multiplier, order_type, drafted_at, updated_at)
       VALUES ('d1', 'claude', 'DU1', 1, 'AAPL', 'STK', 'BUY', 10, 1, 'MKT', 1, 1)`,
    ).run();
    db.prepare("INSERT INTO journal_executions VALUES ('e1', 'DU1', 1, 'BUY', 10, 100, 2, 'd1', 7, 3)").run();
    db.prepare("INSERT INTO journal_outcomes VALUES ('d1', '1d', '20261127', 101, 3)").run();
    expect(() => db.prepare("DELETE FROM journal_entries WHERE draft_id = 'd1'").run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE journal_executions SET price = 1").run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM journal_executions').run()).toThrow(/never deleted/);
    expect(() => db.prepare('UPDATE journal_outcomes SET price = 1').run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM journal_outcomes').run()).toThrow(/never deleted/);
    expect(() => db.prepare("INSERT INTO journal_outcomes VALUES ('d1', '2d', '20261130', 1, 3)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO journal_outcomes VALUES ('nope', '5d', '20261130', 1, 3)").run()).toThrow(/FOREIGN KEY/);
  });
});
