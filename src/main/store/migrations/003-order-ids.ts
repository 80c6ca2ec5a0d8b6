import type { Migration } from './migration';

// Every order id ever handed out, so the highest one survives restarts and a
// new order never reuses an id IB has already seen (error 103).
export const orderIdsMigration: Migration = {
  id: 3,
  name: 'order-ids',
  up(db) {
    db.exec(`
      CREATE TABLE order_ids (
        order_id INTEGER PRIMARY KEY,
        reserved_at INTEGER NOT NULL,
        broker_next_valid_id INTEGER,
        draft_id TEXT
      ) STRICT;
      CREATE TRIGGER order_ids_keep_rows BEFORE DELETE ON order_ids
        BEGIN SELECT RAISE(ABORT, 'order ids are never released'); END;
    `);
  },
};
