import type { Draft, RiskLimits, RiskVerdict, TradingState } from '../../shared/draft';

export interface PositionSnapshot {
  /** Signed: negative is short. */
  qty: number;
  /** In the account's base currency; null when IB has not valued it in base. */
  marketValue: number | null;
  /** Units of this position opened today (bought today for a long, sold short today for a short). */
  openedTodayQty: number;
  /** What the holding is, for rules that look across contracts (shares covering a written call). */
  terms?: HeldTerms;
}

export interface HeldTerms {
  /** IB's security type, as IB names it. */
  secType: string;
  /** The underlying's symbol for a derivative; the symbol itself for a stock. */
  underlying: string;
  currency: string;
  right: 'C' | 'P' | null;
  /** IB's multiplier; null when IB gave none for a derivative (its size is then unknown). */
  multiplier: number | null;
}

export interface AccountSnapshot {
  accountId: string;
  /** 'unknown': IB has not said; treated as the most restrictive kind (cash) until it does. */
  kind: 'margin' | 'cash' | 'ira' | 'unknown';
  isPaper: boolean;
  /** The account's base currency: net liquidation, funds, position values and the per-order limit are in it. */
  baseCurrency: string;
  /** IB's ExchangeRate by currency: units of the base currency per unit of that currency (null or absent: not given). */
  exchangeRates: Readonly<Record<string, number | null>>;
  /** null: IB has not reported it (treated as "cannot check", which blocks). */
  netLiquidation: number | null;
  availableFunds: number | null;
  buyingPower: number | null;
  /** IB's DayTradesRemaining; -1 means unlimited. */
  dayTradesRemaining: number | null;
  dailyPnL: number | null;
  /** Keyed by positionKey(contract): IB's conId. */
  positions: Readonly<Record<string, PositionSnapshot>>;
}

export interface QuoteSnapshot {
  /** The quote's own symbol, so a quote wired to the wrong draft is caught. Pass it whenever known. */
  symbol?: string;
  /** The quote's contract (IB's conId): when both it and the draft's are known, they are what must agree. */
  conId?: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  /** Epoch ms of the newest tick (for display: a wall-clock step moves it). */
  at: number;
  /** Milliseconds since the newest tick on the monotonic clock; when absent, ages come from `at`. */
  ageMs?: number;
  /** IB delayed data (about 15 minutes), not live. */
  delayed: boolean;
}

/** Everything the checks look at, taken fresh at drafting and again at approval. */
export interface RiskContext {
  now: number;
  account: AccountSnapshot | null;
  /** The quote for the draft's contract, or null when there is none. */
  quote: QuoteSnapshot | null;
  /**
   * For an option draft: IB's model delta for the contract and the
   * underlying's price (IB's, or the held underlying's market price). Absent
   * or null: not known, so what needs them cannot be valued.
   */
  option?: { delta: number | null; underlyingPrice: number | null } | null;
  session: { ready: boolean; inResetWindow: boolean };
  /** null when the trading hours are unknown. */
  market: { regularHoursOpen: boolean } | null;
  limits: RiskLimits;
  tradingState: TradingState;
  /** All other drafts in the queue or in flight (the draft itself may be included; it is skipped). */
  otherDrafts: readonly Draft[];
  /**
   * Recent approvals, for the rate limit, as epoch ms on `now`'s scale
   * (derived from their monotonic ages, so a wall-clock step cannot move them
   * out of the window).
   */
  recentApprovals: readonly number[];
  /** Set when the stored risk limits cannot be read: approvals are blocked until they are saved again. */
  limitsProblem?: string;
  /** Ids of saved drafts that cannot be read and were stored in flight: their orders may be working, uncounted. */
  unreadableInFlight?: readonly string[];
  /**
   * With unreadable rows in flight: open orders at the broker on this
   * account and contract that no readable draft accounts for (one of them
   * may be the unreadable draft's).
   */
  unaccountedOrdersOnContract?: number;
}

/** Every check is pure: same context and draft, same verdict. */
export type RiskCheck = (ctx: RiskContext, draft: Draft) => RiskVerdict;
