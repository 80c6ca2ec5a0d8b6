// The simulated broker as one object: market, accounts and order book on a
// shared clock. It is independent of client sessions: the market walks and
// orders fill whether or not anyone is connected.
import { figures, holdingDaily, rateIn, rollAccountDay, termsOf, type Account, type Holding, type Marks } from './accounts';
import { ledgerRows, summaryRows, valueRows } from './account-report';
import { BROKER_STATE_VERSION, type BrokerState } from './broker-state';
import { modelsOf, openAccounts } from './households';
import type { Terms } from './terms';
import { historicalBars } from './bars';
import { Catalogue, VALID_EXCHANGES, contractOf, type InstrumentSpec, type Listing } from './catalogue';
import type { SimClock } from './clock';
import { Market } from './market';
import { venueHours, venuePhase, type VenueId } from './venues';
import { futureByConId, worldListings } from './world-catalogue';
import { futureExpiry, optionExpiry, type ExpiryOutcome } from './expiry';
import { CLOSE_OUT_EXCHANGE, CLOSE_OUT_REASON, closeOutDate, closeOutFill } from './close-out';
import { settleFill } from './settlement';
import { US_STOCK } from './terms';
import { article, headlines, type Headline } from './news';
import { depthBook, DEPTH_VENUES, type DepthBook } from './depth';
import { INDEX_OPTION_UNDERLYINGS, OptionBook, OPTION_UNDERLYINGS, type OptionChain, type OptionSeries } from './options';
import { OrderBook } from './orders';
import { earningsEvents, headTimestampMs, MARKET_RULES, matchSymbols, type CalendarEvent } from './reference';
import { runScan, type ScanCode, type ScanQuery } from './scanner';
import { comboTradable, expiredListingTradable, listingTradable, optionTradable, type ComboLeg, type Tradable, type TradableContext } from './tradable';
import { histogram, histogramDuration, tickWindow, ticksFromBars, type TickQuery, type TradeTick } from './tick-history';
import { TradingCalendar, hoursStrings, type MarketHours, type SessionPhase } from './trading-hours';
import type {
  AccountPnl, AccountValue, Bar, BarQuery, CompletedOrderRecord, Contract, ContractDetails, EngineEvents, ExecutionQuery, FillRecord,
  OpenOrderRecord, OptionModel, Order, PlaceResult, PortfolioRow, PositionPnl, PositionRow, Quote, SummaryValue,
} from './types';
import { SimCode } from '../wire/ib-codes';

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
  /** What an earlier run of this simulator left (BrokerEngine.state()): the accounts and orders carry on from it. Throws when it cannot be carried on. */
  saved?: BrokerState;
  /**
   * Something different in every run (the demo passes its start time): mixed into the execution ids and the
   * permanent ids' starting point, so a run that cannot carry on an earlier run's counters (its file was damaged
   * and set aside) still never hands out that run's execIds again. Without it, ids follow from the seed alone.
   */
  idSalt?: number;
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
  private readonly options: OptionBook;
  /** Instruments beyond the core book walk only while someone watches them, so nights and weekends stay cheap. */
  private readonly watched = new Map<number, number>();
  private readonly marks: Marks;
  private readonly tradables: TradableContext;
  /** AccountType values reported instead of the account's own (a gateway that sends an unknown or empty type). */
  private readonly reportedAccountTypes = new Map<string, string>();
  private readonly listeners: Listeners = { tick: new Set(), orderStatus: new Set(), execution: new Set(), account: new Set() };
  private cancelTick: (() => void) | undefined;
  private lastPhase: SessionPhase;
  private rolledDate: string;
  /** The calendar day whose start last settled what expired before it (yyyyMMdd). */
  private expiredBefore: string;
  private closed = false;
  /** Order ids used before a reset, by client: never handed out again. */
  private readonly orderIdFloor = new Map<number, number>();
  /** The regular session's closing prices of what the book holds expiring that day, taken as the session closes. */
  private closes: { date: string; prices: Map<number, number> } | undefined;
  /** IB's close-out date of a physically delivered future by conId and side ("conId:1" long, "conId:-1" short); null: cash-settled. */
  private readonly closeOutDates = new Map<string, string | null>();

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
    this.catalogue.addWorld(worldListings(now));
    this.market = new Market(this.catalogue, opts.seed, this.tickIntervalMs, now);
    const index = (conId: number): number => this.market.indexOf(conId) ?? -1;
    this.options = new OptionBook(
      [
        ...OPTION_UNDERLYINGS.map((sym) => this.catalogue.bySym(sym)),
        ...INDEX_OPTION_UNDERLYINGS.map((sym) => this.catalogue.find({ symbol: sym, secType: 'IND' as Contract['secType'] })[0]),
      ].filter((l): l is Listing => l !== undefined), () => this.clock.now(),
    );
    const optionLast = (conId: number): number | undefined => {
      const s = this.options.byConId(conId);
      return s ? this.optionQuote(s).quote.last : undefined;
    };
    this.marks = {
      last: (conId) => { const i = index(conId); return i < 0 ? (optionLast(conId) ?? 0) : this.market.lastAt(i); },
      close: (conId) => { const i = index(conId); return i < 0 ? (optionLast(conId) ?? 0) : this.market.closeAt(i); },
      fx: (currency) => this.usdPer(currency),
    };
    this.tradables = { market: this.market, hours: this.hours, usPhase: (t) => this.calendar.phase(t) };
    const accounts = openAccounts(opts.seed, { catalogue: this.catalogue, options: this.options, marks: this.marks, terms: (conId) => this.termsFor(conId), now: () => this.clock.now() }, held);
    for (const a of accounts) this.accountById.set(a.id, a);
    this.accounts = accounts.map((a) => a.id);
    this.book = new OrderBook({
      clock: this.clock, marks: this.marks, seed: opts.seed, idSalt: opts.idSalt, hours: this.hours,
      account: (id) => this.accountById.get(id),
      defaultAccount: this.accounts[0]!,
      emitOrder: (rec) => this.emit('orderStatus', rec),
      emitFill: (fill) => this.emit('execution', fill),
      emitAccount: (id) => this.emit('account', id),
      watch: (t) => this.watchTradable(t),
    });
    this.lastPhase = this.calendar.phase(now);
    this.rolledDate = this.calendar.day(now).date;
    this.expiredBefore = this.rolledDate;
    if (opts.saved) this.carryOn(opts.saved);
    this.scheduleTick(now + this.tickIntervalMs);
  }

  /** Everything a later run needs to carry on: accounts, orders, executions and id counters (JSON-safe). */
  state(): BrokerState {
    const book = this.book.saved();
    const highest = new Map(this.orderIdFloor);
    for (const [client, id] of this.book.highestOrderIds()) highest.set(client, Math.max(highest.get(client) ?? 0, id));
    return {
      version: BROKER_STATE_VERSION,
      seed: this.seed,
      counters: { nextPermId: book.nextPermId, execSeq: book.execSeq, highestOrderIds: Object.fromEntries([...highest].map(([c, id]) => [String(c), id])) },
      book: {
        rolledDate: this.rolledDate,
        accounts: [...this.accountById.values()].map((a) => ({
          id: a.id, kind: a.kind, ledger: Object.fromEntries(a.ledger), prevDayEwl: a.prevDayEwl, holdings: [...a.holdings.values()].map((h) => structuredClone(h)),
        })),
        orders: book.orders,
        fills: book.fills,
        usedOrderIds: book.usedOrderIds,
      },
      marks: Object.fromEntries([...this.heldMarks()].map(([conId, price]) => [String(conId), price])),
    };
  }

  /** Last prices of what settles the book's derivatives: each future held, and each held option's underlying. */
  private heldMarks(): Map<number, number> {
    const out = new Map<number, number>();
    for (const a of this.accountById.values()) {
      for (const h of a.holdings.values()) {
        if (h.qty === 0) continue;
        const t = termsOf(h);
        const conId = t.secType === 'OPT' ? this.options.byConId(h.conId)?.underlying.conId : t.secType === 'FUT' ? h.conId : undefined;
        if (conId !== undefined && this.market.indexOf(conId) !== undefined) out.set(conId, this.marks.last(conId));
      }
    }
    return out;
  }

  /** The highest order id a client has used, in this run or before a reset (0 for none). */
  highestOrderId(clientId: number): number {
    return Math.max(this.orderIdFloor.get(clientId) ?? 0, this.book.highestOrderIds().get(clientId) ?? 0);
  }

  private carryOn(saved: BrokerState): void {
    for (const [client, id] of Object.entries(saved.counters.highestOrderIds)) this.orderIdFloor.set(Number(client), id);
    const book = saved.book;
    // Id counters mean the same under any seed; only a book (accounts and orders drawn from the seed's catalogue) needs the same one.
    // A reset keeps only the counters, so it is also the way out of a book another simulator saved.
    if (!book) {
      this.book.continueCounters(saved.counters.nextPermId, saved.counters.execSeq);
      return;
    }
    if (saved.seed !== this.seed) throw new Error(`it was saved by a simulator with seed ${saved.seed}, not ${this.seed}`);
    for (const s of book.accounts) {
      const a = this.accountById.get(s.id);
      if (!a) throw new Error(`it holds account ${s.id}, which this simulator does not have`);
      for (const h of s.holdings) {
        // Options and futures months are derived from their conId, so a series or month held past its expiry is still known.
        if (!this.catalogue.byId(h.conId) && !this.options.byConId(h.conId) && !futureByConId(h.conId)) {
          throw new Error(`account ${s.id} holds conId ${h.conId}, which this simulator does not list`);
        }
      }
      a.kind = s.kind;
      // The account's base currency and type belong to the household, not to what was traded: they come from the seed.
      a.ledger = new Map(Object.entries(s.ledger));
      a.prevDayEwl = s.prevDayEwl;
      a.holdings = new Map(s.holdings.map((h) => [h.conId, structuredClone(h)]));
    }
    const today = this.today();
    this.book.restore(
      { orders: book.orders, fills: book.fills, usedOrderIds: book.usedOrderIds, nextPermId: saved.counters.nextPermId, execSeq: saved.counters.execSeq },
      (contract) => {
        const t = this.tradable(contract);
        if (!('code' in t)) return t;
        // A month that expired since is listed no more; its orders are kept (and a working one cancelled).
        const month = contract.conId !== undefined ? futureByConId(contract.conId) : undefined;
        return month ? expiredListingTradable(month, contract) : undefined;
      },
      (t) => [t, ...(t.legs ?? []).map((l) => l.tradable)].some((x) => this.expiredBy(x.key, today)),
    );
    this.rolledDate = book.rolledDate;
    // What expired while the simulator was down settles now, at the last prices the book knew: the
    // market walks again from the seed, and an expired future's final price is not known any more.
    const known = new Map(Object.entries(saved.marks ?? {}).map(([conId, price]) => [Number(conId), price]));
    // IB would have closed out a physically delivered future on its close-out date, before it could reach its final settlement.
    for (const due of this.dueCloseOuts(today, true)) this.closeOut(due.account, due.holding, due.listing, known.get(due.holding.conId) ?? this.lastListed(due.holding.conId));
    this.settleExpired(today, (conId) => known.get(conId) ?? this.lastListed(conId));
  }

  /**
   * Held physically delivered futures whose close-out date has come (`before`:
   * passed) by `date` (yyyyMMdd). Cash-settled ones never are.
   */
  private dueCloseOuts(date: string, before: boolean): { account: Account; holding: Holding; listing: Listing }[] {
    const out: { account: Account; holding: Holding; listing: Listing }[] = [];
    for (const a of this.accountById.values()) {
      for (const h of a.holdings.values()) {
        if (h.qty === 0 || termsOf(h).secType !== 'FUT') continue;
        const side = `${h.conId}:${Math.sign(h.qty)}`;
        let when = this.closeOutDates.get(side);
        const listing = this.catalogue.byId(h.conId) ?? futureByConId(h.conId);
        if (!listing?.spec) continue;
        if (when === undefined) this.closeOutDates.set(side, (when = closeOutDate(listing.symbol, listing.spec, h.qty) ?? null));
        if (when !== null && (before ? when < date : when <= date)) out.push({ account: a, holding: h, listing });
      }
    }
    return out;
  }

  /**
   * IB liquidates the position at `price` (the market's bid or ask in a
   * session, a saved book's last mark on load; without one, flat at what it
   * was opened at), charges its commission, reports the trade as an
   * execution of no order and cancels the account's working orders in it.
   */
  private closeOut(a: Account, h: Holding, listing: Listing, price: number | undefined): void {
    const t = termsOf(h);
    const fill = closeOutFill(h, t, listing.symbol, price ?? (h.openPrice ?? 0) / t.factor);
    const realized = settleFill(a, fill);
    this.book.recordSettlement({
      account: a.id, contract: contractOf(listing), buying: fill.signedQty > 0, shares: Math.abs(fill.signedQty), price: fill.price,
      commission: fill.commission, commissionCurrency: fill.commissionCurrency, realized, event: CLOSE_OUT_EXCHANGE, liquidation: true,
    });
    this.book.cancelWorkingIn(a.id, h.conId, CLOSE_OUT_REASON);
    this.emit('account', a.id);
  }

  /** In a future's regular session on or after its close-out date, IB sells a long at the bid and buys a short back at the ask. */
  private closeOutInSession(now: number, date: string): void {
    for (const due of this.dueCloseOuts(date, false)) {
      const i = this.market.indexOf(due.holding.conId);
      const t = i === undefined ? undefined : listingTradable(this.tradables, due.listing, contractOf(due.listing));
      if (i === undefined || !t || t.phase(now) !== 'rth') continue;
      this.closeOut(due.account, due.holding, due.listing, this.market.touchAt(i, due.holding.qty < 0));
    }
  }

  /** Whether a contract's last trading day is before `date` (yyyyMMdd): an option's expiry, a future's last trade date. */
  private expiredBy(conId: number, date: string): boolean {
    const series = this.options.byConId(conId);
    if (series) return series.expiry < date;
    const last = (this.catalogue.byId(conId) ?? futureByConId(conId))?.spec;
    return last?.secType === 'FUT' && last.lastTradeDate !== undefined && last.lastTradeDate < date;
  }

  /**
   * Settles every held option and future whose last trading day is before
   * `date`, as IB does at the end of that day (expiry.ts), and records each
   * as an execution. `priceOf` is the price a contract settles against (an
   * option's underlying close, a future's final price), undefined when not
   * known: an option's underlying then settles at its last, a future flat at
   * the price it was opened at, so its P&L is neither made up nor lost.
   */
  private settleExpired(date: string, priceOf: (conId: number, lastDay: string) => number | undefined): void {
    for (const a of this.accountById.values()) {
      let changed = false;
      for (const h of [...a.holdings.values()]) {
        if (h.qty === 0 || !this.expiredBy(h.conId, date)) continue;
        const t = termsOf(h);
        const series = this.options.byConId(h.conId);
        let outcome: ExpiryOutcome;
        let underlying: Contract | undefined;
        if (series) {
          const u = series.underlying;
          const close = priceOf(u.conId, series.expiry) ?? this.marks.last(u.conId);
          // An index is never delivered: its options settle in cash. Shares here are plain US listings.
          const cashSettled = u.spec?.secType === 'IND';
          const underlyingTerms = cashSettled ? undefined : u.spec ? this.termsFor(u.conId) : US_STOCK;
          outcome = optionExpiry(h, t, { strike: series.strike, right: series.right, underlyingConId: u.conId, cashSettled, ...(underlyingTerms ? { underlyingTerms } : {}) }, close);
          underlying = contractOf(u);
        } else {
          const month = (this.catalogue.byId(h.conId) ?? futureByConId(h.conId))!;
          outcome = futureExpiry(h, t, priceOf(h.conId, month.spec!.lastTradeDate!) ?? (h.openPrice ?? 0) / t.factor);
        }
        const contract = this.holdingContract(h.conId);
        for (const leg of outcome.legs) {
          const realized = settleFill(a, leg.fill);
          const c = leg.what === 'delivery' ? underlying : contract;
          if (!c) continue;
          this.book.recordSettlement({
            account: a.id, contract: c, buying: leg.fill.signedQty > 0, shares: Math.abs(leg.fill.signedQty), price: leg.fill.price,
            commissionCurrency: leg.fill.commissionCurrency, realized, event: outcome.kind,
          });
        }
        changed = true;
      }
      if (changed) this.emit('account', a.id);
    }
  }

  /** The regular session closed: keep the closing prices that settle today's expiries (the market trades on after hours). */
  private keepCloses(date: string): void {
    const prices = new Map<number, number>();
    for (const a of this.accountById.values()) {
      for (const h of a.holdings.values()) {
        if (h.qty === 0) continue;
        const series = this.options.byConId(h.conId);
        if (series?.expiry === date) prices.set(series.underlying.conId, this.marks.last(series.underlying.conId));
        else if (!series && termsOf(h).secType === 'FUT' && this.catalogue.byId(h.conId)?.spec?.lastTradeDate === date) prices.set(h.conId, this.marks.last(h.conId));
      }
    }
    this.closes = { date, prices };
  }

  /** Stops the market's clock timer; the engine's state stays readable. */
  close(): void {
    this.closed = true;
    this.cancelTick?.();
    this.cancelTick = undefined;
  }

  findContracts(query: Contract): ContractDetails[] {
    if (String(query.secType ?? '').toUpperCase() === 'OPT' || (query.conId !== undefined && this.options.isOption(query.conId))) {
      return this.options.find(query).map((s) => this.optionDetails(s));
    }
    return this.catalogue.find(query, this.today()).map((l) => this.details(l));
  }

  /** The Eastern calendar date now (yyyyMMdd). */
  private today(): string {
    return this.calendar.day(this.clock.now()).date;
  }

  resolve(contract: Contract): ContractDetails | undefined {
    if (String(contract.secType ?? '').toUpperCase() === 'OPT' || (contract.conId !== undefined && this.options.isOption(contract.conId))) {
      // A quote or an order needs one series: a partial option contract is ambiguous, as at TWS.
      const found = this.options.find(contract);
      return found.length === 1 ? this.optionDetails(found[0]!) : undefined;
    }
    return this.findContracts(contract)[0];
  }

  quote(conId: number): Quote {
    const series = this.options.byConId(conId);
    return series ? this.optionQuote(series).quote : this.market.quote(conId);
  }

  /** Quote and model of a listed option by conId, or undefined for anything else. */
  optionSnapshot(conId: number): { quote: Quote; model: OptionModel } | undefined {
    const series = this.options.byConId(conId);
    return series ? this.optionQuote(series) : undefined;
  }

  /** The underlying of a listed option, or undefined for anything else. */
  optionUnderlying(conId: number): number | undefined {
    return this.options.byConId(conId)?.underlying.conId;
  }

  /** An option's quote and the model behind it (implied vol and greeks at the underlying's mid). */
  optionQuote(series: OptionSeries): { quote: Quote; model: OptionModel } {
    const u = this.market.quote(series.underlying.conId);
    const spot = (u.bid + u.ask) / 2 || u.last;
    const g = this.options.greeks(series, spot);
    const tick = g.price < 3 ? 0.01 : 0.05;
    const round = (p: number): number => Math.max(0, Math.round(p / tick) * tick);
    // Wider in relative terms for cheap options, never under one tick.
    const half = Math.max(tick, g.price * 0.015);
    const bid = Math.round(round(g.price - half) * 100) / 100;
    const ask = Math.round(Math.max(bid + tick, round(g.price + half)) * 100) / 100;
    const last = Math.round(round(g.price) * 100) / 100;
    const size = 10 + (series.conId % 40);
    const quote: Quote = {
      bid, ask, last, bidSize: size, askSize: size + 5, lastSize: 1 + (series.conId % 9), volume: (series.conId % 997) * 3,
      close: last, open: last, high: ask, low: bid, time: u.time,
    };
    return { quote, model: { impliedVol: g.iv, delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, optPrice: g.price, undPrice: spot, undBid: u.bid, undAsk: u.ask, undLast: u.last } };
  }

  private optionDetails(s: OptionSeries): ContractDetails {
    const c = this.options.contract(s);
    const rule = s.underlying.price < 200 ? '110' : '32';
    const exchanges = s.underlying.spec?.secType === 'IND' ? 'SMART,CBOE'
      : 'SMART,AMEX,CBOE,PHLX,PSE,ISE,BOX,BATS,NASDAQOM,CBOE2,NASDAQBX,MIAX,GEMINI,EDGX,MERCURY,PEARL,EMERALD,MEMX,IBUSOPT';
    const hours = hoursStrings(this.clock.now(), 7, this.hours);
    return {
      contract: c, marketName: s.underlying.symbol, minTick: 0.01, priceMagnifier: 1,
      orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,OPENCLOSE,PEGMIDVOL,PEGMKTVOL,PEGPRMVOL,PEGSRFVOL,POSTONLY,PREOPGRD,REL,RELPCTOFS,RELSTK,SCALE,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,VOLAT,WHATIF',
      validExchanges: exchanges, underConId: s.underlying.conId, longName: s.underlying.longName,
      contractMonth: s.expiry.slice(0, 6), industry: s.underlying.industry, category: s.underlying.category, subcategory: s.underlying.category,
      timeZoneId: 'US/Eastern', tradingHours: hours.liquidHours, liquidHours: hours.liquidHours, evRule: '', evMultiplier: 0, aggGroup: 2,
      marketRuleIds: exchanges.split(',').map(() => rule).join(','), realExpirationDate: s.expiry, lastTradeTime: '16:00:00',
      stockType: '', minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 1, secIdList: [], underSymbol: s.underlying.symbol,
      underSecType: (s.underlying.spec?.secType === 'IND' ? 'IND' : 'STK') as ContractDetails['underSecType'], notes: '',
    };
  }

  bars(conId: number, q: BarQuery): Bar[] {
    const listing = this.catalogue.byId(conId);
    if (!listing) throw new Error(`No security definition for conId ${conId}`);
    return historicalBars({ listing, seed: this.seed, now: this.clock.now(), quote: this.market.quote(conId), hours: this.hours }, q);
  }

  /**
   * The book of an instrument to `rows` levels, or why it has none: IB has no
   * depth for indices or (through the API) for options.
   */
  depth(conId: number, rows: number): DepthBook | { unsupported: string } {
    const l = this.catalogue.byId(conId);
    const i = this.market.indexOf(conId);
    if (!l || i === undefined) return { unsupported: this.options.isOption(conId) ? 'OPT' : 'unknown' };
    const s = l.spec;
    if (s?.secType === 'IND') return { unsupported: 'IND' };
    const venues = !s ? ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX', 'NYSE', 'DRCTEDGE'] : s.secType === 'STK' ? [l.primaryExch] : [s.exchange];
    return depthBook(conId, this.market.quoteAt(i), s?.minTick ?? 0.01, s?.secType === 'CASH' ? 1_000_000 : l.lotSize, venues, rows, this.market.roundAt(i));
  }

  depthVenues(): typeof DEPTH_VENUES {
    return DEPTH_VENUES;
  }

  /** reqMatchingSymbols: by symbol prefix, then by company name. */
  matchingSymbols(pattern: string): { contract: Contract; derivativeSecTypes: string[]; description: string }[] {
    return matchSymbols(this.catalogue.listings, pattern).map((m) => ({
      contract: { ...contractOf(m.listing), primaryExch: m.listing.primaryExch }, derivativeSecTypes: m.derivativeSecTypes, description: m.listing.longName,
    }));
  }

  marketRule(id: number): { lowEdge: number; increment: number }[] | undefined {
    return MARKET_RULES[id];
  }

  /** Epoch ms of the first bar with data. */
  headTimestamp(conId: number): number | undefined {
    const l = this.catalogue.byId(conId);
    return l ? headTimestampMs(this.seed, l) : undefined;
  }

  /** Volume by price over a period ("1 week"); throws with IB's reason for a period it does not take. */
  histogram(conId: number, useRTH: boolean, period: string): { price: number; size: number }[] {
    const durationStr = histogramDuration(period);
    if (!durationStr) throw new Error(`Invalid time period: ${period}`);
    return histogram(this.bars(conId, { endDateTime: '', durationStr, barSizeSetting: '30 mins', whatToShow: 'TRADES', useRTH }));
  }

  /** Trade prints from the minute bars, at most `numberOfTicks` (1000 like IB), oldest first. */
  historicalTicks(conId: number, q: TickQuery): TradeTick[] {
    const l = this.catalogue.byId(conId);
    if (!l) throw new Error(`No security definition for conId ${conId}`);
    const w = tickWindow(q, this.clock.now());
    if ('error' in w) throw new Error(w.error);
    const limit = Math.max(1, Math.min(1000, q.numberOfTicks || 1000));
    const endDateTime = w.forward ? '' : w.endDateTime;
    const bars = this.bars(conId, { endDateTime, durationStr: w.forward ? `${Math.min(30, Math.max(1, Math.ceil((this.clock.now() - w.from) / 86_400_000) + 1))} D` : '2 D', barSizeSetting: '1 min', whatToShow: 'TRADES', useRTH: q.useRth });
    const ticks = ticksFromBars(l, bars).filter((t) => t.time * 1000 >= w.from && t.time * 1000 <= w.to);
    return w.forward ? ticks.slice(0, limit) : ticks.slice(Math.max(0, ticks.length - limit));
  }

  /** Option chains (reqSecDefOptParams) of an underlying; none for a product without listed options. */
  optionChains(underlyingConId: number, exchange: string): OptionChain[] {
    return this.options.chains(underlyingConId, exchange);
  }

  calendarEvents(conId: number): CalendarEvent[] {
    const l = this.catalogue.byId(conId);
    return l ? earningsEvents(this.seed, l, this.clock.now()) : [];
  }

  newsHeadlines(conId: number, providers: readonly string[], from: number, to: number, limit: number): { items: Headline[]; hasMore: boolean } | undefined {
    const l = this.catalogue.byId(conId);
    return l ? headlines(this.seed, l, providers, from, Math.min(to, this.clock.now()), limit) : undefined;
  }

  newsArticle(providerCode: string, articleId: string): string | undefined {
    return article(this.seed, (id) => this.catalogue.byId(id), providerCode, articleId);
  }

  scan(q: ScanQuery & { scanCode: ScanCode }): Contract[] {
    return runScan(this.catalogue.listings, (l) => this.market.quote(l.conId), q).map((l) => contractOf(l));
  }

  /** reqAccountUpdates values; with a model code, that model's positions only (reqAccountUpdatesMulti). */
  accountValues(account: string, model?: string): AccountValue[] {
    const a = this.accountById.get(account);
    const reported = this.reportedAccountTypes.get(account);
    const rows = a ? valueRows(a, figures(a, this.marks, model)) : [];
    return reported === undefined ? rows : rows.map((r) => (r.key === 'AccountType' ? { ...r, value: reported } : r));
  }

  accountSummary(account: string): SummaryValue[] {
    const a = this.accountById.get(account);
    const reported = this.reportedAccountTypes.get(account);
    const rows = a ? summaryRows(a, figures(a, this.marks)) : [];
    return reported === undefined ? rows : rows.map((r) => (r.tag === 'AccountType' ? { ...r, value: reported } : r));
  }

  /** The cash ledger by currency ($LEDGER tags): "BASE" for the base-currency totals, then each currency. */
  accountLedger(account: string): SummaryValue[] {
    const a = this.accountById.get(account);
    return a ? ledgerRows(a, figures(a, this.marks)) : [];
  }

  /** The account's base currency, or undefined for an account this login does not have. */
  baseCurrency(account: string): string | undefined {
    return this.accountById.get(account)?.base;
  }

  /** Advisor model codes in use in the account. */
  models(account: string): string[] {
    const a = this.accountById.get(account);
    return a ? modelsOf(a) : [];
  }

  /** From now on report this AccountType for the account (an empty string: IB leaves it unset). */
  reportAccountType(account: string, value: string): void {
    this.reportedAccountTypes.set(account, value);
    this.emit('account', account);
  }

  positions(account?: string, model?: string): PositionRow[] {
    const out: PositionRow[] = [];
    for (const a of this.accountById.values()) {
      if (account !== undefined && a.id !== account) continue;
      for (const h of a.holdings.values()) {
        if (h.qty === 0 || (model && (h.model ?? '') !== model)) continue;
        const c = this.holdingContract(h.conId);
        if (c) out.push({ account: a.id, contract: c, pos: h.qty, avgCost: round4(h.avgCost) });
      }
    }
    return out;
  }

  /** Portfolio rows (updatePortfolio): price, value and P&L in the instrument's own currency. */
  portfolio(account: string): PortfolioRow[] {
    const a = this.accountById.get(account);
    if (!a) return [];
    const out: PortfolioRow[] = [];
    for (const h of a.holdings.values()) {
      if (h.qty === 0) continue;
      const c = this.holdingContract(h.conId);
      if (!c) continue;
      const t = termsOf(h);
      const price = this.marks.last(h.conId);
      // IB reports a future's (and an option's) market value as the notional: price times multiplier times position.
      const value = h.qty * price * t.factor;
      out.push({
        account: a.id, contract: { ...c, exchange: c.primaryExch || c.exchange }, pos: h.qty, avgCost: round4(h.avgCost),
        // Per unit of the contract in its currency: an LSE share in pounds, not the pence it quotes in.
        marketPrice: round6((price * t.factor) / contractMultiplier(c)), marketValue: round2(value), unrealizedPNL: round2(value - h.qty * h.avgCost), realizedPNL: round2(h.realized),
      });
    }
    return out;
  }

  /** reqPnL: the account's figures in its base currency. */
  pnl(account: string): AccountPnl {
    const a = this.accountById.get(account);
    if (!a) return { dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0 };
    const f = figures(a, this.marks);
    return { dailyPnL: round2(f.daily), unrealizedPnL: round2(f.unrealized), realizedPnL: round2(f.realizedToday) };
  }

  /** reqPnLSingle: one position's figures in the account's base currency, converted at the rate the account reports. */
  pnlSingle(account: string, conId: number): PositionPnl | undefined {
    const a = this.accountById.get(account);
    const h = a?.holdings.get(conId);
    if (!a || !h) return undefined;
    const t = termsOf(h);
    const rate = rateIn(this.marks, t.currency, a.base);
    const value = h.qty * this.marks.last(conId) * t.factor;
    return {
      pos: h.qty, dailyPnL: round2(holdingDaily(h, this.marks) * rate), unrealizedPnL: round2((value - h.qty * h.avgCost) * rate),
      realizedPnL: round2(h.dayRealized * rate), value: round2(value * rate),
    };
  }

  /** The settlement terms of anything an account can hold (what a fill of it would carry), or undefined. */
  private termsFor(conId: number): Terms | undefined {
    const series = this.options.byConId(conId);
    if (series) return optionTradable(this.tradables, series, this.options.contract(series), () => this.optionQuote(series).quote)?.terms;
    const l = this.catalogue.byId(conId);
    return l ? listingTradable(this.tradables, l, contractOf(l))?.terms : undefined;
  }

  placeOrder(clientId: number, orderId: number, contract: Contract, order: Order): PlaceResult {
    const t = this.tradable(contract);
    if ('code' in t) return { kind: 'rejected', ...t };
    // An option series named by conId is known after its expiry (a book may hold it), but it trades no more.
    const today = this.today();
    if ([t, ...(t.legs ?? []).map((l) => l.tradable)].some((x) => this.expiredBy(x.key, today))) {
      return { kind: 'rejected', code: SimCode.NO_SECURITY_DEFINITION, reason: 'No security definition has been found for the request' };
    }
    return this.book.place(clientId, orderId, t, order);
  }

  /** What an order's contract trades, or IB's answer when it names nothing tradable. */
  private tradable(contract: Contract): Tradable | { code: number; reason: string } {
    const noDefinition = { code: SimCode.NO_SECURITY_DEFINITION, reason: 'No security definition has been found for the request' };
    const type = String(contract.secType ?? '').toUpperCase();
    if (type === 'BAG') return this.combo(contract);
    // A continuous future is a history series, not a contract one can hold.
    if (type === 'CONTFUT') return { code: SimCode.ORDER_REJECTED, reason: 'CONTFUT is for historical data only; order the contract month (secType FUT)' };
    if (type === 'OPT' || (contract.conId !== undefined && this.options.isOption(contract.conId))) {
      const found = this.options.find(contract);
      if (found.length !== 1) return found.length === 0 ? noDefinition : { code: SimCode.NO_SECURITY_DEFINITION, reason: 'The contract description specified is ambiguous' };
      const series = found[0]!;
      return optionTradable(this.tradables, series, this.options.contract(series), () => this.optionQuote(series).quote) ?? noDefinition;
    }
    const listing = this.catalogue.find(contract, this.today())[0];
    if (!listing) return noDefinition;
    if (listing.spec?.secType === 'IND') return { code: SimCode.ORDER_REJECTED, reason: `${listing.symbol} is an index: it has quotes and history but cannot be traded; trade its futures or options` };
    return listingTradable(this.tradables, listing, contract) ?? noDefinition;
  }

  /** A combo (BAG) of option legs on one underlying, each leg named by conId as IB requires. */
  private combo(contract: Contract): Tradable | { code: number; reason: string } {
    const legs = contract.comboLegs ?? [];
    if (legs.length < 2) return { code: SimCode.REQUEST_INVALID, reason: 'Error validating request: a combo order needs at least two legs' };
    const out: ComboLeg[] = [];
    for (const leg of legs) {
      const series = leg.conId !== undefined ? this.options.byConId(leg.conId) : undefined;
      if (!series) return { code: SimCode.NO_SECURITY_DEFINITION, reason: `No security definition has been found for the combo leg conId ${leg.conId ?? '(none)'}: the simulator combines listed options` };
      const ratio = Number(leg.ratio ?? 1);
      if (!Number.isInteger(ratio) || ratio <= 0) return { code: SimCode.REQUEST_INVALID, reason: `Error validating request: leg ratio ${String(leg.ratio)} must be a positive whole number` };
      const action = String(leg.action ?? '').toUpperCase();
      if (action !== 'BUY' && action !== 'SELL') return { code: SimCode.REQUEST_INVALID, reason: `Error validating request: leg action ${action || '(empty)'} must be BUY or SELL` };
      const t = optionTradable(this.tradables, series, this.options.contract(series), () => this.optionQuote(series).quote);
      if (!t) return { code: SimCode.NO_SECURITY_DEFINITION, reason: 'No security definition has been found for the request' };
      out.push({ tradable: t, ratio, buying: action === 'BUY' });
    }
    const underlying = new Set(out.map((l) => l.tradable.terms.underlyingConId));
    if (underlying.size !== 1) return { code: SimCode.ORDER_REJECTED, reason: 'The simulator combines options on one underlying only' };
    return comboTradable({ ...contract, secType: 'BAG' as Contract['secType'] }, out);
  }

  /** USD per unit of a currency, from the IDEALPRO pairs' last prices. */
  private usdPer(currency: string): number {
    if (currency === 'USD') return 1;
    const direct = this.catalogue.find({ symbol: currency, secType: 'CASH' as Contract['secType'], currency: 'USD' })[0];
    if (direct) return this.marks.last(direct.conId);
    const inverse = this.catalogue.find({ symbol: 'USD', secType: 'CASH' as Contract['secType'], currency })[0];
    const rate = inverse ? this.marks.last(inverse.conId) : 0;
    return rate > 0 ? 1 / rate : Number.NaN;
  }

  /** A resting order keeps its instrument's market walking (the world beyond the core US book rests while unwatched). */
  private watchTradable(t: Tradable): () => void {
    const stops = (t.legs ? t.legs.map((l) => l.tradable) : [t]).map((x) => this.watch(this.market.listings[x.driver]!.conId));
    return () => { for (const stop of stops) stop(); };
  }

  cancelOrder(orderId: number, clientId: number): boolean {
    return this.book.cancel(orderId, clientId);
  }

  forgetOpenOrders(): void {
    this.book.forgetOpen();
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

  completedOrders(forClientId: number | 'all'): CompletedOrderRecord[] {
    return this.book.completedOrders(forClientId);
  }

  /**
   * Keeps an instrument beyond the core US book moving while it is watched (a market data line): those
   * instruments hold still while nobody looks. Returns the function that stops watching.
   */
  watch(conId: number): () => void {
    this.watched.set(conId, (this.watched.get(conId) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.watched.get(conId) ?? 1) - 1;
      if (n <= 0) this.watched.delete(conId);
      else this.watched.set(conId, n);
    };
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
    if (day.date !== this.expiredBefore) this.expireBefore(day.date);
    if (day.tradingDay && now >= day.extendedOpen && day.date !== this.rolledDate) this.rollDay(day.date);
    const phase = this.calendar.phase(now);
    if (phase !== this.lastPhase) {
      if (this.lastPhase === 'rth') this.keepCloses(day.date);
      this.lastPhase = phase;
      this.book.phaseChanged();
    }
    const tickListeners = this.listeners.tick;
    const listings = this.market.listings;
    const venuePhases = new Map<VenueId, SessionPhase>();
    this.market.step(now, phase, (i) => {
      if (tickListeners.size > 0) this.emit('tick', listings[i]!.conId, this.market.quoteAt(i));
      if (this.book.hasOrdersAt(i)) this.book.match(i);
    }, (i) => {
      const spec = listings[i]!.spec;
      if (!this.watched.has(listings[i]!.conId)) return 'closed';
      if (!spec) return phase;
      // One time-zone lookup per venue and step: Intl is far too slow to ask per instrument.
      let p = venuePhases.get(spec.venue);
      if (p === undefined) venuePhases.set(spec.venue, (p = venuePhase(spec.venue, now)));
      return p;
    });
    this.closeOutInSession(now, day.date);
  }

  /**
   * A new calendar day: what had its last trading day before it expires, as IB settles it that night, at the
   * close of its day (the last price where no close was kept: the session never closed while the engine ran).
   */
  private expireBefore(date: string): void {
    this.expiredBefore = date;
    this.book.cancelExpired((conId) => this.expiredBy(conId, date));
    const closes = this.closes;
    this.settleExpired(date, (conId, lastDay) => (closes?.date === lastDay ? closes.prices.get(conId) : undefined) ?? this.lastListed(conId));
    this.closes = undefined;
  }

  /** The last price of what this run's market walks, undefined for anything it does not (a month no longer listed). */
  private lastListed(conId: number): number | undefined {
    return this.market.indexOf(conId) !== undefined ? this.marks.last(conId) : undefined;
  }

  private rollDay(date: string): void {
    this.rolledDate = date;
    this.market.rollDay();
    for (const a of this.accountById.values()) {
      rollAccountDay(a, this.marks);
      this.emit('account', a.id);
    }
  }

  /** The contract of a position: a catalogue instrument or a listed option. */
  private holdingContract(conId: number): Contract | undefined {
    const series = this.options.byConId(conId);
    if (series) return this.options.contract(series);
    const l = this.catalogue.byId(conId) ?? futureByConId(conId);
    return l ? contractOf(l) : undefined;
  }

  private details(l: Listing): ContractDetails {
    if (l.spec) return this.worldDetails(l, l.spec);
    const hours = hoursStrings(this.clock.now(), 7, this.hours);
    return {
      contract: contractOf(l), marketName: l.etf ? l.symbol : 'NMS', minTick: 0.01, priceMagnifier: 1,
      orderTypes: ORDER_TYPES, validExchanges: VALID_EXCHANGES, underConId: 0, longName: l.longName,
      industry: l.industry, category: l.category, subcategory: l.etf ? 'ETF' : l.category, timeZoneId: 'US/Eastern',
      tradingHours: hours.tradingHours, liquidHours: hours.liquidHours, evRule: '', evMultiplier: 0, aggGroup: 1,
      marketRuleIds: '26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26', realExpirationDate: '', lastTradeTime: '',
      stockType: l.etf ? 'ETF' : (l.stockType ?? 'COMMON'), minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 100,
      secIdList: [], underSymbol: '', notes: '',
    };
  }
  /** Contract details of an instrument beyond US stocks, in its venue's zone and with its own terms. */
  private worldDetails(l: Listing, spec: InstrumentSpec): ContractDetails {
    const hours = venueHours(spec.venue, this.clock.now());
    const rule = String(spec.marketRuleId);
    const nExchanges = spec.validExchanges.split(',').length;
    return {
      contract: contractOf(l), marketName: spec.tradingClass, minTick: spec.minTick, priceMagnifier: spec.priceMagnifier ?? 1,
      orderTypes: spec.orderTypes, validExchanges: spec.validExchanges, underConId: spec.secType === 'FUT' ? this.underlyingIndexConId(l.symbol) : 0,
      longName: l.longName, industry: l.industry, category: l.category, subcategory: l.category,
      contractMonth: spec.contractMonth ?? '', timeZoneId: hours.timeZoneId, tradingHours: hours.tradingHours, liquidHours: hours.liquidHours,
      evRule: '', evMultiplier: 0, aggGroup: spec.secType === 'FUT' ? 2 : 1, marketRuleIds: Array.from({ length: nExchanges }, () => rule).join(','),
      realExpirationDate: spec.lastTradeDate ?? '', lastTradeTime: '',
      stockType: spec.secType === 'STK' ? (spec.stockType ?? 'COMMON') : '',
      minSize: spec.minSize ?? 1, sizeIncrement: spec.sizeIncrement ?? 1, suggestedSizeIncrement: spec.suggestedSizeIncrement ?? 100,
      secIdList: spec.bond ? [{ tag: 'CUSIP', value: spec.bond.cusip }] : [],
      underSymbol: spec.secType === 'FUT' ? l.symbol : '', underSecType: (spec.secType === 'FUT' ? 'IND' : '') as ContractDetails['underSecType'], notes: '',
      ...(spec.bond ? {
        cusip: spec.bond.cusip, coupon: spec.bond.coupon, maturity: spec.bond.maturity, issueDate: spec.bond.issueDate, ratings: 'Aaa/AA+',
        bondType: spec.bond.bondType, couponType: 'FIXED', convertible: false, callable: false, putable: false, descAppend: spec.bond.descAppend,
        nextOptionDate: '', nextOptionType: '', nextOptionPartial: false, lastTradeTime: '',
      } : {}),
    };
  }

  private underlyingIndexConId(futureRoot: string): number {
    const index = futureRoot === 'ES' || futureRoot === 'MES' ? 'SPX' : futureRoot === 'NQ' ? 'NDX' : undefined;
    return index ? (this.catalogue.find({ symbol: index, secType: 'IND' as Contract['secType'] })[0]?.conId ?? 0) : 0;
  }

}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const round6 = (x: number): number => Math.round(x * 1_000_000) / 1_000_000;

/** The contract's own multiplier (100 for an equity option, 50 for ES, 1 for a share). */
function contractMultiplier(c: Contract): number {
  const m = Number(c.multiplier);
  return Number.isFinite(m) && m > 0 ? m : 1;
}
