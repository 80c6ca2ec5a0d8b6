import type { Migration } from './migration';

/**
 * The queue shows the last few finished drafts. Without this index, finding
 * them read every finished draft ever stored, on every queue update; with it,
 * SQLite reads index entries only and parses just the rows it returns. It
 * leads with state, so it also serves every lookup by state and replaces the
 * single-column index (an index holds no data of its own).
 */
export const draftsByRecencyMigration: Migration = {
  id: 6,
  name: 'drafts-by-recency',
  up(db) {
    db.exec('CREATE INDEX drafts_state_updated ON drafts (state, updated_at); DROP INDEX drafts_state;');
  },
};
