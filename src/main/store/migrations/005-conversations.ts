import type { Migration } from './migration';

/**
 * Claude conversations and Claude spend. Unlike drafts and the audit log,
 * a conversation may be deleted by the person, with everything stored with
 * it; spend rows hold no conversation text and stay for the monthly total.
 */
export const conversationsMigration: Migration = {
  id: 5,
  name: 'conversations',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE TABLE claude_spend (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        month TEXT NOT NULL,
        model TEXT NOT NULL,
        usage TEXT NOT NULL,
        usd REAL NOT NULL,
        estimated INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX claude_spend_month ON claude_spend (month);
    `);
  },
};
