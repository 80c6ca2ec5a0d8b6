import { createHash, createHmac } from 'node:crypto';
import { chainKeying, readSeal, sealMac, type AuditSeal } from './audit-chain-key';
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

/**
 * A row's canonical body: canonicalJson of { seq, at, actor, draftId,
 * action, details }, built around the details' canonical text so that an
 * append canonicalises its details once (they hold the verdicts, and the
 * draft on creation and edits). The keys are in canonicalJson's order.
 */
export function rowBody(row: Omit<AuditRow, 'prevHash' | 'hash'>, detailsJson: string = canonicalJson(row.details)): string {
  if (!Number.isFinite(row.at) || !Number.isFinite(row.seq)) throw new TypeError('canonical JSON cannot hold NaN or Infinity');
  return `{"action":${JSON.stringify(row.action)},"actor":${JSON.stringify(row.actor)},"at":${JSON.stringify(row.at)},"details":${detailsJson},"draftId":${JSON.stringify(row.draftId)},"seq":${JSON.stringify(row.seq)}}`;
}

/**
 * A row's hash: over the previous hash and the row's canonical body. Keyed
 * rows use HMAC-SHA256 with the key kept outside the database, so an edited
 * row cannot be given a valid hash (nor can the rows after it be re-chained)
 * without the key; rows from before the chain was keyed use plain SHA-256.
 */
