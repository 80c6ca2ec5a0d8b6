import type { JournalRecord } from '../../shared/journal';
import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { ChatEvent, ChatMessageView, ChatTurnResult, ClaudeSettingsPatch, ClaudeStatus, ConversationSummary, ConversationView } from '../../shared/claude';
import type { ApprovalDesk } from '../approvals/approval-desk';
import type { DraftLedger } from '../approvals/draft-ledger';
import { Assistant } from '../assistant/conversation';
import type { DraftDesk } from '../assistant/ports';
import { AssistantSettings, defaultAssistantSettings } from '../assistant/settings';
import { monthOf } from '../assistant/usage';
import { createAccountReader } from '../broker/account-reader';
import type { BrokerSession } from '../broker/broker-session';
import { ConflictError, UnavailableError } from '../domain-errors';
import type { RedactingLog, Log } from '../log';
import type { SettingDefinition } from '../store/settings-repository';
import type { Store } from '../store/open-store';
import { ConversationRepository, SqliteSpendLedger } from '../store/conversation-repository';
import { claimsOrderAction, orderClaimFlag } from './action-claims';
import { describeToolCall, toolOutcome } from './describe-tool-call';
import { judgeEndpoint, type EndpointConfirmer, type EndpointRules } from './endpoint-policy';
import { confirmedHostSetting, keyHostSetting } from './key-host';
import type { KeyVault } from './key-vault';
import { SecondLooks } from './second-looks';
import type { SecondLookView } from '../../shared/second-look';

const assistantSettingsDefinition: SettingDefinition<AssistantSettings> = {
  key: 'claude.settings',
  schema: AssistantSettings,
  fallback: defaultAssistantSettings,
};

export interface ChatServiceOptions {
  store: Store;
  desk: ApprovalDesk;
  /** The queue Claude may read (its pending drafts), from the drafts' one owner. */
  ledger: DraftLedger;
  session: () => BrokerSession | undefined;
  vault: KeyVault;
  log: Log;
  publish: (event: ChatEvent) => void;
  now: () => number;
  /**
   * Asks the person before the key may go to a host other than Anthropic's.
   * Shown by main (a native dialog in the app); without one, such hosts are refused.
   */
  confirmEndpoint?: EndpointConfirmer;
  endpointRules?: EndpointRules;
  /** A card's second look changed: the queue is published again. */
  queueChanged?: () => void;
  /** The decision journal Claude may read (how similar drafts turned out). */
  journal?: { records(): JournalRecord[] };
}

/**
 * The chat pane's backend: Claude reads the account through read-only ports
 * and proposes drafts through the approval queue. The key is read from the
 * vault for each turn and never leaves main.
 */
export class ChatService {
  private readonly conversations: ConversationRepository;
  private readonly assistant: Assistant;
  private readonly secondLooks: SecondLooks;
  private readonly now: () => number;
  /** Rejection reasons waiting to be told to Claude in the conversation that drafted the order. */
  private readonly notes = new Map<string, string[]>();

  constructor(private readonly options: ChatServiceOptions) {
    this.now = options.now;
    this.conversations = new ConversationRepository(options.store.db, this.now);
    const existing = options.vault.read();
    if (existing) this.registerSecret(existing);
    const ledger = new SqliteSpendLedger(options.store.db);
    const journal = options.journal;
    const reader = createAccountReader({
      session: options.session,
      pendingDrafts: () => options.ledger.waiting(),
      ...(journal ? { journal: () => journal.records() } : {}),
      now: () => this.now(),
    });
    const apiKey = (): string | undefined => (this.keyProblem() === undefined ? options.vault.read() : undefined);
    this.secondLooks = new SecondLooks({
      settings: () => this.settings(),
      current: (draftId) => options.ledger.get(draftId),
      apiKey,
      ledger,
      reader,
      review: (draftId) => options.desk.reviewOf(draftId),
      now: this.now,
      changed: () => options.queueChanged?.(),
      log: options.log,
    });
    const draftDesk: DraftDesk = {
      createDraft: async (input) => {
        const outcome = await options.desk.draft(input, 'claude');
        if (!outcome.ok) return { ok: false, reason: outcome.reason };
        const draft = outcome.draft;
        // Asked beside the turn, never inside it: the drafting conversation neither waits for it nor sees it.
        void this.secondLooks.look(draft);
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
      reader,
      desk: draftDesk,
      store: this.conversations,
      ledger,
      apiKey,
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
        maxDraftsPerTurn: settings.maxDraftsPerTurn,
        maxDraftsPerHour: settings.maxDraftsPerHour,
        secondLook: settings.secondLook,
      },
      month: { month: month.month || monthOf(this.now()), usd: month.usd, requests: month.requests, usage: month.usage, estimated: month.estimated },
    };
  }

