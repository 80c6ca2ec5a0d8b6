// The simulated broker as one object: market, accounts and order book on a
// shared clock. It is independent of client sessions: the market walks and
// orders fill whether or not anyone is connected.
import { figures, holdingDaily, openAccounts, rollAccountDay, type Account, type Marks } from './accounts';
import { summaryRows, valueRows } from './account-report';
import { historicalBars } from './bars';
import { Catalogue, VALID_EXCHANGES, contractOf, type Listing } from './catalogue';
import type { SimClock } from './clock';
import { Market } from './market';
import { OrderBook } from './orders';
import { TradingCalendar, hoursStrings, type MarketHours, type SessionPhase } from './trading-hours';
import type {
  AccountPnl, AccountValue, Bar, BarQuery, Contract, ContractDetails, EngineEvents, ExecutionQuery, FillRecord,
  OpenOrderRecord, Order, PlaceResult, PortfolioRow, PositionPnl, PositionRow, Quote, SummaryValue,
} from './types';

export interface EngineOptions {
  seed: number;
  clock: SimClock;
  /** How often the market walks, on the sim clock. Default 250. */
  tickIntervalMs?: number;
  /** Synthetic symbols added to the catalogue (SYN0001...) for load tests. */
  extraSymbols?: number;
  /** How many symbols the margin account holds (default 10); beyond the catalogue, synthetic ones. */
  heldSymbols?: number;
  /** 'us-equities' (default): 04:00-20:00 Eastern, RTH 09:30-16:00, weekends closed. 'always-open': every hour is RTH. */
  marketHours?: MarketHours;
}

type Listeners = { [E in keyof EngineEvents]: Set<EngineEvents[E]> };

const ORDER_TYPES = 'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,BENCHPX,COND,CONDORDER,DAY,DEACT,DEACTDIS,' +
  'DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,OPENCLOSE,POSTONLY,PREOPGRD,REL,RPI,' +
  'SCALE,SCALERST,SMARTSTG,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';

export class BrokerEngine {
  readonly accounts: string[];
  private readonly clock: SimClock;
  private readonly seed: number;
  private readonly tickIntervalMs: number;
  private readonly catalogue: Catalogue;
  private readonly calendar: TradingCalendar;
  private readonly hours: MarketHours;
  private readonly market: Market;
  private readonly accountById = new Map<string, Account>();
  private readonly book: OrderBook;
  private readonly marks: Marks;
  /** AccountType values reported instead of the account's own (a gateway that sends an unknown or empty type). */
  private readonly reportedAccountTypes = new Map<string, string>();
  private readonly listeners: Listeners = { tick: new Set(), orderStatus: new Set(), execution: new Set(), account: new Set() };
  private cancelTick: (() => void) | undefined;
  private lastPhase: SessionPhase;
  private rolledDate: string;
  private closed = false;

  constructor(opts: EngineOptions) {
    this.clock = opts.clock;
    this.seed = opts.seed;
    this.tickIntervalMs = Math.max(1, opts.tickIntervalMs ?? 250);
    this.hours = opts.marketHours ?? 'us-equities';
    this.calendar = new TradingCalendar(this.hours);
    const held = Math.max(0, opts.heldSymbols ?? 10);
    this.catalogue = new Catalogue(opts.extraSymbols ?? 0);
    // The IRA's ETFs are not part of the margin book, so make room for them beyond `held`.
    this.catalogue.ensure(held + 4);
    const now = this.clock.now();
    this.market = new Market(this.catalogue, opts.seed, this.tickIntervalMs, now);
    const index = (conId: number): number => this.market.indexOf(conId) ?? -1;
    this.marks = {
      last: (conId) => { const i = index(conId); return i < 0 ? 0 : this.market.lastAt(i); },
      close: (conId) => { const i = index(conId); return i < 0 ? 0 : this.market.closeAt(i); },
    };
    const accounts = openAccounts(opts.seed, this.catalogue, this.market, held, this.marks);
    for (const a of accounts) this.accountById.set(a.id, a);
    this.accounts = accounts.map((a) => a.id);
    this.book = new OrderBook({
      clock: this.clock, market: this.market, marks: this.marks, seed: opts.seed, hours: this.hours,
      phase: (t) => this.calendar.phase(t),
      account: (id) => this.accountById.get(id),
      defaultAccount: this.accounts[0]!,
      emitOrder: (rec) => this.emit('orderStatus', rec),
      emitFill: (fill) => this.emit('execution', fill),
      emitAccount: (id) => this.emit('account', id),
    });
    this.lastPhase = this.calendar.phase(now);
    this.rolledDate = this.calendar.day(now).date;
    this.scheduleTick(now + this.tickIntervalMs);
  }

