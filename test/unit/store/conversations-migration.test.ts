import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { migrate } from '../../../src/main/store/migrate';
import { ConversationRepository, SqliteSpendLedger } from '../../../src/main/store/conversation-repository';
import { tempDir } from './support';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function freshDb(): Db {
  const db = openDatabase(path.join(tempDir(), 'c.sqlite'));
  open.push(db);
  return db;
}

const conversation = (text: string) => ({
  messages: [{ role: 'user' as const, content: text }],
  turns: [{ turnId: 't1', startedAt: 1, endedAt: 2, model: 'm', userText: text, toolResults: [], outcome: 'complete', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, usd: 0.01, costEstimated: false, draftIds: [] }],
  aliases: {},
});

describe('migration 005 conversations', () => {
  it('keeps the settings written at 004 and adds conversations and spend', () => {
    const db = freshDb();
    migrate(db, 4);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('app.settings', '{}', 1)").run();
    migrate(db, 5);
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 1 });
    const repo = new ConversationRepository(db, () => 10);
    repo.write('c1', conversation('How concentrated is my book?'));
    expect(repo.read('c1')?.messages).toHaveLength(1);
    expect(repo.summaries()).toEqual([{ id: 'c1', title: 'How concentrated is my book?', createdAt: 10, updatedAt: 10 }]);
  });

  it('deletes a conversation and everything stored with it, and nothing else', () => {
    const db = freshDb();
    migrate(db);
    const repo = new ConversationRepository(db, () => 10);
    repo.write('keep', conversation('keep me'));
    repo.write('drop', conversation('secret tool results'));
    expect(repo.delete('drop')).toBe(true);
    expect(repo.read('drop')).toBeUndefined();
    expect(repo.list()).toEqual(['keep']);
    const rows = db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE body LIKE '%secret%'").get();
    expect(rows).toEqual({ n: 0 });
  });

  it('sums Claude spend per month', () => {
    const db = freshDb();
    migrate(db);
    const ledger = new SqliteSpendLedger(db);
    const nov = new Date(2026, 10, 5).getTime();
    ledger.record({ at: nov, model: 'm', usage: { input: 100, output: 10, cacheRead: 50, cacheWrite: 5 }, usd: 0.5, estimated: false });
    ledger.record({ at: nov + 1000, model: 'm', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, usd: 0.25, estimated: true });
    ledger.record({ at: new Date(2026, 9, 5).getTime(), model: 'm', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, usd: 9, estimated: false });
    expect(ledger.month('2026-11')).toEqual({ month: '2026-11', usd: 0.75, usage: { input: 101, output: 11, cacheRead: 50, cacheWrite: 5 }, requests: 2, estimated: true });
  });
});
