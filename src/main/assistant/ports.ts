import type { Draft, DraftInput, RiskVerdict, WhatIfPreview } from '../../shared/draft';
import type { JournalRecord } from '../../shared/journal';
import type { AccountView, ExecutionView, OpenOrderView, PositionView, QuoteView } from '../../shared/portfolio';

/**
 * What the assistant may read about the person's accounts. The broker layer
 * implements it; nothing here can change anything at the broker.
 */
export interface AccountReader {
  /** Every account id the session can see, in IB's order. */
  accounts(): Promise<string[]>;
  /** Positions of one account, or of all accounts when absent. */
  portfolio(account?: string): Promise<PositionView[]>;
  /** Balances and margin of one account, or of all accounts when absent. */
  accountSummary(account?: string): Promise<AccountView[]>;
  /** Each quote says whether it is delayed or live. Unknown symbols are left out. */
  quotes(symbols: string[]): Promise<QuoteView[]>;
  priceHistory(request: PriceHistoryRequest): Promise<PriceBar[]>;
  openOrders(account?: string): Promise<OpenOrderView[]>;
  /** Executions since `sinceMs` (epoch ms), newest first. */
  executions(request: { account?: string; sinceMs?: number }): Promise<ExecutionView[]>;
  /** Contracts matching a symbol or a company name. */
  findContracts(query: string, secType?: 'STK' | 'ETF' | 'OPT' | 'FUT'): Promise<ContractMatch[]>;
  /** Drafts waiting in the queue (pending or blocked). */
  pendingDrafts(): Promise<Draft[]>;
  /** The decision journal: every draft, how it was decided and how it turned out (absent where there is no journal). */
  decisionJournal?(): Promise<JournalRecord[]>;
  /** One expiry of an underlying's option chain, strikes around spot, with IB's quotes and greeks. */
  optionChain(request: OptionChainRequest): Promise<OptionChainView>;
}

export interface OptionChainRequest {
  symbol: string;
  /** yyyyMMdd; the nearest expiry when absent or not listed. */
  expiry?: string;
  /** Strikes nearest to spot (both sides together). */
  strikes: number;
}

export interface OptionQuote {
  bid: number | null;
  ask: number | null;
  delta: number | null;
  impliedVol: number | null;
  /** Figures about 15 minutes behind. */
  delayed?: boolean;
  /** What IB said about this option (a warning, or why it has no figures). */
  notes?: string[];
}

export interface OptionChainView {
  symbol: string;
  currency: string;
  spot: number | null;
  /** IB's multiplier for the chain; null when IB gave none. */
  multiplier: number | null;
  /** IB's trading class: text from outside. */
  tradingClass: string;
  expirations: string[];
  expiry: string | null;
  rows: { strike: number; call: OptionQuote | null; put: OptionQuote | null }[];
}

export type HistoryPeriod = '1D' | '5D' | '1M' | '3M' | '6M' | '1Y' | '5Y';
export type BarSize = '1 min' | '5 mins' | '15 mins' | '1 hour' | '1 day' | '1 week';

export interface PriceHistoryRequest {
  symbol: string;
  period: HistoryPeriod;
  barSize: BarSize;
}

export interface PriceBar {
  /** Epoch ms of the bar's start. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ContractMatch {
  conId: number;
  symbol: string;
  secType: string;
  currency: string;
  primaryExchange: string;
  /** The broker's long name: text from outside, shown to Claude fenced as untrusted. */
  longName: string;
  /** Industry, category or any description the broker returns; also untrusted. */
  description?: string;
}

export type DraftDeskResult =
  | {
      ok: true;
      draftId: string;
      state: 'pending' | 'blocked';
      verdicts: RiskVerdict[];
      whatIf?: WhatIfPreview;
    }
  | { ok: false; reason: string };

/**
 * The approval queue as the assistant sees it: it can only propose. There is
 * deliberately no approve, submit or cancel here; those belong to the person.
 */
export interface DraftDesk {
  createDraft(input: DraftInput, author: 'claude'): Promise<DraftDeskResult>;
}
