// Records the simulated broker hands to the wire layer. They are built from
// the library's own types so the wire can encode them field by field exactly
// as the library's Decoder expects.
import type { Bar, CommissionReport, Contract, ContractDetails, Execution, Order, OrderState } from '@stoqey/ib';

export type { Bar, CommissionReport, Contract, ContractDetails, Execution, Order, OrderState };

export interface Quote {
  bid: number;
  ask: number;
  last: number;
  bidSize: number;
  askSize: number;
  lastSize: number;
  /** Shares traded today (cumulative). */
  volume: number;
  /** Previous session's closing price. */
  close: number;
  open: number;
  high: number;
  low: number;
  /** Sim-clock ms of the last change. */
  time: number;
}

/** What an option computation tick carries: the model's implied vol and greeks, and the underlying's prices. */
export interface OptionModel {
  impliedVol: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  optPrice: number;
  undPrice: number;
  undBid: number;
  undAsk: number;
  undLast: number;
}

/** Mirrors reqHistoricalData's arguments. */
export interface BarQuery {
  /** "" = now; "yyyyMMdd HH:mm:ss[ TZ]" (Eastern unless a zone is given) or "yyyyMMdd-HH:mm:ss" (UTC). */
  endDateTime: string;
  /** "60 S", "1 D", "2 W", "1 M", "1 Y". */
  durationStr: string;
  /** "1 secs" ... "1 min", "5 mins", "1 hour", "1 day", "1 week", "1 month". */
  barSizeSetting: string;
  whatToShow: string;
  useRTH: boolean | number;
}

export interface AccountValue {
  key: string;
  value: string;
  currency: string;
}

export interface SummaryValue {
  tag: string;
  value: string;
  currency: string;
}

export interface PositionRow {
  account: string;
  contract: Contract;
  pos: number;
  avgCost: number;
}

export interface PortfolioRow extends PositionRow {
  marketPrice: number;
  marketValue: number;
  unrealizedPNL: number;
  realizedPNL: number;
}

export interface AccountPnl {
  dailyPnL: number;
  unrealizedPnL: number;
  realizedPnL: number;
}

export interface PositionPnl extends AccountPnl {
  pos: number;
  value: number;
}

/** IB's order statuses as the engine uses them. */
export type SimOrderStatus = 'PreSubmitted' | 'Submitted' | 'PendingCancel' | 'Cancelled' | 'Filled' | 'Inactive';

export interface OpenOrderRecord {
  orderId: number;
  clientId: number;
  /** Non-zero and unique: the client pairs orderStatus with openOrder by permId. */
  permId: number;
  contract: Contract;
  /** The order as placed (orderRef, tif, parentId, ocaGroup kept), with account filled in. */
  order: Order;
  state: OrderState;
  status: SimOrderStatus;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** Why an order is Inactive or was Cancelled by the engine (expiry, OCA, IOC), '' otherwise. */
  reason: string;
}

export interface CompletedOrderRecord extends OpenOrderRecord {
  /** Sim-clock ms of the final status. */
  completedAt: number;
}

export interface FillRecord {
  execution: Execution;
  contract: Contract;
  commission: CommissionReport;
}

export interface ExecutionQuery {
  clientId?: number;
  account?: string;
  symbol?: string;
  secType?: string;
  /** "BUY"/"SELL" (as reqExecutions sends) or "BOT"/"SLD". */
  side?: string;
  /** "yyyyMMdd HH:mm:ss" (Eastern) or "yyyyMMdd-HH:mm:ss" (UTC): fills at or after. */
  time?: string;
}

export type PlaceResult =
  | { kind: 'accepted' }
  | { kind: 'whatIf'; order: Order; contract: Contract; state: OrderState }
  | { kind: 'rejected'; code: number; reason: string };

export interface EngineEvents {
  tick: (conId: number, q: Quote) => void;
  /** After any status or fill change of an order (including modifies). */
  orderStatus: (rec: OpenOrderRecord) => void;
  execution: (fill: FillRecord) => void;
  /** Account values, positions or P&L of that account changed. */
  account: (account: string) => void;
}
