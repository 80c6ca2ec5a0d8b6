import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeal } from '../../../src/main/store/audit-chain-key';
import { appendAudit, verifyAuditChain } from '../../../src/main/store/audit-log';
import { openDatabase } from '../../../src/main/store/database';
import { migrate } from '../../../src/main/store/migrate';
import { databaseFileName, openStore } from '../../../src/main/store/open-store';
import { auditHeadFileName } from '../../../src/main/store/audit-head';
import { cutTail, editAndRechain, withRawDatabase } from '../../support/tamper-audit';
import { tempDir } from './support';

const t0 = Date.UTC(2026, 9, 1);

/** A data directory as the app before migration 007 left it: an unkeyed chain of three rows. */
function legacyStore(): { dir: string; rows: unknown[] } {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, databaseFileName));
  migrate(db, 6);
  for (let n = 1; n <= 3; n++) appendAudit(db, { at: t0 + n, actor: 'person', action: 'draft.approved', details: { n } });
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
  db.close();
  return { dir, rows };
}

describe('migration 007 audit seal', () => {
  it('verifies the legacy rows once, seals them without rewriting any, and keys every later row', () => {
    const { dir, rows } = legacyStore();
    const store = openStore(dir, undefined, { now: () => t0 + 100 });
    // 007 runs first on this store (later migrations follow it).
    expect(store.migration.applied[0]).toBe(7);
    expect(readSeal(store.db)).toMatchObject({ legacyRows: 3, legacyProblem: null, sealedAt: t0 + 100 });
    expect(store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(rows);
    expect(store.audit.status()).toEqual({ ok: true, rows: 3 });
    const keyed = appendAudit(store.db, { at: t0 + 200, actor: 'system', action: 'tick', details: {} });
    expect(keyed.prevHash).toBe((rows[2] as { hash: string }).hash);
    expect(store.audit.verifyAll()).toEqual({ ok: true, rows: 4 });
    store.close();
    const again = openStore(dir);
    expect(again.migration.applied).toEqual([]);
    expect(again.audit.status()).toEqual({ ok: true, rows: 4 });
    expect(() => again.db.prepare('DELETE FROM audit_seal').run()).toThrow(/never deleted/);
    expect(() => again.db.prepare('UPDATE audit_seal SET legacy_rows = 0').run()).toThrow(/never changed/);
    again.close();
  });

  it('reports a legacy row edited and the whole chain re-chained after sealing', () => {
    const { dir } = legacyStore();
    const store = openStore(dir);
    appendAudit(store.db, { at: t0 + 200, actor: 'system', action: 'tick', details: {} });
    store.close();
    editAndRechain(dir, 2, { n: 99 });
    const again = openStore(dir);
    expect(again.audit.verifyAll()).toMatchObject({ ok: false, firstBadSeq: 3, problem: expect.stringMatching(/Rows 1 to 3 .* no longer end in the hash sealed/) as string });
    again.close();
  });

  it('seals a legacy chain that was already broken with what was wrong, and keeps reporting it', () => {
    const { dir } = legacyStore();
    withRawDatabase(dir, (db) => db.prepare("UPDATE audit_log SET action = 'draft.rejected' WHERE seq = 2").run());
    const store = openStore(dir);
    expect(readSeal(store.db)?.legacyProblem).toBe('Row 2 was changed after it was written.');
    expect(store.audit.status()).toMatchObject({ ok: false, problem: 'Before the log was keyed it was already broken: Row 2 was changed after it was written.' });
    store.close();
    const again = openStore(dir);
    expect(again.audit.status().ok).toBe(false);
    expect(verifyAuditChain(again.db).ok).toBe(false);
    again.close();
  });

  it('starts cleanly when a crash lost the head between sealing and its first write (no keyed row yet)', () => {
    const { dir } = legacyStore();
    openStore(dir).close();
    fs.rmSync(path.join(dir, auditHeadFileName));
    const store = openStore(dir);
    expect(store.audit.status()).toEqual({ ok: true, rows: 3 });
    store.close();
    expect(fs.existsSync(path.join(dir, auditHeadFileName))).toBe(true);
  });

  it('reports sealed legacy rows cut away with sqlite_sequence lowered, even without a head', () => {
    const { dir } = legacyStore();
    openStore(dir).close();
    cutTail(dir, 1);
    fs.rmSync(path.join(dir, auditHeadFileName));
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: 'Rows 2 to 3 are missing: they were sealed when the log was keyed.' });
    store.close();
  });
});
