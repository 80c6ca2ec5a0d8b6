import { readSeal, sealMac, type AuditSeal } from './audit-chain-key';
import { chainStart, genesisHash, sequenceProblem, walkChain } from './audit-log';
import type { Db } from './database';

/**
 * The seal, made on the first start with a key: the rows written before the
 * chain was keyed are verified once as the old unkeyed chain, and the last of
 * them (with its hash and whatever the check found) is recorded, MACed. Those
 * rows are never rewritten. Idempotent: an existing seal is returned as is.
 */
export function ensureSeal(db: Db, key: Buffer, now: number): AuditSeal {
  return db.transaction((): AuditSeal => {
    const existing = readSeal(db);
    if (existing) return existing;
    const { report, last } = walkChain(db, chainStart, undefined, undefined);
    const problem = report.ok ? sequenceProblem(db, last)?.problem : report.problem;
    const highest = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined)?.seq ?? 0;
    const newest = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const unsigned = {
      legacyRows: Math.max(highest, last.seq),
      legacyHead: newest?.hash ?? genesisHash,
      legacyProblem: problem ?? null,
      sealedAt: now,
    };
    const seal: AuditSeal = { ...unsigned, mac: sealMac(key, unsigned) };
    db.prepare('INSERT INTO audit_seal (id, legacy_rows, legacy_head, legacy_problem, sealed_at, mac) VALUES (1, ?, ?, ?, ?, ?)').run(
      seal.legacyRows,
      seal.legacyHead,
      seal.legacyProblem,
      seal.sealedAt,
      seal.mac,
    );
    return seal;
  }).immediate();
}
