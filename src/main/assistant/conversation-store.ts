import type Anthropic from '@anthropic-ai/sdk';
import type { TokenUsage } from './usage';

/** One tool result exactly as it was sent to Claude. */
export interface SeenToolResult {
  toolUseId: string;
  name: string;
  /** The input Claude sent, as it sent it (aliases and all). */
  input: unknown;
  content: string;
  isError: boolean;
}

/** "What Claude saw" for one turn: the person's message and every tool result, verbatim. */
export interface TurnRecord {
  turnId: string;
  startedAt: number;
  endedAt: number;
  model: string;
  /** The person's message as sent (account numbers replaced when aliasing is on). */
  userText: string;
  toolResults: SeenToolResult[];
  outcome: string;
  usage: TokenUsage;
  usd: number;
  costEstimated: boolean;
  /** Drafts this turn put in the queue. */
  draftIds: string[];
}

export interface StoredConversation {
  /** The history exactly as it is sent to the API, without cache_control markers. */
  messages: Anthropic.MessageParam[];
  turns: TurnRecord[];
  /** Real account id -> alias, so aliases stay stable for the whole conversation. */
  aliases: Record<string, string>;
}

/**
 * Where conversations live. In memory for now; the SQLite store slots in
 * behind the same interface. Writes replace the whole conversation, which is
 * what makes a cancelled turn leave either the old or the new history, never
 * half of one.
 */
export interface ConversationStore {
  read(conversationId: string): StoredConversation | undefined;
  write(conversationId: string, conversation: StoredConversation): void;
  list(): string[];
}

export class InMemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, StoredConversation>();

  read(conversationId: string): StoredConversation | undefined {
    const c = this.conversations.get(conversationId);
    return c === undefined ? undefined : structuredClone(c);
  }

  write(conversationId: string, conversation: StoredConversation): void {
    this.conversations.set(conversationId, structuredClone(conversation));
  }

  list(): string[] {
    return [...this.conversations.keys()];
  }
}