  /** Stops the market's clock timer; the engine's state stays readable. */
  close(): void {
    this.closed = true;
    this.cancelTick?.();
    this.cancelTick = undefined;
  }

  findContracts(query: Contract): ContractDetails[] {
    return this.catalogue.find(query).map((l) => this.details(l));
  }

  resolve(contract: Contract): ContractDetails | undefined {
    return this.findContracts(contract)[0];
  }

  quote(conId: number): Quote {
    return this.market.quote(conId);
  }

  bars(conId: number, q: BarQuery): Bar[] {
    const listing = this.catalogue.byId(conId);
    if (!listing) throw new Error(`No security definition for conId ${conId}`);
    return historicalBars({ listing, seed: this.seed, now: this.clock.now(), quote: this.market.quote(conId), hours: this.hours }, q);
  }

  accountValues(account: string): AccountValue[] {
    const a = this.accountById.get(account);
    const reported = this.reportedAccountTypes.get(account);
    const rows = a ? valueRows(a, figures(a, this.marks)) : [];
    return reported === undefined ? rows : rows.map((r) => (r.key === 'AccountType' ? { ...r, value: reported } : r));
  }

  accountSummary(account: string): SummaryValue[] {
    const a = this.accountById.get(account);
    const reported = this.reportedAccountTypes.get(account);
    const rows = a ? summaryRows(a, figures(a, this.marks)) : [];
    return reported === undefined ? rows : rows.map((r) => (r.tag === 'AccountType' ? { ...r, value: reported } : r));
  }

  /** From now on report this AccountType for the account (an empty string: IB leaves it unset). */
  reportAccountType(account: string, value: string): void {
    this.reportedAccountTypes.set(account, value);
    this.emit('account', account);
  }

  positions(account?: string): PositionRow[] {
    const out: PositionRow[] = [];
    for (const a of this.accountById.values()) {
      if (account !== undefined && a.id !== account) continue;
      for (const h of a.holdings.values()) {
        if (h.qty === 0) continue;
        const l = this.catalogue.byId(h.conId);
        if (l) out.push({ account: a.id, contract: contractOf(l), pos: h.qty, avgCost: round4(h.avgCost) });
      }
    }
    return out;
  }

  portfolio(account: string): PortfolioRow[] {
    const a = this.accountById.get(account);
    if (!a) return [];
    const out: PortfolioRow[] = [];
    for (const h of a.holdings.values()) {
      if (h.qty === 0) continue;
      const l = this.catalogue.byId(h.conId);
      if (!l) continue;
      const price = this.marks.last(h.conId);
      const value = h.qty * price;
      out.push({
        account: a.id, contract: { ...contractOf(l), exchange: l.primaryExch }, pos: h.qty, avgCost: round4(h.avgCost),
        marketPrice: price, marketValue: round2(value), unrealizedPNL: round2(value - h.qty * h.avgCost), realizedPNL: round2(h.realized),
      });
    }
    return out;
  }

  pnl(account: string): AccountPnl {
    const a = this.accountById.get(account);
    if (!a) return { dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0 };
    const f = figures(a, this.marks);
    return { dailyPnL: round2(f.daily), unrealizedPnL: round2(f.unrealized), realizedPnL: round2(f.realizedToday) };
  }

  pnlSingle(account: string, conId: number): PositionPnl | undefined {
    const h = this.accountById.get(account)?.holdings.get(conId);
    if (!h) return undefined;
    const price = this.marks.last(conId);
    return {
      pos: h.qty, dailyPnL: round2(holdingDaily(h, this.marks)), unrealizedPnL: round2(h.qty * (price - h.avgCost)),
      realizedPnL: round2(h.dayRealized), value: round2(h.qty * price),
    };
  }

