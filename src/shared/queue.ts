import { z } from 'zod';
import { Draft, DraftContract, DraftFigures, DraftOrder, RiskVerdict, TradingState } from './draft';

/** A waiting draft's size against its account, valued in main as the risk checks value it. */
export const OrderSize = z.object({
  notional: z.number().nullable(),
  pctNetLiq: z.number().nullable(),
  /** The large-order threshold it was judged against (Settings > Risk limits). */
  thresholdPct: z.number(),
  /** Above the threshold (or not valued): approving it needs the typed quantity. */
  large: z.boolean(),
});
export type OrderSize = z.infer<typeof OrderSize>;

/** A waiting draft as main last judged it: every check's verdict on the inputs of then, and its size. */
export const DraftReview = z.object({
  verdicts: z.array(RiskVerdict),
  size: OrderSize,
  /** Position and weight before and after, at the market of now. */
  figures: DraftFigures,
  /** Epoch ms of the check: any change of limits, trading state, session or account values runs it again. */
  checkedAt: z.number(),
});
export type DraftReview = z.infer<typeof DraftReview>;

/** What the approval queue shows: drafts waiting, in flight, and recently finished. */
export const QueueView = z.object({
  drafts: z.array(Draft),
  tradingState: TradingState,
  /** By draft id, for the waiting drafts (pending and blocked). */
  review: z.record(z.string(), DraftReview),
});
export type QueueView = z.infer<typeof QueueView>;

export const DraftRef = z.object({ id: z.uuid(), version: z.number().int().positive() }).strict();
export type DraftRef = z.infer<typeof DraftRef>;

/** The sign-off: the version the person saw and, for a large order, the quantity they typed. */
export const ApproveRequest = DraftRef.extend({ confirmedQuantity: z.number().positive().optional() }).strict();
export type ApproveRequest = z.infer<typeof ApproveRequest>;

export const TicketRequest = z.object({ text: z.string().min(1).max(200), account: z.string().min(1).max(32).optional() }).strict();

/** The person's edit of a pending draft: quantity and prices. */
export const DraftChange = z
  .object({
    id: z.uuid(),
    version: z.number().int().positive(),
    quantity: z.number().positive().optional(),
    limitPrice: z.number().positive().optional(),
    stopPrice: z.number().positive().optional(),
  })
  .strict();
export type DraftChange = z.infer<typeof DraftChange>;

export const RejectRequest = z
  .object({ id: z.uuid(), version: z.number().int().positive(), reason: z.string().max(1000).optional() })
  .strict();

export const AuditExportRequest = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().positive(), format: z.enum(['jsonl', 'csv']) })
  .strict();

export const AuditVerification = z.object({ ok: z.boolean(), rows: z.number().int(), firstBadSeq: z.number().int().optional(), problem: z.string().optional() });

export { DraftContract, DraftOrder };
