import { z } from 'zod';

/**
 * The second look at one of Claude's drafts: a separate model call that saw
 * the draft and the account facts but none of the drafting conversation,
 * asked for the strongest case against the trade. It is advice shown beside
 * the draft; it can never approve, reject or change it. Its text is a
 * model's: the renderer shows it as plain text, marked as such.
 */
export const CounterCase = z.object({
  /** The strongest case against the trade. */
  caseAgainst: z.string().min(1).max(1200),
  /** What would make this counter-case wrong. */
  wrongIf: z.string().min(1).max(600),
  /** How sure the second look is of its own case, 0 to 100. */
  confidencePct: z.number().int().min(0).max(100),
});
export type CounterCase = z.infer<typeof CounterCase>;

export const SecondLookView = z.object({
  /** running: asked, no answer yet; done: a counter-case; failed: the call failed (message says why); skipped: not asked (message says why). */
  state: z.enum(['running', 'done', 'failed', 'skipped']),
  /** The draft version it looked at. */
  draftVersion: z.number().int().positive(),
  /** Epoch ms it was asked (or skipped). */
  at: z.number(),
  counterCase: CounterCase.optional(),
  message: z.string().optional(),
  model: z.string().optional(),
  /** Its cost, counted in the month's spend like any turn. */
  usd: z.number().nonnegative().optional(),
  costEstimated: z.boolean().optional(),
  /** Tokens billed, as a turn shows them (cache reads and writes count as input). */
  tokens: z.object({ input: z.number().int().nonnegative(), output: z.number().int().nonnegative() }).optional(),
});
export type SecondLookView = z.infer<typeof SecondLookView>;
