import { z } from 'zod';

/**
 * Claude as the renderer sees it. The API key itself never appears here:
 * only whether one is stored, and whether it can be stored safely.
 */
export const ClaudeSettingsView = z.object({
  model: z.string(),
  baseURL: z.string().optional(),
  monthlySpendLimitUsd: z.number().nullable(),
  aliasAccounts: z.boolean(),
  maxDraftsPerTurn: z.number().int(),
  maxDraftsPerHour: z.number().int(),
  /** A separate call for the strongest case against each of Claude's drafts (needs a key). */
  secondLook: z.boolean(),
});
export type ClaudeSettingsView = z.infer<typeof ClaudeSettingsView>;

export const ClaudeSettingsPatch = z
  .object({
    model: z.string().trim().min(1).max(100).optional(),
    baseURL: z.url({ protocol: /^https?$/ }).nullable().optional(),
    monthlySpendLimitUsd: z.number().nonnegative().max(100_000).nullable().optional(),
    aliasAccounts: z.boolean().optional(),
    maxDraftsPerTurn: z.number().int().min(1).max(50).optional(),
    maxDraftsPerHour: z.number().int().min(1).max(500).optional(),
    secondLook: z.boolean().optional(),
  })
  .strict();
export type ClaudeSettingsPatch = z.infer<typeof ClaudeSettingsPatch>;

const Usage = z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() });

export const ClaudeStatus = z.object({
  keyPresent: z.boolean(),
  /** 'unavailable': the OS offers no secure storage (Linux basic_text), so no key can be saved. */
  keyStorage: z.enum(['secure', 'unavailable']),
  settings: ClaudeSettingsView,
  month: z.object({ month: z.string(), usd: z.number(), requests: z.number(), usage: Usage, estimated: z.boolean() }),
});
export type ClaudeStatus = z.infer<typeof ClaudeStatus>;

export const ApiKeyInput = z.object({ key: z.string().trim().min(20).max(400) }).strict();

export const ConversationSummary = z.object({ id: z.string(), title: z.string(), createdAt: z.number(), updatedAt: z.number() });
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** done: it ran; blocked: a draft was made but a check blocks it; refused: nothing was done (reason says why). */
export const ToolOutcome = z.enum(['done', 'refused', 'blocked']);
export type ToolOutcome = z.infer<typeof ToolOutcome>;

export const ToolCallView = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  isError: z.boolean().optional(),
  /** Absent while the call has no result yet. */
  outcome: ToolOutcome.optional(),
  reason: z.string().optional(),
});
export type ToolCallView = z.infer<typeof ToolCallView>;

/** One message as the chat pane shows it. */
export const ChatMessageView = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  toolCalls: z.array(ToolCallView),
  /** Set by main when Claude's text claims an order was placed, approved, sent or cancelled: only the person can. */
  flag: z.string().optional(),
});
export type ChatMessageView = z.infer<typeof ChatMessageView>;

/** "What Claude saw": the exact tool results sent in one turn. */
export const TurnRecordView = z.object({
  turnId: z.string(),
  startedAt: z.number(),
  userText: z.string(),
  outcome: z.string(),
  usd: z.number(),
  costEstimated: z.boolean(),
  usage: Usage,
  draftIds: z.array(z.string()),
  toolResults: z.array(z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown(), content: z.string(), isError: z.boolean() })),
});
export type TurnRecordView = z.infer<typeof TurnRecordView>;

export const ConversationView = z.object({
  id: z.string(),
  messages: z.array(ChatMessageView),
  turns: z.array(TurnRecordView),
  running: z.boolean(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const ChatSend = z.object({ conversationId: z.uuid(), text: z.string().min(1).max(20_000) }).strict();
export const ConversationRef = z.object({ conversationId: z.uuid() }).strict();

export const ChatTurnResult = z.object({
  status: z.string(),
  message: z.string().optional(),
  text: z.string(),
  draftIds: z.array(z.string()),
  usd: z.number(),
});
export type ChatTurnResult = z.infer<typeof ChatTurnResult>;

/** Streamed while a turn runs. */
export const ChatEvent = z.object({
  conversationId: z.string(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), delta: z.string() }),
    z.object({ type: z.literal('tool_call'), toolUseId: z.string(), name: z.string(), summary: z.string() }),
    z.object({
      type: z.literal('tool_result'),
      toolUseId: z.string(),
      name: z.string(),
      isError: z.boolean(),
      outcome: ToolOutcome,
      reason: z.string().optional(),
      draft: z.object({ draftId: z.string(), state: z.enum(['pending', 'blocked']) }).optional(),
    }),
    z.object({ type: z.literal('done'), result: ChatTurnResult }),
  ]),
});
export type ChatEvent = z.infer<typeof ChatEvent>;
