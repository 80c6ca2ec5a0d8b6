import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { WalCheckpoint } from '../../../src/main/store/wal-checkpoint';
import { tempDir } from './support';

let db: Db | undefined;
afterEach(() => {
  if (db?.open) db.close();
});

function open(): { db: Db; wal: () => number } {
  const file = path.join(tempDir(), 'wal.sqlite');
  db = openDatabase(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  return { db, wal: () => fs.statSync(`${file}-wal`).size };
}

describe('WAL checkpoints off the commits', () => {
  it('no commit checkpoints at SQLite’s default 1,000 pages; the checkpoint after the writes copies them all', () => {
    const { db, wal } = open();
    const checkpoint = new WalCheckpoint(db);
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 20; i += 1) insert.run('x'.repeat(3000));
    });
    // ~1,200 pages in 60 commits: by default one of them would have checkpointed, and the WAL restarted at its start.
    for (let i = 0; i < 60; i += 1) commit();
    expect(wal()).toBeGreaterThan(1100 * 4096);
    checkpoint.run();
    insert.run('after the checkpoint');
    const after = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!;
    // Everything was copied, so the next commit started the WAL again from the beginning.
    expect(after.log).toBeLessThan(10);
    checkpoint.close();
  });

  it('a checkpoint that fails hands checkpointing back to SQLite and says so', () => {
    const { db } = open();
    const problems: unknown[] = [];
    const checkpoint = new WalCheckpoint(db, { onProblem: (error) => problems.push(error) });
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('wal_checkpoint')) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      return pragma(source, options);
    }) as Db['pragma'];
    checkpoint.run();
    expect(problems).toHaveLength(1);
    expect(pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpoint.close();
  });
});
