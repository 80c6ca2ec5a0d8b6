import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../src/main/store/audit-command';
import { appendAudit } from '../../../src/main/store/audit-log';
import { openStore } from '../../../src/main/store/open-store';
import { cutTail, editAndRechain } from '../../support/tamper-audit';
import { tempDir } from './support';

function run(args: string[]) {
  let out = '';
  let err = '';
  const code = runAuditCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function storeWithRows(): string {
  const dir = tempDir();
  const store = openStore(dir);
  appendAudit(store.db, { at: Date.UTC(2026, 10, 1, 12), actor: 'claude', action: 'draft.created', details: { n: 1 } });
  appendAudit(store.db, { at: Date.UTC(2026, 10, 2, 12), actor: 'person', action: 'draft.approved', details: { n: 2 } });
  appendAudit(store.db, { at: Date.UTC(2026, 10, 3, 12), actor: 'broker', action: 'broker.fill', details: { n: 3 } });
  store.close();
  return dir;
}

describe('audit command', () => {
  it('refuses a misspelt option or one missing its value instead of ignoring it', () => {
    const dir = storeWithRows();
    // Before: "--kye" was ignored and the chain verified with the default key, as if asked.
    const typo = run(['verify', dir, '--kye', path.join(dir, 'other.key')]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("Unknown option '--kye'");
    expect(typo.out).toBe('');
    const missing = run(['export', dir, '--from', '2026-11-01', '--to', '2026-11-04', '--format', 'csv', '--out']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--out');
    expect(missing.out).toBe('');
    const extra = run(['verify', dir, 'again']);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('Unexpected argument "again"');
  });

  it('verifies an intact chain without changing the file', () => {
    const dir = storeWithRows();
    const file = path.join(dir, 'countersign.sqlite');
    const before = fs.readFileSync(file);
    expect(run(['verify', dir])).toEqual({ code: 0, out: 'Audit log intact: 3 rows, every link and hash checked.\n', err: '' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('exits 1 and names the row when the chain is broken', () => {
    const dir = storeWithRows();
    const store = openStore(dir);
    store.db.exec("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET actor = 'claude' WHERE seq = 2;");
    store.close();
    const result = run(['verify', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('Audit log BROKEN at row 2: Row 2 was changed after it was written.\n');
  });

  it('exits 1 when an edited row was re-chained (every later hash recomputed)', () => {
    const dir = storeWithRows();
    editAndRechain(dir, 2, { n: 20 });
    const result = run(['verify', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Audit log BROKEN at row 2: .*re-chained/);
  });

  it('exits 1 when the newest row was edited and its hash recomputed (no later row to break the link)', () => {
    const dir = storeWithRows();
    editAndRechain(dir, 3, { n: 30 });
    const result = run(['verify', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Audit log BROKEN at row 3: Row 3 was changed/);
  });

  it('exits 1 when the tail was deleted and sqlite_sequence lowered to hide it', () => {
    const dir = storeWithRows();
    cutTail(dir, 1);
    const result = run(['verify', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Audit log BROKEN at row 2: Rows 2 to 3 are missing/);
  });

  it('exports a date range to a new file and refuses to overwrite one', () => {
    const dir = storeWithRows();
    const out = path.join(dir, 'november.csv');
    const args = ['export', dir, '--from', '2026-11-02', '--to', '2026-11-03', '--format', 'csv', '--out', out];
    expect(run(args).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"draft.approved"');
    const again = run(args);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/EEXIST/);
  });

  it('prints JSON Lines to standard output', () => {
    const dir = storeWithRows();
    const result = run(['export', dir, '--from', '2026-11-01', '--to', '2026-12-01', '--format', 'jsonl']);
    expect(result.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it('explains its usage and a missing data directory', () => {
    expect(run([]).code).toBe(2);
    expect(run(['export', storeWithRows(), '--from', 'yesterday']).err).toMatch(/--from needs a date/);
    const missing = run(['verify', path.join(tempDir(), 'nope')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('No Countersign data') });
  });
});
