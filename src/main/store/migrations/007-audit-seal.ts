import type { Migration } from './migration';

/**
 * From here on the audit chain is keyed (HMAC, key outside the database).
 * Rows written before are left exactly as they are: at the first start with a
 * key, they are verified once as the old unkeyed chain and sealed by one row
 * here, MACed with the key, naming the last legacy row and its hash. A legacy
 * row edited and re-chained later no longer ends in the sealed hash.
 */
export const auditSealMigration: Migration = {
  id: 7,
  name: 'audit-seal',
  up(db) {
    db.exec(`
      CREATE TABLE audit_seal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        legacy_rows INTEGER NOT NULL,
        legacy_head TEXT NOT NULL,
        legacy_problem TEXT,
        sealed_at INTEGER NOT NULL,
        mac TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_seal_frozen BEFORE UPDATE ON audit_seal
        BEGIN SELECT RAISE(ABORT, 'the audit seal is never changed'); END;
      CREATE TRIGGER audit_seal_kept BEFORE DELETE ON audit_seal
        BEGIN SELECT RAISE(ABORT, 'the audit seal is never deleted'); END;
    `);
  },
};
