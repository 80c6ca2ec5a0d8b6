import { systemMonotonicClock, type MonotonicClock } from '../clock';
import { classifyAccountType } from './account-kind';
import type {
  AccountView,
  CashBalanceView,
  ExecutionView,
  GreeksView,
  OpenOrderView,
  PortfolioDelta,
  PortfolioSnapshot,
  PositionView,
  QuoteView,
} from '../../shared/portfolio';
import { valuePosition, type HeldContract, type PositionPnl, type PositionRecord } from './position-values';

export type { HeldContract } from './position-values';

/**
 * The account as main knows it, fed from the gateway's streams. Changes are
 * recorded as dirty keys and handed out in batches (see takeDelta), so a
 * burst of ticks becomes one message to the renderer, not one per tick.
 */

/** $LEDGER:ALL tags kept per currency ("BASE" rows are the totals IB also sends as plain tags). */
const LEDGER_FIELDS: Record<string, keyof Omit<CashBalanceView, 'currency'>> = {
  CashBalance: 'cash',
  ExchangeRate: 'rate',
  NetLiquidationByCurrency: 'netLiquidation',
};

const SUMMARY_FIELDS: Record<string, keyof AccountView> = {
  NetLiquidation: 'netLiquidation',
  TotalCashValue: 'totalCash',
  BuyingPower: 'buyingPower',
  AvailableFunds: 'availableFunds',
  ExcessLiquidity: 'excessLiquidity',
  InitMarginReq: 'initMarginReq',
  FullInitMarginReq: 'initMarginReq',
  MaintMarginReq: 'maintMarginReq',
  FullMaintMarginReq: 'maintMarginReq',
  GrossPositionValue: 'grossPositionValue',
  EquityWithLoanValue: 'equityWithLoan',
};

export class PortfolioModel {
  private seq = 0;
  private readonly accounts = new Map<string, AccountView>();
  private readonly positions = new Map<string, PositionRecord>();
  private readonly positionsByConId = new Map<number, Set<string>>();
  /** IB's reqPnLSingle figures by position key. */
  private readonly positionPnl = new Map<string, PositionPnl>();
  /**
   * What IB's contract details said of held contracts (price magnifier,
   * multiplier), by conId. A contract's terms do not change, so they are kept
   * across re-syncs: a reconnect does not have to ask again.
   */
  private readonly contractTerms = new Map<number, ContractTerms>();
  /** Greeks from option computation ticks, by conId. */
  private readonly greeks = new Map<number, GreeksView>();
  private readonly quotes = new Map<number, QuoteView>();
  /** Keyed by client id and order id: another API client's order 7 is not ours. */
  private readonly openOrders = new Map<string, OpenOrderView>();
  private readonly executions = new Map<string, ExecutionView>();
  private readonly dirtyAccounts = new Set<string>();
  private readonly dirtyPositions = new Set<string>();
  private readonly removedPositions = new Set<string>();
  private readonly dirtyQuotes = new Set<number>();
  private ordersDirty = false;
  private executionsDirty = false;
  private resetPending = false;

  /** When each quote last ticked, on the monotonic clock: ages must survive a wall-clock step. */
  private readonly quoteTickedAt = new Map<number, number>();

  constructor(
    private readonly now: () => number,
    private readonly monotonic: MonotonicClock = systemMonotonicClock,
  ) {}

  /** Milliseconds since the quote last ticked, on the monotonic clock; null when there is none. */
  quoteAgeMs(conId: number): number | null {
    const at = this.quoteTickedAt.get(conId);
    return at === undefined ? null : this.monotonic() - at;
  }

  /** Forget everything before a full re-sync; the next delta replaces the renderer's copy. */
  clear(): void {
    this.accounts.clear();
    this.positions.clear();
    this.positionsByConId.clear();
    this.positionPnl.clear();
    this.greeks.clear();
    this.quotes.clear();
    this.quoteTickedAt.clear();
    this.openOrders.clear();
    this.executions.clear();
    this.resetPending = true;
    this.bump();
  }

