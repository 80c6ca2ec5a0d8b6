import { createHmac } from 'node:crypto';
import type { Db } from './database';

/** How the chain of one open database is keyed, set once by openStore after sealing. */
export interface ChainKeying {
  key: Buffer;
  /** Rows up to this seq were written before the chain was keyed (plain SHA-256); every later row is keyed. */
  legacyRows: number;
  /** Called after every appended row (the audit guard re-verifies after each burst). */
  onAppend?: () => void;
}

const keyings = new WeakMap<Db, ChainKeying>();

export function keyChain(db: Db, keying: ChainKeying): void {
  keyings.set(db, keying);
}

export function chainKeying(db: Db): ChainKeying | undefined {
  return keyings.get(db);
}

/** HMAC-SHA256 over the parts, each on its own line, as hex. */
export function mac(key: Buffer, ...parts: (string | number)[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('hex');
}

/** The one row of audit_seal: where the unkeyed legacy chain ends. */
export interface AuditSeal {
  legacyRows: number;
  legacyHead: string;
  /** What the one-time verification of the legacy chain found; null when it was intact. */
  legacyProblem: string | null;
  sealedAt: number;
  mac: string;
}

export function sealMac(key: Buffer, seal: Omit<AuditSeal, 'mac'>): string {
  return mac(key, 'audit-seal', seal.legacyRows, seal.legacyHead, seal.legacyProblem ?? '', seal.sealedAt);
}

/** The seal, or undefined when the schema predates it or the chain was never sealed. */
export function readSeal(db: Db): AuditSeal | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seal'").get();
  if (table === undefined) return undefined;
  const row = db.prepare('SELECT legacy_rows, legacy_head, legacy_problem, sealed_at, mac FROM audit_seal WHERE id = 1').get() as
    | { legacy_rows: number; legacy_head: string; legacy_problem: string | null; sealed_at: number; mac: string }
    | undefined;
  if (row === undefined) return undefined;
  return { legacyRows: row.legacy_rows, legacyHead: row.legacy_head, legacyProblem: row.legacy_problem, sealedAt: row.sealed_at, mac: row.mac };
}
