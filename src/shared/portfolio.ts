import { z } from 'zod';

/**
 * The live portfolio as main keeps it and the renderer shows it. Money is in
 * the account's base currency unless a currency is given. A number is null
 * when the gateway has not said it yet: the UI shows a dash, never a zero it
 * made up.
 */

const amount = z.number().nullable();

export const QuoteView = z.object({
  symbol: z.string(),
  conId: z.number().int(),
  bid: amount,
  ask: amount,
  last: amount,
  close: amount,
  /** Delayed (15-20 min) data: shown as delayed and treated as stale by the risk checks. */
  delayed: z.boolean(),
  /** Epoch ms of the last tick received. */
  at: z.number(),
});
export type QuoteView = z.infer<typeof QuoteView>;

export const AccountView = z.object({
  account: z.string(),
  currency: z.string(),
  /** 'cash' covers IRA and other cash accounts: no shorting, no margin. */
  kind: z.enum(['margin', 'cash', 'unknown']),
  accountType: z.string().nullable(),
  netLiquidation: amount,
  totalCash: amount,
  buyingPower: amount,
  availableFunds: amount,
  excessLiquidity: amount,
  initMarginReq: amount,
  maintMarginReq: amount,
  grossPositionValue: amount,
  equityWithLoan: amount,
  dayTradesRemaining: z.number().int().nullable(),
  dailyPnL: amount,
  unrealizedPnL: amount,
  realizedPnL: amount,
});
export type AccountView = z.infer<typeof AccountView>;

export const PositionView = z.object({
  /** `${account}:${conId}` */
  key: z.string(),
  account: z.string(),
  conId: z.number().int(),
  symbol: z.string(),
  secType: z.string(),
  currency: z.string(),
  exchange: z.string(),
  multiplier: z.number(),
  quantity: z.number(),
  avgCost: z.number(),
  marketPrice: amount,
  marketValue: amount,
  /** Share of the account's net liquidation, in percent. */
  weightPct: amount,
  unrealizedPnL: amount,
  dailyPnL: amount,
  delayed: z.boolean(),
});
export type PositionView = z.infer<typeof PositionView>;

export const OpenOrderView = z.object({
  orderId: z.number().int(),
  permId: z.number().int(),
  /** IB's order ids are per API client: an order is (clientId, orderId). */
  clientId: z.number().int(),
  conId: z.number().int(),
  account: z.string(),
  symbol: z.string(),
  action: z.string(),
  quantity: z.number(),
  orderType: z.string(),
  limitPrice: amount,
  stopPrice: amount,
  tif: z.string(),
  status: z.string(),
  filled: z.number(),
  remaining: z.number(),
  avgFillPrice: amount,
  orderRef: z.string(),
});
export type OpenOrderView = z.infer<typeof OpenOrderView>;

export const ExecutionView = z.object({
  execId: z.string(),
  orderId: z.number().int(),
  permId: z.number().int(),
  clientId: z.number().int(),
  conId: z.number().int(),
  account: z.string(),
  symbol: z.string(),
  side: z.string(),
  shares: z.number(),
  price: z.number(),
  time: z.string(),
  orderRef: z.string(),
  commission: amount,
  commissionCurrency: z.string().nullable(),
  realizedPnL: amount,
});
export type ExecutionView = z.infer<typeof ExecutionView>;

export const PortfolioSnapshot = z.object({
  /** Increases with every change; a delta with seq <= the snapshot's is already included. */
  seq: z.number().int(),
  accounts: z.array(AccountView),
  positions: z.array(PositionView),
  openOrders: z.array(OpenOrderView),
  executions: z.array(ExecutionView),
  quotes: z.array(QuoteView),
});
export type PortfolioSnapshot = z.infer<typeof PortfolioSnapshot>;

/** What changed since the previous batch; sent at most ~10 times a second. */
export const PortfolioDelta = z.object({
  seq: z.number().int(),
  accounts: z.array(AccountView).optional(),
  positions: z.array(PositionView).optional(),
  removedPositions: z.array(z.string()).optional(),
  quotes: z.array(QuoteView).optional(),
  /** When present, the complete current list. */
  openOrders: z.array(OpenOrderView).optional(),
  /** When present, the complete list of today's executions. */
  executions: z.array(ExecutionView).optional(),
  /** Set after a re-sync: replace everything with the snapshot of this delta instead of merging. */
  reset: PortfolioSnapshot.optional(),
});
export type PortfolioDelta = z.infer<typeof PortfolioDelta>;
