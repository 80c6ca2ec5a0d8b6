import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { migrate, MigrationError, schemaVersion } from '../../../src/main/store/migrate';
import { migrations } from '../../../src/main/store/migrations/index';
import { appendAudit, verifyAuditChain } from '../../../src/main/store/audit-log';
import { reserveOrderId } from '../../../src/main/store/order-id-ledger';
import { sampleDraft, tempDir } from './support';

const open: Db[] = [];
function freshDb(): Db {
  const db = openDatabase(path.join(tempDir(), 'm.sqlite'));
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => n !== 'sqlite_sequence');
}

function insertDraftRow(db: Db, id: string): void {
  const d = { ...sampleDraft(), id };
  db.prepare(
    `INSERT INTO drafts (id, version, state, account, symbol, author, created_at, updated_at, expires_at, body)
     VALUES (?, 1, 'pending', ?, 'AAPL', 'claude', 1, 1, 2, ?)`,
  ).run(id, d.account, JSON.stringify(d));
}

describe('migrations', () => {
  it('are numbered 1..N with unique names', () => {
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('001 drafts: creates drafts and their versions, which refuse deletes', () => {
    const db = freshDb();
    migrate(db, 0);
    expect(tables(db)).toEqual(['schema_migrations']);
    migrate(db, 1);
    expect(tables(db)).toEqual(['draft_versions', 'drafts', 'schema_migrations']);
    insertDraftRow(db, '00000000-0000-4000-8000-000000000001');
    db.prepare("INSERT INTO draft_versions VALUES ('00000000-0000-4000-8000-000000000001', 1, 1, '{}')").run();
    expect(() => db.prepare('DELETE FROM drafts').run()).toThrow(/never deleted/);
    expect(() => db.prepare('UPDATE draft_versions SET body = 1').run()).toThrow(/never changed/);
    expect(() => db.prepare("INSERT INTO draft_versions VALUES ('no-such-draft', 1, 1, '{}')").run()).toThrow(/FOREIGN KEY/);
  });

  it('002 audit log: keeps drafts written at 001 and adds an append-only chain', () => {
    const db = freshDb();
    migrate(db, 1);
    insertDraftRow(db, '00000000-0000-4000-8000-000000000002');
    migrate(db, 2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 1 });
    appendAudit(db, { at: 1, actor: 'system', action: 'app.started', details: {} });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('003 order ids: keeps earlier data and starts the ledger', () => {
    const db = freshDb();
    migrate(db, 2);
    appendAudit(db, { at: 1, actor: 'system', action: 'app.started', details: {} });
    migrate(db, 3);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(reserveOrderId(db, 7, 1)).toBe(7);
    expect(() => db.prepare('DELETE FROM order_ids').run()).toThrow(/never released/);
  });

  it('004 settings: keeps earlier data and adds the settings table', () => {
    const db = freshDb();
    migrate(db, 3);
    reserveOrderId(db, 42, 1);
    migrate(db, 4);
    expect(reserveOrderId(db, 1, 2)).toBe(43);
    db.prepare("INSERT INTO settings VALUES ('k', '1', 1)").run();
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '1' });
  });

  it('records what was applied and is a no-op the second time', () => {
    const db = freshDb();
    expect(migrate(db)).toEqual({ from: 0, to: migrations.length, applied: migrations.map((m) => m.id) });
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
    expect(schemaVersion(db)).toBe(migrations.length);
  });

  it('applies all or nothing when a step fails', () => {
    const db = freshDb();
    const broken = [
      ...migrations,
      { id: migrations.length + 1, name: 'broken', up: (d: Db) => d.exec('CREATE TABLE x (a); THIS IS NOT SQL') },
    ];
    migrate(db, 2);
    expect(() => migrate(db, undefined, broken)).toThrow();
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).not.toContain('order_ids');
    expect(tables(db)).not.toContain('x');
  });

  it('never goes back and refuses an edited migration history', () => {
    const db = freshDb();
    migrate(db);
    expect(() => migrate(db, 2)).toThrow(MigrationError);
    db.prepare("UPDATE schema_migrations SET name = 'renamed' WHERE id = 1").run();
    expect(() => migrate(db)).toThrow(/does not match/);
  });
});