  setAccounts(accounts: readonly string[]): void {
    for (const account of accounts) {
      if (!this.accounts.has(account)) {
        this.accounts.set(account, emptyAccount(account));
        this.dirtyAccounts.add(account);
      }
    }
    this.bump();
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  applyAccountValue(account: string, tag: string, value: string, currency: string): void {
    const view = this.accounts.get(account) ?? emptyAccount(account);
    const next: AccountView = { ...view };
    const field = SUMMARY_FIELDS[tag];
    const ledgerField = LEDGER_FIELDS[tag];
    if (ledgerField && currency && currency !== 'BASE') {
      const rows = next.cashByCurrency.filter((c) => c.currency !== currency);
      const row = next.cashByCurrency.find((c) => c.currency === currency) ?? { currency, cash: null, rate: null, netLiquidation: null };
      rows.push({ ...row, [ledgerField]: toNumber(value) });
      // The base first, then by currency code, so every reader lists them alike.
      next.cashByCurrency = rows.sort((a, b) => (a.currency === next.currency ? -1 : b.currency === next.currency ? 1 : a.currency.localeCompare(b.currency)));
      this.accounts.set(account, next);
      this.dirtyAccounts.add(account);
      if (ledgerField === 'rate') this.markAccountPositions(account);
      this.bump();
      return;
    }
    if (ledgerField) return;
    if (field) {
      (next[field] as number | null) = toNumber(value);
      if (currency) next.currency = currency;
    } else if (tag === 'DayTradesRemaining') {
      const n = toNumber(value);
      next.dayTradesRemaining = n === null ? null : Math.trunc(n);
    } else if (tag === 'AccountType') {
      next.accountType = value;
      next.kind = accountKind(value);
    } else {
      return;
    }
    this.accounts.set(account, next);
    this.dirtyAccounts.add(account);
    if (field === 'netLiquidation') this.markAccountPositions(account);
    this.bump();
  }

  applyAccountPnL(account: string, daily: number | null, unrealized: number | null, realized: number | null): void {
    const view = this.accounts.get(account) ?? emptyAccount(account);
    this.accounts.set(account, { ...view, dailyPnL: daily, unrealizedPnL: unrealized, realizedPnL: realized });
    this.dirtyAccounts.add(account);
    this.bump();
  }

  /** IB's reqPnLSingle figures for one position, in the account's base currency. */
  applyPositionPnL(account: string, conId: number, pnl: PositionPnl): void {
    const key = `${account}:${conId}`;
    this.positionPnl.set(key, pnl);
    if (this.positions.has(key)) this.dirtyPositions.add(key);
    this.bump();
  }

  /** Greeks from an option computation tick; every position in the contract shows them. */
  applyGreeks(conId: number, greeks: GreeksView): void {
    this.greeks.set(conId, greeks);
    for (const key of this.positionsByConId.get(conId) ?? []) this.dirtyPositions.add(key);
    this.bump();
  }

  greeksOf(conId: number): GreeksView | undefined {
    return this.greeks.get(conId);
  }

  /** IB's contract details for a held contract: its price magnifier, and a multiplier the position report left out. */
  applyContractTerms(conId: number, terms: ContractTerms): void {
    this.contractTerms.set(conId, terms);
    for (const key of this.positionsByConId.get(conId) ?? []) {
      const record = this.positions.get(key);
      if (!record) continue;
      this.positions.set(key, { ...record, contract: withTerms(record.contract, terms) });
      this.dirtyPositions.add(key);
    }
    this.bump();
  }

  /** Held contracts whose value needs IB's contract details first: the price magnifier or the multiplier is not known. */
  contractsWithoutTerms(): HeldContract[] {
    return this.heldContracts().filter((c) => (c.priceMagnifier === null || c.multiplier === null) && !this.contractTerms.has(c.conId));
  }

  applyPosition(account: string, held: HeldContract, quantity: number, avgCost: number): void {
    const terms = this.contractTerms.get(held.conId);
    const contract = terms ? withTerms(held, terms) : held;
    const key = `${account}:${contract.conId}`;
    if (quantity === 0) {
      this.positionPnl.delete(key);
      if (this.positions.delete(key)) {
        this.positionsByConId.get(contract.conId)?.delete(key);
        this.dirtyPositions.delete(key);
        this.removedPositions.add(key);
        this.bump();
      }
      return;
    }
    this.positions.set(key, { account, contract, quantity, avgCost });
    const keys = this.positionsByConId.get(contract.conId) ?? new Set<string>();
    keys.add(key);
    this.positionsByConId.set(contract.conId, keys);
    this.removedPositions.delete(key);
    this.dirtyPositions.add(key);
    this.bump();
  }

  heldContracts(): HeldContract[] {
    const byConId = new Map<number, HeldContract>();
    for (const record of this.positions.values()) byConId.set(record.contract.conId, record.contract);
    return [...byConId.values()];
  }

  private readonly quoteListeners = new Set<(conId: number) => void>();

  /** Called after every quote change is applied (a first tick, a price, delayed or not). Returns the unsubscribe. */
  onQuote(listener: (conId: number) => void): () => void {
    this.quoteListeners.add(listener);
    return () => this.quoteListeners.delete(listener);
  }

  applyQuote(conId: number, symbol: string, change: Partial<Pick<QuoteView, 'bid' | 'ask' | 'last' | 'close' | 'delayed'>>): void {
    const previous = this.quotes.get(conId) ?? { symbol, conId, bid: null, ask: null, last: null, close: null, delayed: false, at: 0 };
    this.quotes.set(conId, { ...previous, ...change, at: this.now() });
    this.quoteTickedAt.set(conId, this.monotonic());
    this.dirtyQuotes.add(conId);
    for (const key of this.positionsByConId.get(conId) ?? []) this.dirtyPositions.add(key);
    this.bump();
    for (const listener of this.quoteListeners) listener(conId);
  }

  /** One quote, without building a snapshot. */
  quote(conId: number): QuoteView | undefined {
    return this.quotes.get(conId);
  }

  quoteFor(symbol: string): QuoteView | undefined {
    for (const quote of this.quotes.values()) if (quote.symbol === symbol) return quote;
    return undefined;
  }

  applyOpenOrder(view: OpenOrderView): void {
    const key = orderKey(view.clientId, view.orderId);
    // IB may send openOrder(Filled) after orderStatus(Filled) removed the
    // order: a finished order never comes back as open (with nothing filled).
    if (isFinishedOrderStatus(view.status)) {
      if (this.openOrders.delete(key)) {
        this.ordersDirty = true;
        this.bump();
      }
      return;
    }
    const previous = this.openOrders.get(key);
    this.openOrders.set(key, previous ? { ...view, filled: previous.filled, remaining: previous.remaining, avgFillPrice: previous.avgFillPrice, status: view.status || previous.status } : view);
    this.ordersDirty = true;
    this.bump();
  }

  applyOrderStatus(clientId: number, orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number | null): void {
    const key = orderKey(clientId, orderId);
    const previous = this.openOrders.get(key);
    if (!previous) return;
    if (isFinishedOrderStatus(status)) {
      this.openOrders.delete(key);
    } else {
      this.openOrders.set(key, { ...previous, status, filled, remaining, avgFillPrice });
    }
    this.ordersDirty = true;
    this.bump();
  }

  applyExecution(view: ExecutionView): void {
    const previous = this.executions.get(view.execId);
    // A commission report may arrive before or after its execution.
    this.executions.set(view.execId, previous ? { ...view, commission: previous.commission ?? view.commission, commissionCurrency: previous.commissionCurrency ?? view.commissionCurrency, realizedPnL: previous.realizedPnL ?? view.realizedPnL } : view);
    this.executionsDirty = true;
    this.bump();
  }

  applyCommission(execId: string, commission: number | null, currency: string | null, realizedPnL: number | null): void {
    const previous = this.executions.get(execId);
    if (!previous) return;
    this.executions.set(execId, { ...previous, commission, commissionCurrency: currency, realizedPnL });
    this.executionsDirty = true;
    this.bump();
  }

  snapshot(): PortfolioSnapshot {
    return {
      seq: this.seq,
      accounts: [...this.accounts.values()],
      positions: [...this.positions.keys()].map((key) => this.positionView(key)).filter((view): view is PositionView => !!view),
      openOrders: [...this.openOrders.values()],
      executions: [...this.executions.values()],
      quotes: [...this.quotes.values()],
    };
  }

  account(account: string): AccountView | undefined {
    return this.accounts.get(account);
  }

  /** Everything that changed since the last call, or undefined if nothing did. */
  takeDelta(): PortfolioDelta | undefined {
    if (this.resetPending) {
      this.resetPending = false;
      this.clearDirty();
      return { seq: this.seq, reset: this.snapshot() };
    }
    const hasChanges =
      this.dirtyAccounts.size + this.dirtyPositions.size + this.removedPositions.size + this.dirtyQuotes.size > 0 ||
      this.ordersDirty ||
      this.executionsDirty;
    if (!hasChanges) return undefined;
    const delta: PortfolioDelta = { seq: this.seq };
    if (this.dirtyAccounts.size) delta.accounts = [...this.dirtyAccounts].map((id) => this.accounts.get(id)).filter((v): v is AccountView => !!v);
    if (this.dirtyPositions.size) delta.positions = [...this.dirtyPositions].map((key) => this.positionView(key)).filter((v): v is PositionView => !!v);
    if (this.removedPositions.size) delta.removedPositions = [...this.removedPositions];
    if (this.dirtyQuotes.size) delta.quotes = [...this.dirtyQuotes].map((id) => this.quotes.get(id)).filter((v): v is QuoteView => !!v);
    if (this.ordersDirty) delta.openOrders = [...this.openOrders.values()];
    if (this.executionsDirty) delta.executions = [...this.executions.values()];
    this.clearDirty();
    return delta;
  }

  private positionView(key: string): PositionView | undefined {
    const record = this.positions.get(key);
    if (!record) return undefined;
    const conId = record.contract.conId;
    return valuePosition(key, record, this.quotes.get(conId), this.positionPnl.get(key), this.accounts.get(record.account), this.greeks.get(conId) ?? null);
  }

  /** Held positions (account and contract), without valuing them: for subscribing their P&L. */
  heldPositions(): { account: string; conId: number }[] {
    return [...this.positions.values()].map((r) => ({ account: r.account, conId: r.contract.conId }));
  }

  private markAccountPositions(account: string): void {
    for (const [key, record] of this.positions) if (record.account === account) this.dirtyPositions.add(key);
  }

  private clearDirty(): void {
    this.dirtyAccounts.clear();
    this.dirtyPositions.clear();
    this.removedPositions.clear();
    this.dirtyQuotes.clear();
    this.ordersDirty = false;
    this.executionsDirty = false;
  }

  private bump(): void {
    this.seq += 1;
  }
}

/** From IB's contract details: null where the details did not say. */
export interface ContractTerms {
  priceMagnifier: number | null;
  multiplier: number | null;
}

/** What the position report said stands; the details fill in what it left out. */
function withTerms(contract: HeldContract, terms: ContractTerms): HeldContract {
  return { ...contract, priceMagnifier: contract.priceMagnifier ?? terms.priceMagnifier, multiplier: contract.multiplier ?? terms.multiplier };
}

function orderKey(clientId: number, orderId: number): string {
  return `${clientId}:${orderId}`;
}

function emptyAccount(account: string): AccountView {
  return {
    account,
    currency: 'USD',
    cashByCurrency: [],
    kind: 'unknown',
    accountType: null,
    netLiquidation: null,
    totalCash: null,
    buyingPower: null,
    availableFunds: null,
    excessLiquidity: null,
    initMarginReq: null,
    maintMarginReq: null,
    grossPositionValue: null,
    equityWithLoan: null,
    dayTradesRemaining: null,
    dailyPnL: null,
    unrealizedPnL: null,
    realizedPnL: null,
  };
}

/** The portfolio's coarser view of the one classification: an IRA is a cash account. */
function accountKind(accountType: string): AccountView['kind'] {
  const kind = classifyAccountType(accountType);
  return kind === 'ira' ? 'cash' : kind;
}

/** IB sends unset values as Double.MAX_VALUE or empty strings. */
export function toNumber(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e300) return null;
  return n;
}

/** IB's order states after which an order is no longer open. */
export function isFinishedOrderStatus(status: string): boolean {
  return status === 'Filled' || status === 'Cancelled' || status === 'ApiCancelled' || status === 'Inactive';
}
