import { z } from 'zod';

/** The newest Sonnet id in @anthropic-ai/sdk 1.12's model list. */
export const defaultModel = 'claude-sonnet-5-5';

/**
 * Claude settings the person may change. The API key is not here: it is kept
 * encrypted by the shell and handed to the assistant through a getter only.
 */
export const AssistantSettings = z.object({
  model: z.string().trim().min(1).max(100).default(defaultModel),
  /** An Anthropic-compatible endpoint; absent means the SDK's default (api.anthropic.com). */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** USD per calendar month; null means no limit. */
  monthlySpendLimitUsd: z.number().nonnegative().nullable().default(20),
  /** Replace account numbers with ACCOUNT-1, ACCOUNT-2 ... in everything sent to Claude. */
  aliasAccounts: z.boolean().default(false),
  /** Tool rounds Claude may take in one turn before it has to report back. */
  maxToolRounds: z.number().int().min(1).max(50).default(12),
  maxTokens: z.number().int().min(256).max(64_000).default(4096),
  /** Drafts Claude may create in one turn; further proposals are refused with the reason. */
  maxDraftsPerTurn: z.number().int().min(1).max(50).default(5),
  /** Drafts one conversation may create in any hour. */
  maxDraftsPerHour: z.number().int().min(1).max(500).default(20),
  /**
   * For every draft Claude makes, a separate call that sees the draft and the
   * account facts, not the conversation, for the strongest case against it.
   * On by default; it only runs with a key, and its cost counts in the spend limit.
   */
  secondLook: z.boolean().default(true),
  /** Retries of 429/5xx/connection errors inside the SDK, with its backoff. */
  maxRetries: z.number().int().min(0).max(10).default(2),
});
export type AssistantSettings = z.output<typeof AssistantSettings>;

export const defaultAssistantSettings: AssistantSettings = AssistantSettings.parse({});
