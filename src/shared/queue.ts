import { z } from 'zod';
import { Draft, DraftContract, DraftFigures, DraftOrder, RiskVerdict, TradingState } from './draft';
import { DraftFact } from './draft-facts';
import { SecondLookView } from './second-look';

/** A waiting draft's size against its account, valued in main as the risk checks value it. */
export const OrderSize = z.object({
  /** In `currency`, the account's base (as the share-of-account check values it). */
  notional: z.number().nullable(),
  /** The account's base currency; null when IB has not reported the account. */
  currency: z.string().nullable(),
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
  /** What differs from the person's habits and the market, the ones that stand out first. */
  facts: z.array(DraftFact),
  /** Epoch ms of the check: any change of limits, trading state, session or account values runs it again. */
  checkedAt: z.number(),
});
export type DraftReview = z.infer<typeof DraftReview>;

/**
 * A stored draft row that cannot be read (damaged, or not the draft it claims
 * to be). It is shown for the person to review and never acted on; `id` is the
 * raw row id, which may not even be a valid draft id.
 */
export const UnreadableDraft = z.object({
  id: z.string(),
  /** The state column of the row, as stored. */
  storedState: z.string(),
  problem: z.string(),
});
export type UnreadableDraft = z.infer<typeof UnreadableDraft>;

/** What the approval queue shows: drafts waiting, in flight, and recently finished. */
export const QueueView = z.object({
  drafts: z.array(Draft),
  tradingState: TradingState,
  /** Records the database refused (disk full, read-only): shown until they are written. */
  storeProblems: z.array(z.string()).optional(),
  /** Things the person should know once (e.g. the gateway's order-id counter went backwards). */
  notices: z.array(z.string()).optional(),
  /** Stored drafts that cannot be read: quarantined, needing review. */
  unreadable: z.array(UnreadableDraft).optional(),
  /** By draft id, for the waiting drafts (pending and blocked). */
  review: z.record(z.string(), DraftReview),
  /** By draft id: the second look at each of Claude's drafts in the view, when one was asked for. */
  secondLooks: z.record(z.string(), SecondLookView).optional(),
});
export type QueueView = z.infer<typeof QueueView>;

/**
 * What a halt cancels: 'countersign' (the default) cancels the orders
 * Countersign placed but keeps the take-profit and stop-loss protecting a
 * filled bracket entry; 'countersign-all' cancels those too; 'account' is
 * IB's global cancel: every open order in the account, including TWS's.
 */
export const HaltScope = z.enum(['countersign', 'countersign-all', 'account']);
export type HaltScope = z.infer<typeof HaltScope>;

export const HaltRequest = z.object({ scope: HaltScope }).strict();
export type HaltRequest = z.infer<typeof HaltRequest>;

export const HaltPlan = z.object({
  scope: HaltScope,
  cancel: z.array(z.object({ orderId: z.number().int(), clientId: z.number().int(), description: z.string(), ours: z.boolean() })),
  keep: z.array(z.object({ orderId: z.number().int(), clientId: z.number().int(), description: z.string(), reason: z.string() })),
});
export type HaltPlan = z.infer<typeof HaltPlan>;

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

/** The running verification of the audit log, sent whenever it changes. */
export const AuditStatus = z.object({ ok: z.boolean(), rows: z.number().int().nonnegative(), problem: z.string().optional() });
export type AuditStatus = z.infer<typeof AuditStatus>;

export const AuditVerification = z.object({ ok: z.boolean(), rows: z.number().int(), firstBadSeq: z.number().int().optional(), problem: z.string().optional() });

export { DraftContract, DraftOrder };
