import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { migrate } from '../../../src/main/store/migrate';
import { appendAudit, exportAudit, genesisHash, verifyAuditChain } from '../../../src/main/store/audit-log';
import { canonicalJson } from '../../../src/main/store/canonical-json';
import { tempDir } from './support';

let db: Db;
const t0 = Date.UTC(2026, 10, 23, 14, 30);

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'a.sqlite'));
  migrate(db);
  appendAudit(db, { at: t0, actor: 'claude', draftId: 'd1', action: 'draft.created', details: { symbol: 'AAPL', qty: 10 } });
  appendAudit(db, {
    at: t0 + 1000,
    actor: 'system',
    draftId: 'd1',
    action: 'draft.checked',
    details: { verdicts: [{ check: 'price-collar', outcome: 'pass' }] },
  });
  appendAudit(db, { at: t0 + 2000, actor: 'person', draftId: 'd1', action: 'draft.approved', details: { version: 1 } });
  appendAudit(db, {
    at: t0 + 3000,
    actor: 'broker',
    draftId: 'd1',
    action: 'broker.order_status',
    details: { status: 'Filled', note: 'He said, "done",\nthen left' },
  });
});
afterEach(() => db.close());

/** What someone with the file and a SQLite shell could do: drop the guards. */
function tamper(sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;');
  db.prepare(sql).run(...params);
}

describe('audit chain', () => {
  it('links each row to the one before it and verifies', () => {
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(genesisHash);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 4 });
  });

  it('refuses updates and deletes through SQL', () => {
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 4').run()).toThrow(/append-only/);
  });

  it('detects an edited row', () => {
    tamper('UPDATE audit_log SET details = ? WHERE seq = 2', JSON.stringify({ verdicts: [] }));
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects an edited row even when its own hash is recomputed: the next link breaks', () => {
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, string | number>;
    const forged = createHash('sha256')
      .update(String(row.prev_hash))
      .update(
        canonicalJson({ seq: 3, at: row.at, actor: 'claude', draftId: row.draft_id, action: row.action, details: JSON.parse(String(row.details)) }),
      )
      .digest('hex');
    tamper("UPDATE audit_log SET actor = 'claude', hash = ? WHERE seq = 3", forged);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('detects a deleted row in the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 2');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects deleted newest rows', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 3');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects re-ordered rows', () => {
    db.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;');
    db.exec(`
      UPDATE audit_log SET seq = 100 WHERE seq = 2;
      UPDATE audit_log SET seq = 2 WHERE seq = 3;
      UPDATE audit_log SET seq = 3 WHERE seq = 100;
    `);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('keeps chaining after rows are appended in a later session', () => {
    appendAudit(db, { at: t0 + 9000, actor: 'system', action: 'app.stopped', details: {} });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 5 });
  });
});

describe('audit export', () => {
  it('exports a date range as JSON Lines, from inclusive and to exclusive', () => {
    const text = exportAudit(db, t0 + 1000, t0 + 3000, 'jsonl');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.seq)).toEqual([2, 3]);
    expect(rows[1]).toMatchObject({
      actor: 'person',
      action: 'draft.approved',
      draftId: 'd1',
      details: { version: 1 },
      time: '2026-11-23T14:30:02.000Z',
    });
    expect(typeof rows[0]!.hash).toBe('string');
  });

  it('exports CSV with every field quoted, so commas, quotes and newlines survive', () => {
    const text = exportAudit(db, t0 + 3000, t0 + 4000, 'csv');
    expect(text.startsWith('seq,at,time,actor,draft_id,action,details,prev_hash,hash\r\n')).toBe(true);
    const record = text.split('\r\n')[1]!;
    expect(record.startsWith('"4","' + String(t0 + 3000) + '","2026-11-23T14:30:03.000Z","broker","d1","broker.order_status","{')).toBe(
      true,
    );
    expect(text).toContain('He said, \\""done\\"",\\nthen left');
    expect(parseCsv(text)[1]![6]).toBe(JSON.stringify({ note: 'He said, "done",\nthen left', status: 'Filled' }));
  });

  it('exports nothing but the header for an empty range', () => {
    expect(exportAudit(db, 0, t0, 'csv')).toBe('seq,at,time,actor,draft_id,action,details,prev_hash,hash\r\n');
    expect(exportAudit(db, 0, t0, 'jsonl')).toBe('');
  });
});

/** A minimal RFC 4180 reader, to prove the export reads back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}