  placeOrder(clientId: number, orderId: number, contract: Contract, order: Order): PlaceResult {
    const listing = this.catalogue.find(contract)[0];
    if (!listing) return { kind: 'rejected', code: 200, reason: 'No security definition has been found for the request' };
    return this.book.place(clientId, orderId, listing, contract, order);
  }

  cancelOrder(orderId: number, clientId: number): boolean {
    return this.book.cancel(orderId, clientId);
  }

  cancelAll(): void {
    this.book.cancelAll();
  }

  openOrders(forClientId: number | 'all'): OpenOrderRecord[] {
    return this.book.openOrders(forClientId);
  }

  executions(filter: ExecutionQuery): FillRecord[] {
    return this.book.executions(filter);
  }

  on<E extends keyof EngineEvents>(event: E, fn: EngineEvents[E]): () => void {
    const set = this.listeners[event] as Set<EngineEvents[E]>;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /**
   * Scenario control for tests and demos: the price gaps to `price` now (a
   * trade prints there, quotes follow, resting orders are worked) and the
   * walk carries on from it. Throws for an unknown conId or a price <= 0.
   */
  gap(conId: number, price: number): void {
    const i = this.market.indexOf(conId);
    if (i === undefined) throw new Error(`No market for conId ${conId}`);
    if (!(price > 0)) throw new Error(`Price must be positive, got ${price}`);
    this.market.jump(i, price, this.clock.now());
    if (this.listeners.tick.size > 0) this.emit('tick', conId, this.market.quoteAt(i));
    if (this.book.hasOrdersAt(i)) this.book.match(i);
  }

  rejectNextOrder(reason = 'The simulator was asked to reject this order'): void {
    this.book.rejectNextOrder(reason);
  }

  private emit<E extends keyof EngineEvents>(event: E, ...args: Parameters<EngineEvents[E]>): void {
    for (const fn of this.listeners[event] as Set<(...a: Parameters<EngineEvents[E]>) => void>) {
      try {
        fn(...args);
      } catch (e) {
        // A failing listener must not leave an order half-booked; surface the error outside the engine.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  private scheduleTick(at: number): void {
    if (this.closed) return;
    this.cancelTick = this.clock.schedule(at, () => {
      this.tick();
      this.scheduleTick(at + this.tickIntervalMs);
    });
  }

  private tick(): void {
    const now = this.clock.now();
    const day = this.calendar.day(now);
    if (day.tradingDay && now >= day.extendedOpen && day.date !== this.rolledDate) this.rollDay(day.date);
    const phase = this.calendar.phase(now);
    if (phase !== this.lastPhase) {
      this.lastPhase = phase;
      this.book.phaseChanged();
    }
    const tickListeners = this.listeners.tick;
    const listings = this.market.listings;
    this.market.step(now, phase, (i) => {
      if (tickListeners.size > 0) this.emit('tick', listings[i]!.conId, this.market.quoteAt(i));
      if (this.book.hasOrdersAt(i)) this.book.match(i);
    });
  }

  private rollDay(date: string): void {
    this.rolledDate = date;
    this.market.rollDay();
    for (const a of this.accountById.values()) {
      rollAccountDay(a, this.marks);
      this.emit('account', a.id);
    }
  }

  private details(l: Listing): ContractDetails {
    const hours = hoursStrings(this.clock.now(), 7, this.hours);
    return {
      contract: contractOf(l), marketName: l.etf ? l.symbol : 'NMS', minTick: 0.01, priceMagnifier: 1,
      orderTypes: ORDER_TYPES, validExchanges: VALID_EXCHANGES, underConId: 0, longName: l.longName,
      industry: l.industry, category: l.category, subcategory: l.etf ? 'ETF' : l.category, timeZoneId: 'US/Eastern',
      tradingHours: hours.tradingHours, liquidHours: hours.liquidHours, evRule: '', evMultiplier: 0, aggGroup: 1,
      marketRuleIds: '26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26', realExpirationDate: '', lastTradeTime: '',
      stockType: l.etf ? 'ETF' : 'COMMON', minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 100,
      secIdList: [], underSymbol: '', notes: '',
    };
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
