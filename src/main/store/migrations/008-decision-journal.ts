import type { Migration } from './migration';

/**
 * The decision journal: what each draft looked like when drafted and when
 * decided, the fills, and what the order did (or, for a draft that was not
 * approved, would have done) after 1, 5 and 20 trading days and at the
 * position's close. It is derived data, kept beside the audit trail and never
 * in it: the journal only reads audit rows. An outcome, once read from the
 * history bars, is never changed (the simulator and IB can re-scale old bars
 * later; the figure the person reviewed stays the one recorded), and an
 * execution is a broker fact: neither table allows updates or deletes.
 */
export const decisionJournalMigration: Migration = {
  id: 8,
  name: 'decision-journal',
  up(db) {
    db.exec(`
      CREATE TABLE journal_entries (
        draft_id TEXT PRIMARY KEY,
        author TEXT NOT NULL CHECK (author IN ('claude', 'person')),
        account TEXT NOT NULL,
        con_id INTEGER,
        symbol TEXT NOT NULL,
        sec_type TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        quantity REAL NOT NULL CHECK (quantity > 0),
        multiplier REAL NOT NULL CHECK (multiplier > 0),
        order_type TEXT NOT NULL,
        drafted_at INTEGER NOT NULL,
        draft_bid REAL,
        draft_ask REAL,
        draft_last REAL,
        position_before REAL,
        warned INTEGER NOT NULL DEFAULT 0 CHECK (warned IN (0, 1)),
        decision TEXT CHECK (decision IN ('approved', 'rejected', 'expired')),
        decided_at INTEGER,
        decision_bid REAL,
        decision_ask REAL,
        decision_last REAL,
        order_id INTEGER,
        client_id INTEGER,
        final_state TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX journal_entries_open ON journal_entries (decision, con_id);
      CREATE TABLE journal_executions (
        exec_id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        con_id INTEGER NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        shares REAL NOT NULL CHECK (shares > 0),
        price REAL NOT NULL,
        at INTEGER NOT NULL,
        order_ref TEXT NOT NULL,
        order_id INTEGER NOT NULL,
        client_id INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX journal_executions_position ON journal_executions (account, con_id, at);
      CREATE INDEX journal_executions_order ON journal_executions (order_ref);
      CREATE TABLE journal_outcomes (
        draft_id TEXT NOT NULL REFERENCES journal_entries (draft_id),
        horizon TEXT NOT NULL CHECK (horizon IN ('1d', '5d', '20d', 'close')),
        session_date TEXT NOT NULL,
        price REAL NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (draft_id, horizon)
      ) STRICT;
      CREATE TRIGGER journal_entries_keep_rows BEFORE DELETE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;
      CREATE TRIGGER journal_executions_frozen_update BEFORE UPDATE ON journal_executions
        BEGIN SELECT RAISE(ABORT, 'executions are never changed'); END;
      CREATE TRIGGER journal_executions_frozen_delete BEFORE DELETE ON journal_executions
        BEGIN SELECT RAISE(ABORT, 'executions are never deleted'); END;
      CREATE TRIGGER journal_outcomes_frozen_update BEFORE UPDATE ON journal_outcomes
        BEGIN SELECT RAISE(ABORT, 'journal outcomes are never changed'); END;
      CREATE TRIGGER journal_outcomes_frozen_delete BEFORE DELETE ON journal_outcomes
        BEGIN SELECT RAISE(ABORT, 'journal outcomes are never deleted'); END;
    `);
  },
};
