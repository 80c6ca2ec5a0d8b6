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

/** Where a figure comes from: IB published it ('ib'), or the app computed it from IB's inputs ('computed'). */
export const FigureSource = z.enum(['ib', 'computed']);
export type FigureSource = z.infer<typeof FigureSource>;

/** One currency of an account's cash ledger ($LEDGER:ALL), in that currency. */
export const CashBalanceView = z.object({
  currency: z.string(),
  cash: amount,
  /** IB's ExchangeRate: units of the account's base currency per unit of this one. */
  rate: amount,
  /** NetLiquidationByCurrency: cash and positions in this currency. */
  netLiquidation: amount,
});
export type CashBalanceView = z.infer<typeof CashBalanceView>;

export const AccountView = z.object({
  account: z.string(),
  /** The account's base currency: every total of the account is in it. */
  currency: z.string(),
  /** Cash by currency, the base first. */
  cashByCurrency: z.array(CashBalanceView),
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

/** The security types IB reports that the app knows by name; any other is shown as IB names it. */
export const KNOWN_SEC_TYPES = ['STK', 'OPT', 'FOP', 'FUT', 'CASH', 'BOND', 'CRYPTO', 'WAR', 'CFD', 'IND', 'FUND', 'CMDTY', 'IOPT', 'BAG'] as const;

/** Greeks and implied volatility from IB's option computation ticks (the model tick where there is one). */
export const GreeksView = z.object({
  delta: amount,
  gamma: amount,
  theta: amount,
  vega: amount,
  impliedVol: amount,
  underlyingPrice: amount,
});
export type GreeksView = z.infer<typeof GreeksView>;

export const PositionView = z.object({
  /** `${account}:${conId}` */
  key: z.string(),
  account: z.string(),
  conId: z.number().int(),
  /** The display symbol: the local symbol for derivatives (OCC symbol, ESZ6). */
  symbol: z.string(),
  /** The underlying's symbol for derivatives; the symbol itself otherwise. */
  underlying: z.string(),
  /** IB's security type, as IB names it (unknown types are kept, never dropped). */
  secType: z.string(),
  /** True when secType is one the app knows by name. */
  knownType: z.boolean(),
  currency: z.string(),
  exchange: z.string(),
  /** IB's multiplier; null for a derivative IB gave none for (never guessed: its computed figures are unknown). */
  multiplier: z.number().nullable(),
  /** Why Countersign computes none of this position's figures itself (IB's own may still show); null when it can. */
  unvalued: z.string().nullable(),
  /** Options and futures: yyyyMMdd of the last trading day; null otherwise. */
  expiry: z.string().nullable(),
  strike: z.number().nullable(),
  right: z.enum(['C', 'P']).nullable(),
  quantity: z.number(),
  /** IB's average cost: per contract (multiplier included), in the position's currency. */
  avgCost: z.number(),
  /**
   * Per unit, in the position's currency, as IB's portfolio shows it: an
   * option's premium per share, an LSE share in pounds (IB quotes it in
   * pence: the quote itself is in QuoteView), a bond in percent of face.
   */
  marketPrice: amount,
  /** In the position's currency. */
  marketValue: amount,
  /** IB's ExchangeRate for the position's currency in the account's base. */
  fxRate: amount,
  /** In the account's base currency. */
  baseValue: amount,
  /** Share of the account's net liquidation (base value over net liquidation), in percent. */
  weightPct: amount,
  /** In the account's base currency. */
  unrealizedPnL: amount,
  /** In the account's base currency. */
  dailyPnL: amount,
  /** Which figures are IB's and which the app computed. */
  sources: z.object({ marketValue: FigureSource, baseValue: FigureSource, unrealizedPnL: FigureSource, dailyPnL: FigureSource }),
  greeks: GreeksView.nullable(),
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
