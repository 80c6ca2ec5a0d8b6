import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/main/store/canonical-json';

/**
 * What someone with the data file and a SQLite shell (but not the audit key)
 * can do to the closed store: drop the append-only triggers and change rows.
 */
export function withRawDatabase(dataDirectory: string, change: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDirectory, 'countersign.sqlite'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_append_only_update; DROP TRIGGER IF EXISTS audit_log_append_only_delete;');
    change(db);
  } finally {
    db.close();
  }
}

interface RawRow {
  seq: number;
  at: number;
  actor: string;
  draft_id: string | null;
  action: string;
  details: string;
  prev_hash: string;
}

/** Edit row `seq`'s details, then recompute its hash and every later one the only way possible without the key: plain SHA-256. */
export function editAndRechain(dataDirectory: string, seq: number, details: Record<string, unknown>): void {
  withRawDatabase(dataDirectory, (db) => {
    db.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run(canonicalJson(details), seq);
    const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as RawRow[];
    let prev = rows[0]!.prev_hash;
    for (const row of rows) {
      const body = canonicalJson({ seq: row.seq, at: row.at, actor: row.actor, draftId: row.draft_id, action: row.action, details: JSON.parse(row.details) as unknown });
      const hash = createHash('sha256').update(prev).update(body).digest('hex');
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
  });
}

/** Delete every row after `keep` and lower sqlite_sequence to match, so the database itself shows no gap. */
export function cutTail(dataDirectory: string, keep: number): void {
  withRawDatabase(dataDirectory, (db) => {
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(keep);
  });
}
