import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const databaseFileName = 'countersign.sqlite';

/**
 * Damages one stored draft in the database file itself, the way a bad sector
 * or a half-written copy does: inside every stored copy of the draft's current
 * body (its row, and the version row with the same bytes), the bytes `from`
 * become `to`, of the same length. The store must be closed, so the WAL is
 * checkpointed into the file. Returns the damaged body as it now reads.
 */
export function damageStoredDraft(dataDirectory: string, draftId: string, from: string, to: string): string {
  if (from.length !== to.length) throw new Error('the damage must keep the length');
  const file = path.join(dataDirectory, databaseFileName);
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error('close the store first');
  const body = Buffer.from(storedBody(dataDirectory, draftId));
  const inner = body.indexOf(Buffer.from(from));
  if (inner < 0 || inner > 1000) throw new Error(`the stored body of ${draftId} does not hold ${from}`);
  // The body's start up to the damage, which holds the draft's id: a long
  // body continues on an overflow page, but its start is in one piece.
  const start = body.subarray(0, Math.max(inner + from.length, `{"id":"${draftId}"`.length));
  const bytes = fs.readFileSync(file);
  let hits = 0;
  for (let at = bytes.indexOf(start); at >= 0; at = bytes.indexOf(start, at + start.length)) {
    bytes.write(to, at + inner, 'utf8');
    hits += 1;
  }
  if (hits === 0) throw new Error(`the start of the body of ${draftId} is not in the file`);
  fs.writeFileSync(file, bytes);
  return storedBody(dataDirectory, draftId);
}

/** The drafts row's body exactly as stored, read without changing anything. */
export function storedBody(dataDirectory: string, draftId: string): string {
  const db = new Database(path.join(dataDirectory, databaseFileName), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT body FROM drafts WHERE id = ?').pluck().get(draftId) as string;
  } finally {
    db.close();
  }
}
