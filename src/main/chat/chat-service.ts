import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { ChatEvent, ChatMessageView, ChatTurnResult, ClaudeSettingsPatch, ClaudeStatus, ConversationSummary, ConversationView } from '../../shared/claude';
import type { ApprovalDesk } from '../approvals/approval-desk';
import { Assistant } from '../assistant/conversation';
import type { DraftDesk } from '../assistant/ports';
import { AssistantSettings, defaultAssistantSettings } from '../assistant/settings';
import { monthOf } from '../assistant/usage';
import { createAccountReader } from '../broker/account-reader';
import type { BrokerSession } from '../broker/broker-session';
import { CallFailure } from '../contract/call-error';
import type { RedactingLog, Log } from '../log';
import type { SettingDefinition } from '../store/settings-repository';
import type { Store } from '../store/open-store';
import { ConversationRepository, SqliteSpendLedger } from '../store/conversation-repository';
import { describeToolCall } from './describe-tool-call';
import { KeyStorageRefused, type KeyVault } from './key-vault';

const assistantSettingsDefinition: SettingDefinition<AssistantSettings> = {
  key: 'claude.settings',
  schema: AssistantSettings,
  fallback: defaultAssistantSettings,
};

export interface ChatServiceOptions {
  store: Store;
  desk: ApprovalDesk;
  session: () => BrokerSession | undefined;
  vault: KeyVault;
  log: Log;
  publish: (event: ChatEvent) => void;
  now?: () => number;
}

/**
 * The chat pane's backend: Claude reads the account through read-only ports
 * and proposes drafts through the approval queue. The key is read from the
 * vault for each turn and never leaves main.
 */
export class ChatService {
  private readonly conversations: ConversationRepository;
  private readonly assistant: Assistant;
  private readonly now: () => number;
  /** Rejection reasons waiting to be told to Claude in the conversation that drafted the order. */
  private readonly notes = new Map<string, string[]>();

  constructor(private readonly options: ChatServiceOptions) {
    this.now = options.now ?? Date.now;
    this.conversations = new ConversationRepository(options.store.db, this.now);
    const existing = options.vault.read();
    if (existing) this.registerSecret(existing);
    const draftDesk: DraftDesk = {
      createDraft: async (input) => {
        const outcome = await options.desk.draft(input, 'claude');
        if (!outcome.ok) return { ok: false, reason: outcome.reason };
        const draft = outcome.draft;
        return {
          ok: true,
          draftId: draft.id,
          state: draft.state === 'blocked' ? 'blocked' : 'pending',
          verdicts: draft.verdicts ?? [],
          ...(draft.whatIf ? { whatIf: draft.whatIf } : {}),
        };
      },
    };
    this.assistant = new Assistant({
      reader: createAccountReader({ session: options.session, pendingDrafts: () => options.desk.store.drafts.listPending() }),
      desk: draftDesk,
      store: this.conversations,
      ledger: new SqliteSpendLedger(options.store.db),
      apiKey: () => options.vault.read(),
      settings: () => this.settings(),
      now: this.now,
    });
  }

  status(): ClaudeStatus {
    const settings = this.settings();
    const month = this.assistant.monthSpend(this.now());
    return {
      keyPresent: !!this.options.vault.read(),
      keyStorage: this.options.vault.available() ? 'secure' : 'unavailable',
      settings: {
        model: settings.model,
        ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
        monthlySpendLimitUsd: settings.monthlySpendLimitUsd,
        aliasAccounts: settings.aliasAccounts,
      },
      month: { month: month.month || monthOf(this.now()), usd: month.usd, requests: month.requests, usage: month.usage, estimated: month.estimated },
    };
  }

  async setKey(key: string): Promise<ClaudeStatus> {
    if (!this.options.vault.available()) {
      throw new CallFailure(
        'unavailable',
        'This system offers no secure storage for secrets (no keyring was found), so Countersign will not keep the key. Install and unlock a keyring (GNOME Keyring or KWallet), then try again.',
      );
    }
    this.registerSecret(key);
    try {
      await this.options.vault.save(key.trim());
    } catch (error) {
      // Told as it is (the keychain said no), never as an internal error.
      if (error instanceof KeyStorageRefused) throw new CallFailure('unavailable', error.message);
      throw error;
    }
    return this.status();
  }

  clearKey(): ClaudeStatus {
    this.options.vault.clear();
    return this.status();
  }

