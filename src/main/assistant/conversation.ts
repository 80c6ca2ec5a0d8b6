import { randomUUID } from 'node:crypto';
import { AccountAliases } from './aliases';
import { anthropicClient } from './client';
import { runChatTurn, type TurnEvent, type TurnStatus } from './chat-turn';
import type { ConversationStore, StoredConversation, TurnRecord } from './conversation-store';
import { DraftBudget } from './draft-budget';
import type { AssistantErrorKind } from './errors';
import type { AccountReader, DraftDesk } from './ports';
import type { AssistantSettings } from './settings';
import { addUsage, costOf, monthOf, noUsage, spendLimitMessage, type MonthSpend, type SpendLedger, type TokenUsage } from './usage';

export interface AssistantDeps {
  reader: AccountReader;
  desk: DraftDesk;
  store: ConversationStore;
  ledger: SpendLedger;
  /** The key as the shell decrypted it; read fresh for every turn, never stored here. */
  apiKey: () => string | undefined;
  settings: () => AssistantSettings;
  now: () => number;
}

export interface SendOptions {
  signal?: AbortSignal;
  onEvent?: (event: TurnEvent) => void;
}

/** What the UI gets back for a turn. Contains nothing of the API key. */
export interface TurnResult {
  status: TurnStatus;
  message?: string;
  errorKind?: AssistantErrorKind;
  text: string;
  draftIds: string[];
  usage: TokenUsage;
  usd: number;
  costEstimated: boolean;
  /** The "what Claude saw" record; absent when no request was made. */
  record?: TurnRecord;
}

const maxMessageLength = 20_000;
const emptyConversation = (): StoredConversation => ({ messages: [], turns: [], aliases: {} });

/**
 * The Claude assistant: runs turns of a conversation against the Messages
 * API, keeps the history consistent whatever happens, and accounts for cost.
 * One turn at a time per conversation; `cancel` (the stop button, Esc)
 * aborts the stream and keeps what was already shown.
 */
export class Assistant {
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => number;

  constructor(private readonly deps: AssistantDeps) {
    this.now = deps.now;
  }

  conversation(conversationId: string): StoredConversation {
    return this.deps.store.read(conversationId) ?? emptyConversation();
  }

  isRunning(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  cancel(conversationId: string): boolean {
    const controller = this.running.get(conversationId);
    controller?.abort();
    return controller !== undefined;
  }

  monthSpend(at = this.now()): MonthSpend {
    return this.deps.ledger.month(monthOf(at));
  }

  async send(conversationId: string, text: string, options: SendOptions = {}): Promise<TurnResult> {
    const settings = this.deps.settings();
    const refuse = (status: TurnStatus, message: string): TurnResult => ({
      status,
      message,
      text: '',
      draftIds: [],
      usage: noUsage,
      usd: 0,
      costEstimated: false,
    });
    const userText = text.trim();
    if (userText.length === 0) return refuse('empty', 'Type a message first.');
    if (userText.length > maxMessageLength) return refuse('empty', `The message is too long (${userText.length} characters; the limit is ${maxMessageLength}).`);
    if (this.running.has(conversationId)) return refuse('busy', 'Claude is still answering the previous message. Stop it first, or wait.');
    const apiKey = this.deps.apiKey();
    if (apiKey === undefined || apiKey.trim().length === 0) return refuse('key_missing', 'No Anthropic API key is set: add one in Settings > Claude.');
    const startedAt = this.now();
    const overLimit = spendLimitMessage(this.deps.ledger, settings.monthlySpendLimitUsd, startedAt);
    if (overLimit !== null) return refuse('spend_limit', overLimit);

    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort();
    if (options.signal?.aborted === true) controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort);
    this.running.set(conversationId, controller);
    try {
      const stored = this.conversation(conversationId);
      const aliases = new AccountAliases(settings.aliasAccounts, stored.aliases);
      if (aliases.enabled) {
        try {
          aliases.register(await this.deps.reader.accounts());
        } catch {
          // Tool calls register again and refuse to answer if the list is still unreadable.
        }
      }
      const sentText = aliases.scrubText(userText);
      const client = anthropicClient(apiKey, settings);
      const hourAgo = startedAt - 3_600_000;
      const earlierThisHour = stored.turns.filter((turn) => turn.startedAt >= hourAgo).reduce((sum, turn) => sum + turn.draftIds.length, 0);
      const budget = new DraftBudget({ perTurn: settings.maxDraftsPerTurn, perHour: settings.maxDraftsPerHour }, earlierThisHour);
      let usage = noUsage;
      let usd = 0;
      let estimated = false;
      const run = await runChatTurn({
        client,
        model: settings.model,
        maxTokens: settings.maxTokens,
        maxToolRounds: settings.maxToolRounds,
        history: stored.messages,
        userText: sentText,
        tools: { reader: this.deps.reader, desk: budget.guard(this.deps.desk), aliases, now: this.now, draftRefusal: () => budget.refusal() },
        signal: controller.signal,
        onEvent: options.onEvent ?? (() => undefined),
        apiKey,
        onUsage: (requestUsage) => {
          const cost = costOf(settings.model, requestUsage);
          this.deps.ledger.record({ at: this.now(), model: settings.model, usage: requestUsage, usd: cost.usd, estimated: cost.estimated });
          usage = addUsage(usage, requestUsage);
          usd += cost.usd;
          estimated ||= cost.estimated;
        },
        mayContinue: () => spendLimitMessage(this.deps.ledger, settings.monthlySpendLimitUsd, this.now()),
      });
      const endedAt = this.now();
      const record: TurnRecord = {
        turnId: randomUUID(),
        startedAt,
        endedAt,
        model: settings.model,
        userText: sentText,
        toolResults: run.toolResults,
        outcome: run.status,
        usage,
        usd,
        costEstimated: estimated,
        draftIds: run.draftIds,
      };
      const requestsMade = run.requests.length > 0 || run.toolResults.length > 0;
      this.deps.store.write(conversationId, {
        messages: run.messages,
        turns: requestsMade ? [...stored.turns, record] : stored.turns,
        aliases: aliases.table(),
      });
      return {
        status: run.status,
        ...(run.message === undefined ? {} : { message: run.message }),
        ...(run.errorKind === undefined ? {} : { errorKind: run.errorKind }),
        text: run.text,
        draftIds: run.draftIds,
        usage,
        usd,
        costEstimated: estimated,
        ...(requestsMade ? { record } : {}),
      };
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.running.delete(conversationId);
    }
  }
}
