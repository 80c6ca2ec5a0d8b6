import type { Migration } from './migration';

// The current draft lives in `drafts` (body = the Draft as JSON, a few columns
// copied out for lookups); every content version is kept in `draft_versions`.
// Neither table loses rows: triggers refuse deletes, so no code path can
// "clean up" a trading record.
export const draftsMigration: Migration = {
  id: 1,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version >= 1),
        state TEXT NOT NULL,
        account TEXT NOT NULL,
        symbol TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        order_id INTEGER UNIQUE,
        order_ref TEXT UNIQUE,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_state ON drafts (state);
      CREATE TABLE draft_versions (
        draft_id TEXT NOT NULL REFERENCES drafts (id),
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (draft_id, version)
      ) STRICT;
      CREATE TRIGGER drafts_keep_rows BEFORE DELETE ON drafts
        BEGIN SELECT RAISE(ABORT, 'drafts are never deleted'); END;
      CREATE TRIGGER draft_versions_keep_rows BEFORE DELETE ON draft_versions
        BEGIN SELECT RAISE(ABORT, 'draft versions are never deleted'); END;
      CREATE TRIGGER draft_versions_frozen BEFORE UPDATE ON draft_versions
        BEGIN SELECT RAISE(ABORT, 'draft versions are never changed'); END;
    `);
  },
};
