import { z } from 'zod';

/**
 * The decision journal as main reports it: what a draft looked like when
 * drafted and decided, its fills, and what the order did (approved) or would
 * have done (rejected, expired) after 1, 5 and 20 trading days and at the
 * position's close. Every figure is computed in main from the journal's rows.
 */

export const JournalHorizon = z.enum(['1d', '5d', '20d', 'close']);
export type JournalHorizon = z.infer<typeof JournalHorizon>;
export const journalHorizons: readonly JournalHorizon[] = ['1d', '5d', '20d', 'close'];

export const JournalDecision = z.enum(['approved', 'rejected', 'expired']);
export type JournalDecision = z.infer<typeof JournalDecision>;

/** Whether the order adds to the position held when it was decided, goes against it, or opens one. */
export const PositionRelation = z.enum(['adds', 'against', 'opens', 'unknown']);
export type PositionRelation = z.infer<typeof PositionRelation>;

const JournalQuote = z.object({ bid: z.number().nullable(), ask: z.number().nullable(), last: z.number().nullable() });
export type JournalQuote = z.infer<typeof JournalQuote>;

export const FillSlippage = z.object({
  execId: z.string(),
  at: z.number(),
  shares: z.number(),
  price: z.number(),
  /** Per unit, against the quote at approval; positive = worse for the person (paid more on a buy, received less on a sell). null: no quote at approval. */
  slippage: z.number().nullable(),
  slippageBps: z.number().nullable(),
});
export type FillSlippage = z.infer<typeof FillSlippage>;

export const HorizonOutcome = z.object({
  horizon: JournalHorizon,
  /** The exchange date ("yyyymmdd") whose close (or, for 'close', the closing execution) values the order. */
  sessionDate: z.string(),
  price: z.number(),
  /** In the contract's currency. */
  pnl: z.number(),
});
export type HorizonOutcome = z.infer<typeof HorizonOutcome>;

export const JournalRecord = z.object({
  draftId: z.string(),
  author: z.enum(['claude', 'person']),
  account: z.string(),
  symbol: z.string(),
  conId: z.number().nullable(),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number(),
  orderType: z.string(),
  draftedAt: z.number(),
  draftQuote: JournalQuote.nullable(),
  decision: JournalDecision.nullable(),
  decidedAt: z.number().nullable(),
  decisionQuote: JournalQuote.nullable(),
  /** The state the draft ended in (filled, cancelled ...), once known. */
  finalState: z.string().nullable(),
  relation: PositionRelation,
  warned: z.boolean(),
  fills: z.array(FillSlippage),
  /** Share-weighted over the fills; null without fills or without a quote at approval. */
  slippage: z.number().nullable(),
  slippageBps: z.number().nullable(),
  /** For rejected and expired drafts: the price the order would have traded at when decided. */
  hypotheticalPrice: z.number().nullable(),
  outcomes: z.array(HorizonOutcome),
  /** Audit trail row numbers (seq) of the draft's creation and decision. */
  auditSeqs: z.object({ created: z.number().nullable(), decided: z.number().nullable() }),
});
export type JournalRecord = z.infer<typeof JournalRecord>;

export const ApprovalRate = z.object({ key: z.string(), decided: z.number(), approved: z.number(), rate: z.number().nullable() });
export type ApprovalRate = z.infer<typeof ApprovalRate>;

export const HorizonComparison = z.object({
  horizon: JournalHorizon,
  approved: z.object({ count: z.number(), hitRate: z.number().nullable(), averagePnl: z.number().nullable() }),
  notApproved: z.object({ count: z.number(), hitRate: z.number().nullable(), averagePnl: z.number().nullable() }),
});
export type HorizonComparison = z.infer<typeof HorizonComparison>;

export const ReviewFigures = z.object({
  decided: z.number(),
  byAuthor: z.array(ApprovalRate),
  byRelation: z.array(ApprovalRate),
  byWarning: z.array(ApprovalRate),
  /** Share-weighted over every fill of approved drafts. */
  averageSlippage: z.number().nullable(),
  averageSlippageBps: z.number().nullable(),
  horizons: z.array(HorizonComparison),
  /** The drafts with the worst P&L at their longest recorded horizon, worst first. */
  worst: z.array(z.object({ draftId: z.string(), symbol: z.string(), side: z.enum(['BUY', 'SELL']), quantity: z.number(), decision: JournalDecision, horizon: JournalHorizon, pnl: z.number() })),
  /** P&L at 5 trading days in buckets, approved and not. */
  distribution: z.array(z.object({ from: z.number(), to: z.number(), approved: z.number(), notApproved: z.number() })),
  /** Approval rate per exchange week (the Monday's date). */
  overTime: z.array(z.object({ week: z.string(), decided: z.number(), approved: z.number(), rate: z.number() })),
});
export type ReviewFigures = z.infer<typeof ReviewFigures>;
