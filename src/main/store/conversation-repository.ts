import type { ConversationStore, StoredConversation } from '../assistant/conversation-store';
import { monthOf, type MonthSpend, type SpendEntry, type SpendLedger } from '../assistant/usage';
import type { Db } from './database';

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Conversations in SQLite, written whole: a cancelled turn leaves either the
 * old or the new conversation, never half of one. Deleting removes the
 * conversation and every tool result stored with it.
 */
export class ConversationRepository implements ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  read(conversationId: string): StoredConversation | undefined {
    const row = this.db.prepare('SELECT body FROM conversations WHERE id = ?').get(conversationId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredConversation) : undefined;
  }

  write(conversationId: string, conversation: StoredConversation): void {
    const at = this.now();
    const title = titleOf(conversation);
    this.db
      .prepare(
        `INSERT INTO conversations (id, title, created_at, updated_at, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at, body = excluded.body`,
      )
      .run(conversationId, title, at, at, JSON.stringify(conversation));
  }

  list(): string[] {
    return this.summaries().map((s) => s.id);
  }

  summaries(): ConversationSummary[] {
    return (this.db.prepare('SELECT id, title, created_at, updated_at FROM conversations ORDER BY updated_at DESC').all() as {
      id: string;
      title: string;
      created_at: number;
      updated_at: number;
    }[]).map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  delete(conversationId: string): boolean {
    return this.db.prepare('DELETE FROM conversations WHERE id = ?').run(conversationId).changes === 1;
  }
}

function titleOf(conversation: StoredConversation): string {
  const first = conversation.turns[0]?.userText ?? '';
  const line = first.split('\n')[0]?.trim() ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}

/** Claude spend per request, summed per calendar month for the spend limit. */
export class SqliteSpendLedger implements SpendLedger {
  constructor(private readonly db: Db) {}

  record(entry: SpendEntry): void {
    this.db
      .prepare('INSERT INTO claude_spend (at, month, model, usage, usd, estimated) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.at, monthOf(entry.at), entry.model, JSON.stringify(entry.usage), entry.usd, entry.estimated ? 1 : 0);
  }

  month(month: string): MonthSpend {
    const rows = this.db.prepare('SELECT usage, usd, estimated FROM claude_spend WHERE month = ?').all(month) as {
      usage: string;
      usd: number;
      estimated: number;
    }[];
    const usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    let usd = 0;
    let estimated = false;
    for (const row of rows) {
      const u = JSON.parse(row.usage) as typeof usage;
      usage.input += u.input;
      usage.output += u.output;
      usage.cacheRead += u.cacheRead;
      usage.cacheWrite += u.cacheWrite;
      usd += row.usd;
      estimated ||= row.estimated === 1;
    }
    return { month, usd, usage, requests: rows.length, estimated };
  }
}