  /** The key is bound to the endpoint's host as it is now: it is only ever sent there. */
  async setKey(key: string): Promise<ClaudeStatus> {
    if (!this.options.vault.available()) {
      throw new UnavailableError(
        'This system offers no secure storage for secrets (no keyring was found), so Countersign will not keep the key. Install and unlock a keyring (GNOME Keyring or KWallet), then try again.',
      );
    }
    const endpoint = judgeEndpoint(this.settings().baseURL, this.endpointRules());
    if (!endpoint.ok) throw new ConflictError(`The key was not saved: ${endpoint.reason} Change the endpoint in Settings > Claude first.`);
    if (!endpoint.anthropic && this.options.store.settings.read(confirmedHostSetting) !== endpoint.host) {
      await this.confirmHost(endpoint.host, this.settings().baseURL ?? '', 'The key was not saved');
    }
    this.registerSecret(key);
    // A KeyStorageRefused (the keychain said no) is told as it is, as unavailable, never as an internal error.
    await this.options.vault.save(key.trim());
    this.options.store.settings.write(keyHostSetting, endpoint.host, this.now());
    return this.status();
  }

  clearKey(): ClaudeStatus {
    this.options.vault.clear();
    return this.status();
  }

  /**
   * A new endpoint must pass the endpoint policy; a host other than
   * Anthropic's is asked of the person first, and a key entered for another
   * host is cleared, so it never follows the endpoint somewhere new.
   */
  async updateSettings(patch: ClaudeSettingsPatch): Promise<ClaudeStatus> {
    const current = this.settings();
    const baseURL = patch.baseURL === undefined ? current.baseURL : (patch.baseURL ?? undefined);
    if (baseURL !== current.baseURL) {
      const endpoint = judgeEndpoint(baseURL, this.endpointRules());
      if (!endpoint.ok) throw new ConflictError(`The endpoint was not changed: ${endpoint.reason}`);
      if (!endpoint.anthropic) await this.confirmHost(endpoint.host, baseURL ?? '', 'The endpoint was not changed');
      if (endpoint.host !== this.keyHost()) this.options.vault.clear();
    }
    // Read again after the dialog: other settings may have changed while the person decided.
    const latest = this.settings();
    const next = AssistantSettings.parse({
      ...latest,
      ...(patch.model !== undefined ? { model: patch.model } : {}),
      ...(patch.monthlySpendLimitUsd !== undefined ? { monthlySpendLimitUsd: patch.monthlySpendLimitUsd } : {}),
      ...(patch.aliasAccounts !== undefined ? { aliasAccounts: patch.aliasAccounts } : {}),
      ...(patch.maxDraftsPerTurn !== undefined ? { maxDraftsPerTurn: patch.maxDraftsPerTurn } : {}),
      ...(patch.maxDraftsPerHour !== undefined ? { maxDraftsPerHour: patch.maxDraftsPerHour } : {}),
      ...(patch.secondLook !== undefined ? { secondLook: patch.secondLook } : {}),
      baseURL,
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
      messages: displayMessages(stored.messages, new Set(stored.turns.flatMap((turn) => turn.draftIds))),
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
    const publish = (event: ChatEvent['event']): void => this.options.publish({ conversationId, event });
    const problem = this.options.vault.read() ? this.keyProblem() : undefined;
    if (problem !== undefined) {
      const refused: ChatTurnResult = { status: 'key_missing', message: problem, text: '', draftIds: [], usd: 0 };
      publish({ type: 'done', result: refused });
      return refused;
    }
    const notes = this.notes.get(conversationId) ?? [];
    this.notes.delete(conversationId);
    const message = notes.length ? `${notes.join('\n')}\n\n${text}` : text;
    const result = await this.assistant.send(conversationId, message, {
      onEvent: (event) => {
        if (event.type === 'text') publish({ type: 'text', delta: event.delta });
        else if (event.type === 'tool_call') publish({ type: 'tool_call', toolUseId: event.toolUseId, name: event.name, summary: describeToolCall(event.name, event.input) });
        else {
          const { outcome, reason } = toolOutcome(event.name, event.isError, event.content);
          publish({ type: 'tool_result', toolUseId: event.toolUseId, name: event.name, isError: event.isError, outcome, ...(reason ? { reason } : {}), ...(event.draft ? { draft: event.draft } : {}) });
        }
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

  /** The second looks of these drafts, for the queue's cards. */
  secondLooksFor(draftIds: Iterable<string>): Record<string, SecondLookView> {
    return this.secondLooks.forDrafts(draftIds);
  }

  /** The app is closing: second looks under way are abandoned. */
  stop(): void {
    this.secondLooks.stop();
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

  /** Main asks the person (never the renderer); without a way to ask, the answer is no. */
  private async confirmHost(host: string, url: string, refused: string): Promise<void> {
    const confirm = this.options.confirmEndpoint;
    if (!confirm) throw new UnavailableError(`${refused}: this build cannot ask you to confirm sending your key to ${host}.`);
    if (!(await confirm({ host, url }))) throw new ConflictError(`${refused}: you did not confirm sending your API key to ${host}.`);
    this.options.store.settings.write(confirmedHostSetting, host, this.now());
  }

  private endpointRules(): EndpointRules {
    return this.options.endpointRules ?? { packaged: false };
  }

  private keyHost(): string {
    return this.options.store.settings.read(keyHostSetting);
  }

  /** Why the stored key may not be sent to the endpoint as it is now, or undefined when it may. */
  private keyProblem(): string | undefined {
    const endpoint = judgeEndpoint(this.settings().baseURL, this.endpointRules());
    if (!endpoint.ok) return `The key is not sent: ${endpoint.reason} Change the endpoint in Settings > Claude.`;
    const bound = this.keyHost();
    if (endpoint.host !== bound) {
      return `The stored key was entered for ${bound}, and the endpoint is now ${endpoint.host}, so it is not sent. Enter the key for ${endpoint.host} in Settings > Claude.`;
    }
    return undefined;
  }

  private registerSecret(key: string): void {
    const log = this.options.log as Partial<RedactingLog>;
    log.registerSecret?.(key.trim());
  }
}

type StoredBlock = { type: string; text?: string; id?: string; name?: string; input?: unknown; tool_use_id?: string; is_error?: boolean; content?: unknown };

/**
 * The history as the chat pane shows it: tool results are data, not
 * messages, but each call shows what really happened to it (done, blocked,
 * refused and why), and a reply that claims an order was placed is flagged.
 */
function displayMessages(messages: readonly Anthropic.MessageParam[], draftIds: ReadonlySet<string>): ChatMessageView[] {
  const results = new Map<string, { isError: boolean; content: string }>();
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const block of message.content as unknown as StoredBlock[]) {
      if (block.type !== 'tool_result' || !block.tool_use_id) continue;
      const content = typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? '');
      results.set(block.tool_use_id, { isError: block.is_error === true, content });
    }
  }
  const out: ChatMessageView[] = [];
  for (const message of messages) {
    if (message.role !== 'user' && message.role !== 'assistant') continue;
    if (typeof message.content === 'string') {
      out.push({ role: message.role, text: message.content, toolCalls: [], ...flagFor(message.role, message.content) });
      continue;
    }
    const blocks = message.content as unknown as StoredBlock[];
    const text = blocks
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('');
    const toolCalls = blocks
      .filter((block) => block.type === 'tool_use')
      .map((block) => {
        const name = block.name ?? '';
        const result = results.get(block.id ?? '');
        const seen = result ? toolOutcome(name, result.isError, result.content) : undefined;
        const draftId = name === 'draft_order' && result ? draftCreated(result.content, draftIds) : undefined;
        return {
          id: block.id ?? '',
          name,
          summary: describeToolCall(name, block.input),
          ...(result ? { isError: result.isError } : {}),
          ...(seen ? { outcome: seen.outcome, ...(seen.reason ? { reason: seen.reason } : {}) } : {}),
          ...(draftId ? { draftId } : {}),
        };
      });
    if (!text && toolCalls.length === 0) continue;
    out.push({ role: message.role, text, toolCalls, ...flagFor(message.role, text) });
  }
  return out;
}

/**
 * The draft a draft_order result names, only if the turn record says that
 * turn created it: the stored result is text Claude was sent, the record is
 * what the tool runner did.
 */
function draftCreated(content: string, draftIds: ReadonlySet<string>): string | undefined {
  try {
    const parsed: unknown = JSON.parse(content);
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as { draftId?: unknown }).draftId : undefined;
    return typeof id === 'string' && draftIds.has(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function flagFor(role: 'user' | 'assistant', text: string): { flag?: string } {
  return role === 'assistant' && claimsOrderAction(text) ? { flag: orderClaimFlag } : {};
}
