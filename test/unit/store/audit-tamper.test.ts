import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../src/main/store/audit-command';
import { auditHeadFileName } from '../../../src/main/store/audit-head';
import { auditKeyFilePath } from '../../../src/main/store/audit-key';
import { appendAudit } from '../../../src/main/store/audit-log';
import { openStore } from '../../../src/main/store/open-store';
import { cutTail, editAndRechain, withRawDatabase } from '../../support/tamper-audit';
import { waitFor } from '../../support/wait';
import { tempDir } from './support';

function verify(dir: string) {
  let out = '';
  let err = '';
  const code = runAuditCommand(['verify', dir], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const t0 = Date.UTC(2026, 10, 1, 12);

function storeWithRows(count = 5): string {
  const dir = tempDir();
  const store = openStore(dir);
  for (let n = 1; n <= count; n++) appendAudit(store.db, { at: t0 + n, actor: 'person', action: 'draft.approved', details: { n } });
  store.close();
  return dir;
}

describe('the keyed audit chain against someone who has the data file but not the key', () => {
  it('reports an edited row', () => {
    const dir = storeWithRows();
    withRawDatabase(dir, (db) => db.prepare("UPDATE audit_log SET actor = 'claude' WHERE seq = 2").run());
    expect(verify(dir)).toMatchObject({ code: 1, out: 'Audit log BROKEN at row 2: Row 2 was changed after it was written.\n' });
    const store = openStore(dir);
    // Start-up verifies from the head, which still matches: the edit shows in the full walk.
    expect(store.audit.verifyAll()).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(store.audit.status()).toMatchObject({ ok: false, problem: 'Row 2 was changed after it was written.' });
    store.close();
  });

  it('reports an edited row whose hash and every later hash were recomputed (re-chaining)', () => {
    const dir = storeWithRows();
    editAndRechain(dir, 2, { n: 200 });
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Audit log BROKEN at row 2: Row 2 was changed, and its hash \(and any after it\) recomputed without the key: the log was re-chained\.\n$/);
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: expect.stringMatching(/Row 5 is not the row recorded outside the database/) as string });
    store.close();
  });

  it('reports a cut tail even with sqlite_sequence lowered to hide it', () => {
    const dir = storeWithRows();
    cutTail(dir, 3);
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      'Audit log BROKEN at row 4: Rows 4 to 5 are missing: the log was cut (its head, recorded outside the database, is row 5).\n',
    );
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: expect.stringMatching(/Rows 4 to 5 are missing/) as string });
    store.close();
    // The evidence stays: the head outside the database was not moved back.
    expect(verify(dir).code).toBe(1);
  });

  it('reports a deleted head record, and a head record edited to match a cut', () => {
    const dir = storeWithRows();
    const headFile = path.join(dir, auditHeadFileName);
    const head = JSON.parse(fs.readFileSync(headFile, 'utf8')) as { rows: number; seq: number; hash: string; mac: string };
    expect(head).toMatchObject({ rows: 5, seq: 5 });
    cutTail(dir, 3);
    fs.writeFileSync(headFile, JSON.stringify({ ...head, rows: 3, seq: 3 }));
    expect(verify(dir).out).toMatch(/was not written with this audit key/);
    fs.rmSync(headFile);
    expect(verify(dir).out).toMatch(/head record .* is missing/);
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: expect.stringMatching(/is missing/) as string });
    store.close();
  });

  it('verifies each write burst while running, moves the head, and reports a tail cut meanwhile', async () => {
    const dir = tempDir();
    const store = openStore(dir, undefined, { auditDebounceMs: 5 });
    const seen: (string | undefined)[] = [];
    store.audit.onChange((status) => seen.push(status.problem));
    for (let n = 1; n <= 4; n++) appendAudit(store.db, { at: t0 + n, actor: 'system', action: 'tick', details: { n } });
    await waitFor(() => store.audit.status().rows === 4, 'the burst to be verified');
    const head = () => JSON.parse(fs.readFileSync(path.join(dir, auditHeadFileName), 'utf8')) as { seq: number };
    expect(head().seq).toBe(4);
    cutTail(dir, 2);
    appendAudit(store.db, { at: t0 + 9, actor: 'system', action: 'tick', details: { n: 9 } });
    await waitFor(() => !store.audit.status().ok, 'the cut to be noticed');
    expect(store.audit.status().problem).toMatch(/Row 4 is not the row recorded outside the database|Rows .* are missing/);
    expect(seen.at(-1)).toBe(store.audit.status().problem);
    expect(head().seq).toBe(4);
    store.close();
  });

  it('keeps the key beside the data directory, readable by its owner only, and never replaces it', () => {
    const dir = storeWithRows(1);
    const keyFile = auditKeyFilePath(dir);
    expect(path.dirname(keyFile)).toBe(path.dirname(path.resolve(dir)));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile);
    openStore(dir).close();
    expect(fs.readFileSync(keyFile).equals(key)).toBe(true);
    fs.writeFileSync(keyFile, 'not a key');
    expect(() => openStore(dir)).toThrow(/audit key .* is damaged/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe('not a key');
  });

  it('reports a log whose key was replaced', () => {
    const dir = storeWithRows(2);
    fs.rmSync(auditKeyFilePath(dir));
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: expect.stringMatching(/not made with this audit key/) as string });
    store.close();
  });
});

describe('a row deleted from the middle of the keyed log', () => {
  it('is reported at start-up and by the full walk', () => {
    const dir = storeWithRows();
    withRawDatabase(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 2').run());
    const store = openStore(dir);
    expect(store.audit.status()).toMatchObject({ ok: false, problem: 'The log holds 4 rows up to row 5; 5 were recorded: rows were deleted.' });
    expect(store.audit.verifyAll()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'Row 2 is missing.' });
    store.close();
    expect(verify(dir)).toMatchObject({ code: 1, out: 'Audit log BROKEN at row 2: Row 2 is missing.\n' });
  });
});