function rowHash(prevHash: string, body: string, key?: Buffer): string {
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(prevHash).update(body).digest('hex');
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
  const keying = chainKeying(db);
  // A sealed chain is keyed from the seal on: an unkeyed row after it would
  // read as tampering. Only openStore knows the key.
  if (keying === undefined && readSeal(db) !== undefined) throw new Error('This audit log is keyed; open it with openStore to append.');
  const written = db.transaction((): AuditRow => {
    const last = prepared(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = last?.hash ?? genesisHash;
    const detailsJson = canonicalJson(entry.details);
    const details = JSON.parse(detailsJson) as Record<string, unknown>;
    const row = {
      seq: highestSeqEverWritten(db) + 1,
      at: entry.at,
      actor: entry.actor,
      draftId: entry.draftId ?? null,
      action: entry.action,
      details,
    };
    const hash = rowHash(prevHash, rowBody(row, detailsJson), keying && row.seq > keying.legacyRows ? keying.key : undefined);
    prepared(
      db,
      'INSERT INTO audit_log (seq, at, actor, draft_id, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.seq, row.at, row.actor, row.draftId, row.action, detailsJson, prevHash, hash);
    return { ...row, prevHash, hash };
  }).immediate();
  keying?.onAppend?.();
  return written;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The first row at which the chain stops holding (for a deleted tail: the first missing seq). */
  firstBadSeq?: number;
  problem?: string;
}

/** A verified point of the chain: everything up to `seq` (`rows` rows) ends in `hash`. */
export interface ChainPosition {
  rows: number;
  seq: number;
  hash: string;
}

export const chainStart: ChainPosition = { rows: 0, seq: 0, hash: genesisHash };

export interface WalkResult {
  report: ChainReport;
  /** How far the chain holds (the last good row). */
  last: ChainPosition;
}

/**
 * Walk the rows after `from`: every seq present, every link, and every hash
 * recomputed (keyed after the seal). A keyed row whose hash is the plain
 * SHA-256 of its content was rewritten by someone without the key.
 */
export function walkChain(db: Db, from: ChainPosition, seal: AuditSeal | undefined, key: Buffer | undefined): WalkResult {
  let last = from;
  const bad = (seq: number, problem: string): WalkResult => ({ report: { ok: false, rows: last.rows + 1, firstBadSeq: seq, problem }, last });
  for (const stored of prepared(db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').iterate(from.seq) as IterableIterator<StoredRow>) {
    const expectedSeq = last.seq + 1;
    if (stored.seq !== expectedSeq) return bad(expectedSeq, `Row ${expectedSeq} is missing.`);
    if (stored.prev_hash !== last.hash) return bad(stored.seq, `Row ${stored.seq} does not follow the row before it.`);
    let row: AuditRow;
    try {
      row = toRow(stored);
    } catch {
      return bad(stored.seq, `Row ${stored.seq} has unreadable details.`);
    }
    const keyed = seal !== undefined && stored.seq > seal.legacyRows;
    if (keyed && key === undefined) return bad(stored.seq, `Row ${stored.seq} and later are keyed, and there is no audit key to check them with.`);
    const body = rowBody(row);
    if (rowHash(last.hash, body, keyed ? key : undefined) !== stored.hash) {
      if (keyed && rowHash(last.hash, body) === stored.hash) {
        return bad(stored.seq, `Row ${stored.seq} was changed, and its hash (and any after it) recomputed without the key: the log was re-chained.`);
      }
      return bad(stored.seq, `Row ${stored.seq} was changed after it was written.`);
    }
    if (seal !== undefined && stored.seq === seal.legacyRows && seal.legacyProblem === null && stored.hash !== seal.legacyHead) {
      return bad(
        stored.seq,
        `Rows 1 to ${seal.legacyRows} (written before the log was keyed) no longer end in the hash sealed on ${new Date(seal.sealedAt).toISOString()}: one of them was changed and the rest re-chained.`,
      );
    }
    last = { rows: last.rows + 1, seq: stored.seq, hash: stored.hash };
  }
  return { report: { ok: true, rows: last.rows }, last };
}

/** Rows deleted from the end show up against sqlite_sequence, which remembers the highest seq ever written. */
export function sequenceProblem(db: Db, last: ChainPosition): ChainReport | undefined {
  const highest = highestSeqEverWritten(db);
  if (highest > last.seq) {
    return { ok: false, rows: last.rows, firstBadSeq: last.seq + 1, problem: `Rows ${last.seq + 1} to ${highest} are missing.` };
  }
  return undefined;
}

/** The sealed legacy rows must all still be there, even with sqlite_sequence lowered. */
export function sealedRowsProblem(seal: AuditSeal | undefined, last: ChainPosition): ChainReport | undefined {
  if (seal === undefined || seal.legacyProblem !== null || last.seq >= seal.legacyRows) return undefined;
  return { ok: false, rows: last.rows, firstBadSeq: last.seq + 1, problem: `Rows ${last.seq + 1} to ${seal.legacyRows} are missing: they were sealed when the log was keyed.` };
}

/** What the seal itself says about the chain: a seal not made with this key, or a legacy chain that was already broken. */
export function sealProblem(seal: AuditSeal | undefined, key: Buffer | undefined): ChainReport | undefined {
  if (seal === undefined || key === undefined) return undefined;
  if (sealMac(key, seal) !== seal.mac) {
    return {
      ok: false,
      rows: 0,
      firstBadSeq: 1,
      problem: 'The audit seal was not made with this audit key: the key was lost or replaced, or the seal was edited, so the log cannot be proven intact.',
    };
  }
  if (seal.legacyProblem !== null) {
    return { ok: false, rows: 0, firstBadSeq: 1, problem: `Before the log was keyed it was already broken: ${seal.legacyProblem}` };
  }
  return undefined;
}

export interface VerifyOptions {
  /** The chain's key (default: the key openStore registered for this connection). */
  key?: Buffer;
  /** The newest row recorded outside the database: a log that ends before it was cut. */
  head?: ChainPosition;
}

/** Walk the whole chain, from the first row: seal, every seq, link and hash, the sequence, and the head kept outside. */
export function verifyAuditChain(db: Db, options: VerifyOptions = {}): ChainReport {
  const key = options.key ?? chainKeying(db)?.key;
  const seal = readSeal(db);
  const sealed = sealProblem(seal, key);
  if (sealed) return sealed;
  const { report, last } = walkChain(db, chainStart, seal, key);
  if (!report.ok) return report;
  const cut = sequenceProblem(db, last) ?? sealedRowsProblem(seal, last) ?? (options.head ? headProblem(db, options.head, last) : undefined);
  return cut ?? { ok: true, rows: last.rows };
}

/**
 * Compares the chain with the head recorded outside the database. Counting
 * the rows up to the head (a row deleted from the middle) reads the whole
 * index, so the running checks after each burst leave it to start-up.
 */
export function headProblem(db: Db, head: ChainPosition, last: ChainPosition, countRows = true): ChainReport | undefined {
  if (last.seq < head.seq) {
    return {
      ok: false,
      rows: last.rows,
      firstBadSeq: last.seq + 1,
      problem: `Rows ${last.seq + 1} to ${head.seq} are missing: the log was cut (its head, recorded outside the database, is row ${head.seq}).`,
    };
  }
  const stored = prepared(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
  if ((head.seq === 0 ? genesisHash : stored?.hash) !== head.hash) {
    return { ok: false, rows: last.rows, firstBadSeq: head.seq, problem: `Row ${head.seq} is not the row recorded outside the database: the log was rewritten.` };
  }
  const counted = countRows ? (prepared(db, 'SELECT COUNT(*) AS n FROM audit_log WHERE seq <= ?').get(head.seq) as { n: number }).n : head.rows;
  if (counted !== head.rows) {
    return { ok: false, rows: last.rows, firstBadSeq: head.seq, problem: `The log holds ${counted} rows up to row ${head.seq}; ${head.rows} were recorded: rows were deleted.` };
  }
  return undefined;
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
