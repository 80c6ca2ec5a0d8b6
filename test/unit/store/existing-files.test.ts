import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseUnreadableError } from '../../../src/main/store/database';
import { databaseFileName, openStore } from '../../../src/main/store/open-store';
import { tempDir } from './support';

/** Every file in the directory with its exact bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

function openFails(dir: string): DatabaseUnreadableError {
  try {
    openStore(dir).close();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseUnreadableError);
    return error as DatabaseUnreadableError;
  }
  throw new Error('openStore opened the directory');
}

/** A real WAL with committed frames that are not yet in the main file (a crash before the checkpoint). */
function uncheckpointedWal(dir: string): Buffer {
  const scratch = tempDir();
  const file = path.join(scratch, databaseFileName);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec("CREATE TABLE drafts (id TEXT); INSERT INTO drafts VALUES ('the only record of an approval');");
  const wal = fs.readFileSync(`${file}-wal`);
  db.close();
  expect(wal.length).toBeGreaterThan(0);
  fs.writeFileSync(path.join(dir, `${databaseFileName}-wal`), wal);
  return wal;
}

describe('files that exist are never created over or deleted', () => {
  it('reports an empty (0-byte) data file with its path instead of starting a new database in it', () => {
    const dir = tempDir();
    const file = path.join(dir, databaseFileName);
    fs.writeFileSync(file, '');
    const before = snapshot(dir);
    const error = openFails(dir);
    expect(error.path).toBe(file);
    expect(error.reason).toBe('empty');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/empty/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports an empty data file beside a -wal and leaves both byte for byte', () => {
    const dir = tempDir();
    const file = path.join(dir, databaseFileName);
    uncheckpointedWal(dir);
    fs.writeFileSync(file, '');
    const before = snapshot(dir);
    const error = openFails(dir);
    expect(error.path).toBe(file);
    expect(error.message).toContain(`${file}-wal`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports a -wal whose data file is missing and creates nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, databaseFileName);
    uncheckpointedWal(dir);
    const before = snapshot(dir);
    const error = openFails(dir);
    expect(error.path).toBe(file);
    expect(error.reason).toBe('missing_beside_journal');
    expect(error.message).toContain(`${file}-wal`);
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a -shm whose data file is missing and creates nothing', () => {
    const dir = tempDir();
    const shm = path.join(dir, `${databaseFileName}-shm`);
    fs.writeFileSync(shm, Buffer.alloc(32768, 7));
    const before = snapshot(dir);
    const error = openFails(dir);
    expect(error.message).toContain(shm);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports a folder where the data file should be', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, databaseFileName));
    fs.writeFileSync(path.join(dir, databaseFileName, 'keep.txt'), 'mine');
    const error = openFails(dir);
    expect(error.reason).toBe('not_a_database');
    expect(fs.readFileSync(path.join(dir, databaseFileName, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('still creates a database in an empty directory, and reopens one with its -wal', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.db.exec('CREATE TABLE kept (v TEXT)');
    store.db.prepare('INSERT INTO kept VALUES (?)').run('survives');
    store.close();
    const again = openStore(dir);
    expect(again.db.prepare('SELECT v FROM kept').pluck().get()).toBe('survives');
    again.close();
  });
});