  updateSettings(patch: ClaudeSettingsPatch): ClaudeStatus {
    const current = this.settings();
    const next = AssistantSettings.parse({
      ...current,
      ...(patch.model !== undefined ? { model: patch.model } : {}),
      ...(patch.monthlySpendLimitUsd !== undefined ? { monthlySpendLimitUsd: patch.monthlySpendLimitUsd } : {}),
      ...(patch.aliasAccounts !== undefined ? { aliasAccounts: patch.aliasAccounts } : {}),
      baseURL: patch.baseURL === undefined ? current.baseURL : (patch.baseURL ?? undefined),
    });
    this.options.store.settings.write(assistantSettingsDefinition, next, this.now());
    return this.status();
  }

  list(): ConversationSummary[] {
    return this.conversations.summaries();
  }

  view(conversationId: string): ConversationView {
    const stored = this.assistant.conversation(conversationId);
    return {
      id: conversationId,
      messages: displayMessages(stored.messages),
      turns: stored.turns.map((turn) => ({
        turnId: turn.turnId,
        startedAt: turn.startedAt,
        userText: turn.userText,
        outcome: turn.outcome,
        usd: turn.usd,
        costEstimated: turn.costEstimated,
        usage: turn.usage,
        draftIds: turn.draftIds,
        toolResults: turn.toolResults,
      })),
      running: this.assistant.isRunning(conversationId),
    };
  }

  async send(conversationId: string, text: string): Promise<ChatTurnResult> {
    const notes = this.notes.get(conversationId) ?? [];
    this.notes.delete(conversationId);
    const message = notes.length ? `${notes.join('\n')}\n\n${text}` : text;
    const publish = (event: ChatEvent['event']): void => this.options.publish({ conversationId, event });
    const result = await this.assistant.send(conversationId, message, {
      onEvent: (event) => {
        if (event.type === 'text') publish({ type: 'text', delta: event.delta });
        else if (event.type === 'tool_call') publish({ type: 'tool_call', toolUseId: event.toolUseId, name: event.name, summary: describeToolCall(event.name, event.input) });
        else publish({ type: 'tool_result', toolUseId: event.toolUseId, name: event.name, isError: event.isError, ...(event.draft ? { draft: event.draft } : {}) });
      },
    });
    // Notes that never reached Claude (no key, spend limit) wait for the next turn.
    if (!result.record && notes.length) this.notes.set(conversationId, notes);
    const turn: ChatTurnResult = {
      status: result.status,
      ...(result.message ? { message: result.message } : {}),
      text: result.text,
      draftIds: result.draftIds,
      usd: result.usd,
    };
    publish({ type: 'done', result: turn });
    return turn;
  }

  cancel(conversationId: string): boolean {
    return this.assistant.cancel(conversationId);
  }

  delete(conversationId: string): boolean {
    this.assistant.cancel(conversationId);
    this.notes.delete(conversationId);
    return this.conversations.delete(conversationId);
  }

  newConversationId(): string {
    return randomUUID();
  }

  /** The person rejected one of Claude's drafts: Claude hears why in that conversation's next turn. */
  draftRejected(draftId: string, description: string, reason: string | undefined): void {
    for (const summary of this.conversations.summaries()) {
      const stored = this.conversations.read(summary.id);
      if (!stored?.turns.some((turn) => turn.draftIds.includes(draftId))) continue;
      const note = `[Countersign: the person rejected draft ${draftId} (${description})${reason ? ` with the reason: "${reason}"` : ' without giving a reason'}.]`;
      this.notes.set(summary.id, [...(this.notes.get(summary.id) ?? []), note]);
      return;
    }
  }

  private settings(): AssistantSettings {
    return this.options.store.settings.read(assistantSettingsDefinition);
  }

  private registerSecret(key: string): void {
    const log = this.options.log as Partial<RedactingLog>;
    log.registerSecret?.(key.trim());
  }
}

/** The history as the chat pane shows it: tool results are data, not messages. */
function displayMessages(messages: readonly Anthropic.MessageParam[]): ChatMessageView[] {
  const out: ChatMessageView[] = [];
  for (const message of messages) {
    if (message.role !== 'user' && message.role !== 'assistant') continue;
    if (typeof message.content === 'string') {
      out.push({ role: message.role, text: message.content, toolCalls: [] });
      continue;
    }
    const blocks = message.content as unknown as { type: string; text?: string; id?: string; name?: string; input?: unknown }[];
    const text = blocks
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('');
    const toolCalls = blocks
      .filter((block) => block.type === 'tool_use')
      .map((block) => ({ id: block.id ?? '', name: block.name ?? '', summary: describeToolCall(block.name ?? '', block.input) }));
    if (!text && toolCalls.length === 0) continue;
    out.push({ role: message.role, text, toolCalls });
  }
  return out;
}
