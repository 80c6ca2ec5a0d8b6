import { createHash } from 'node:crypto';
import { prepared, type Db } from './database';
import { canonicalJson } from './canonical-json';

export type AuditActor = 'claude' | 'person' | 'system' | 'broker';

export interface AuditEntry {
  at: number;
  actor: AuditActor;
  draftId?: string;
  /** e.g. 'draft.created', 'draft.approved', 'broker.order_status'. */
  action: string;
  /** Checks and verdicts, broker answers, versions: anything JSON. */
  details: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: AuditActor;
  draftId: string | null;
  action: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

interface StoredRow {
  seq: number;
  at: number;
  actor: AuditActor;
  draft_id: string | null;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function rowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    draftId: row.draftId,
    action: row.action,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

function highestSeqEverWritten(db: Db): number {
  const row = prepared(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  return row?.seq ?? 0;
}

function toRow(r: StoredRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    draftId: r.draft_id,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Append one row, chained to the newest. Runs in its own IMMEDIATE
 * transaction (so two writers cannot chain to the same row), or
 * joins the caller's (better-sqlite3 nests as a savepoint), which is how a
 * draft's state change and its audit row commit together.
 */
export function appendAudit(db: Db, entry: AuditEntry): AuditRow {
  return db.transaction((): AuditRow => {
    const last = prepared(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = last?.hash ?? genesisHash;
    const details = JSON.parse(canonicalJson(entry.details)) as Record<string, unknown>;
    const row = {
      seq: highestSeqEverWritten(db) + 1,
      at: entry.at,
      actor: entry.actor,
      draftId: entry.draftId ?? null,
      action: entry.action,
      details,
    };
    const hash = rowHash(prevHash, row);
    prepared(
      db,
      'INSERT INTO audit_log (seq, at, actor, draft_id, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.seq, row.at, row.actor, row.draftId, row.action, canonicalJson(details), prevHash, hash);
    return { ...row, prevHash, hash };
  }).immediate();
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The first row at which the chain stops holding (for a deleted tail: the first missing seq). */
  firstBadSeq?: number;
  problem?: string;
}

/** Walk the whole chain: every seq present, every link and every hash recomputed. */
export function verifyAuditChain(db: Db): ChainReport {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let rows = 0;
  for (const stored of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredRow>) {
    rows += 1;
    const bad = (problem: string): ChainReport => ({ ok: false, rows, firstBadSeq: stored.seq, problem });
    if (stored.seq !== expectedSeq) {
      return { ok: false, rows, firstBadSeq: expectedSeq, problem: `Row ${expectedSeq} is missing.` };
    }
    if (stored.prev_hash !== prevHash) return bad(`Row ${stored.seq} does not follow the row before it.`);
    let row: AuditRow;
    try {
      row = toRow(stored);
    } catch {
      return bad(`Row ${stored.seq} has unreadable details.`);
    }
    if (rowHash(prevHash, row) !== stored.hash) return bad(`Row ${stored.seq} was changed after it was written.`);
    prevHash = stored.hash;
    expectedSeq += 1;
  }
  const highest = highestSeqEverWritten(db);
  if (highest >= expectedSeq) {
    return { ok: false, rows, firstBadSeq: expectedSeq, problem: `Rows ${expectedSeq} to ${highest} are missing.` };
  }
  return { ok: true, rows };
}

/** Rows with from <= at < to, oldest first. */
export function auditRowsBetween(db: Db, from: number, to: number): AuditRow[] {
  const stored = prepared(db, 'SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq').all(from, to) as StoredRow[];
  return stored.map(toRow);
}

export function auditRowsForDraft(db: Db, draftId: string): AuditRow[] {
  const stored = prepared(db, 'SELECT * FROM audit_log WHERE draft_id = ? ORDER BY seq').all(draftId) as StoredRow[];
  return stored.map(toRow);
}

export type AuditExportFormat = 'jsonl' | 'csv';

const csvColumns = ['seq', 'at', 'time', 'actor', 'draft_id', 'action', 'details', 'prev_hash', 'hash'] as const;

function csvField(value: string | number | null): string {
  // Every field quoted (RFC 4180): details hold free text from Claude with
  // commas, quotes and newlines. No field can start with a formula character
  // ('=', '+', '-', '@') except numbers: details always start with '{'.
  if (value === null) return '""';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** The rows with from <= at < to (epoch ms), as JSON Lines or CSV, hashes included so a copy can be verified. */
export function exportAudit(db: Db, from: number, to: number, format: AuditExportFormat): string {
  const rows = auditRowsBetween(db, from, to);
  if (format === 'jsonl') {
    return rows.map((r) => canonicalJson({ ...r, time: new Date(r.at).toISOString() }) + '\n').join('');
  }
  const lines = [csvColumns.join(',')];
  for (const r of rows) {
    lines.push(
      [r.seq, r.at, new Date(r.at).toISOString(), r.actor, r.draftId, r.action, canonicalJson(r.details), r.prevHash, r.hash]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
