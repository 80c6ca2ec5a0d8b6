import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnreadableError, openDatabase, type Db } from '../../../src/main/store/database';
import { DatabaseTooNewError, migrate } from '../../../src/main/store/migrate';
import { migrations } from '../../../src/main/store/migrations/index';
import { openStore } from '../../../src/main/store/open-store';
import { sampleDraft, tempDir } from './support';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

describe('opening the database', () => {
  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(tempDir(), 'a.sqlite'));
    open.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('keeps drafts across a close and reopen', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const draft = sampleDraft();
    store.drafts.insert(draft, { actor: 'claude', at: draft.createdAt, action: 'draft.created' });
    store.close();
    const again = openStore(dir);
    open.push(again.db);
    expect(again.drafts.get(draft.id)).toEqual(draft);
    expect(again.migration.applied).toEqual([]);
  });

  it('reports a file that is not a database and leaves its bytes untouched', () => {
    const file = path.join(tempDir(), 'countersign.sqlite');
    const bytes = Buffer.from('These are my notes, not a database.\n'.repeat(200));
    fs.writeFileSync(file, bytes);
    const error = (() => {
      try {
        openDatabase(file);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DatabaseUnreadableError);
    const unreadable = error as DatabaseUnreadableError;
    expect(unreadable.reason).toBe('not_a_database');
    expect(unreadable.path).toBe(file);
    expect(unreadable.message).toMatch(/Nothing was changed or deleted/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['countersign.sqlite']);
  });

  it('reports a damaged database and leaves its bytes untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'countersign.sqlite');
    // A rollback-journal database with enough rows to span many pages.
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(10));
    })();
    raw.close();
    const pageSize = 4096;
    const damaged = fs.readFileSync(file);
    damaged.fill(0xa5, pageSize * 3, pageSize * 6); // garbage over pages 4-6, header intact
    fs.writeFileSync(file, damaged);

    expect(() => openDatabase(file)).toThrow(DatabaseUnreadableError);
    try {
      openDatabase(file);
    } catch (e) {
      expect((e as DatabaseUnreadableError).reason).toBe('corrupt');
    }
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['countersign.sqlite']);
  });

  it('reports a damaged WAL-mode database and leaves the file and its WAL untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'countersign.sqlite');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(10));
    })();
    raw.close(); // checkpoints everything into the main file
    const damaged = fs.readFileSync(file);
    damaged.fill(0x5a, 4096 * 3, 4096 * 6);
    fs.writeFileSync(file, damaged);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ reason: 'corrupt' }) as unknown as Error);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('reports a path it cannot open as such', () => {
    const dir = tempDir();
    expect(() => openDatabase(path.join(dir, 'missing-folder', 'x.sqlite'))).toThrow(
      expect.objectContaining({ reason: 'cannot_open' }) as unknown as Error,
    );
  });

  it('refuses a database written by a newer app and changes nothing', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (99, 'from-the-future', 1)").run();
    store.close();
    expect(() => openStore(dir)).toThrow(DatabaseTooNewError);
    const db = openDatabase(path.join(dir, 'countersign.sqlite'));
    open.push(db);
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[];
    expect(ids.map((r) => r.id)).toEqual([...migrations.map((m) => m.id), 99]);
    expect(() => migrate(db)).toThrow(/newer version of Countersign/);
  });
});
