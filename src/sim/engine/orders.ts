// The order book of the simulated broker: validation, what-if, matching
// against the simulated market, brackets and OCA groups, time in force, and
// the executions that result. It runs on the engine's clock whether or not a
// client is connected, so an order can fill while its client is away.
import type { OrderStatus } from '@stoqey/ib';
import { invalidOrder, isPrice, marginImpact, refusal, type Cost, type Trade } from './order-checks';
import { usdPer, type Account, type Marks } from './accounts';
import type { SimClock } from './clock';
import type { SavedFill, SavedOrder } from './broker-state';
import { orderCommission } from './commission';
import { ExecutionLog } from './executions';
import { Random, mixSeed } from './random';
import { settleFill } from './settlement';
import type { Tradable } from './tradable';
import { tradingDay, type MarketHours, type SessionPhase } from './trading-hours';
import type { CompletedOrderRecord, Contract, ExecutionQuery, FillRecord, OpenOrderRecord, Order, PlaceResult, SimOrderStatus } from './types';
import { whatIfState } from './what-if';
import { SimCode } from '../wire/ib-codes';

const cents = (p: number): number => Math.round(p * 100) / 100;

export interface BookContext {
  clock: SimClock;
  marks: Marks;
  seed: number;
  /** Mixed into the execution and permanent ids (see EngineOptions.idSalt). */
  idSalt?: number | undefined;
  hours: MarketHours;
  account(id: string): Account | undefined;
  defaultAccount: string;
  emitOrder(rec: OpenOrderRecord): void;
  emitFill(fill: FillRecord): void;
  emitAccount(id: string): void;
  /** Keeps a resting order's instrument moving while it works; returns the function that stops that. */
  watch?(t: Tradable): () => void;
}

interface Working {
  rec: OpenOrderRecord;
  t: Tradable;
  account: Account;
  buying: boolean;
  placedAt: number;
  /** Held: an untransmitted order, or a bracket child whose parent has not filled. */
  held: boolean;
  untransmitted: boolean;
  triggered: boolean;
  trailStop: number | undefined;
  commissionCharged: number;
  /** Per leg of a combo (one entry for a plain order): what each has been charged so far. */
  legCharged: number[];
  filledValue: number;
  cancelExpiry: (() => void) | undefined;
  done: boolean;
  /** Sim-clock ms of the final status. */
  doneAt: number;
  unwatch: (() => void) | undefined;
}

const key = (clientId: number, orderId: number): string => `${clientId}:${orderId}`;

export class OrderBook {
  private readonly orders = new Map<string, Working>();
  /** Working orders by listing index, so a tick only looks at orders in that symbol. */
  private readonly byListing = new Map<number, Set<Working>>();
  private readonly usedIds = new Set<string>();
  private nextPermId: number;
  private readonly log: ExecutionLog;
  private rejectNext: string | undefined;

  constructor(private readonly ctx: BookContext) {
    const r = new Random(ctx.idSalt === undefined ? mixSeed(ctx.seed, 0x6f726472) : mixSeed(ctx.seed, 0x6f726472, ctx.idSalt));
    this.nextPermId = 1_000_000_000 + r.int(0, 99_999_999);
    this.log = new ExecutionLog(r.int(0x10000000, 0x7fffffff));
  }

  /** The book as saved across restarts. */
  saved(): { orders: SavedOrder[]; fills: SavedFill[]; usedOrderIds: string[]; nextPermId: number; execSeq: number } {
    const log = this.log.saved();
    return {
      orders: [...this.orders.values()].map((w) => ({
        rec: snapshot(w.rec) as unknown as SavedOrder['rec'], account: w.account.id, placedAt: w.placedAt, held: w.held, untransmitted: w.untransmitted,
        triggered: w.triggered, trailStop: w.trailStop ?? null, commissionCharged: w.commissionCharged, filledValue: w.filledValue,
        done: w.done, doneAt: w.doneAt,
      })),
      fills: log.fills as SavedFill[],
      usedOrderIds: [...this.usedIds],
      nextPermId: this.nextPermId,
      execSeq: log.seq,
    };
  }

  /** Id counters only (a reset account): no order or execution id is handed out twice. */
  continueCounters(nextPermId: number, execSeq: number): void {
    this.nextPermId = Math.max(this.nextPermId, nextPermId);
    this.log.continueFrom(execSeq);
  }

  /**
   * Carries on from a saved book: working orders work again (DAY orders whose
   * close passed while the simulator was down expire at once), finished ones
   * stay finished. Each order's instrument (a share, an option, a combo, a
   * future, a pair) is found again from the contract it was reported with.
   * Throws when an order names an instrument or account this simulator does
   * not have: such a book cannot be carried on faithfully.
   */
  restore(
    saved: { orders: readonly SavedOrder[]; fills: readonly SavedFill[]; usedOrderIds: readonly string[]; nextPermId: number; execSeq: number },
    tradableOf: (contract: Contract) => Tradable | undefined,
    /** An instrument whose last trading day passed while the simulator was down: its working orders are cancelled, as IB cancels them at expiry. */
    expired: (t: Tradable) => boolean = () => false,
  ): void {
    const restored: Working[] = [];
    for (const o of saved.orders) {
      const rec = structuredClone(o.rec) as unknown as OpenOrderRecord;
      const t = tradableOf(rec.contract);
      if (!t) throw new Error(`order ${rec.orderId} is for an instrument the simulator does not list (${describe(rec.contract)})`);
      const account = this.ctx.account(o.account);
      if (!account) throw new Error(`order ${rec.orderId} is for an account the simulator does not have (${o.account})`);
      restored.push({
        rec, t, account, buying: rec.order.action === 'BUY', placedAt: o.placedAt, held: o.held, untransmitted: o.untransmitted,
        triggered: o.triggered, trailStop: o.trailStop ?? undefined, commissionCharged: o.commissionCharged,
        legCharged: (t.legs ?? [t]).map(() => 0), filledValue: o.filledValue,
        cancelExpiry: undefined, done: o.done, doneAt: o.doneAt, unwatch: undefined,
      });
    }
    this.log.restore(saved.fills as unknown as (FillRecord & { at: number })[], saved.execSeq);
    this.nextPermId = Math.max(this.nextPermId, saved.nextPermId);
    for (const id of saved.usedOrderIds) this.usedIds.add(id);
    const lapsed: Working[] = [];
    for (const w of restored) {
      const k = key(w.rec.clientId, w.rec.orderId);
      this.orders.set(k, w);
      this.usedIds.add(k);
      if (w.done) continue;
      if (expired(w.t)) {
        lapsed.push(w);
        continue;
      }
      w.unwatch = this.ctx.watch?.(w.t);
      let set = this.byListing.get(w.t.driver);
      if (!set) this.byListing.set(w.t.driver, (set = new Set()));
      set.add(w);
    }
    for (const w of lapsed) this.finish(w, 'Cancelled', EXPIRED_REASON);
    for (const w of restored) if (!w.done) this.armExpiry(w);
  }

  /** The contracts `expired` names stopped trading: every working order in one (or with a leg in one) is cancelled. */
  cancelExpired(expired: (conId: number) => boolean): void {
    for (const w of [...this.orders.values()]) {
      if (w.done) continue;
      if (expired(w.t.key) || (w.t.legs ?? []).some((l) => expired(l.tradable.key))) this.finish(w, 'Cancelled', EXPIRED_REASON);
    }
  }

  /** IB closed an account's position out: its working orders in the contract would only open it again, so they are cancelled. */
  cancelWorkingIn(accountId: string, conId: number, reason: string): void {
    for (const w of [...this.orders.values()]) {
      if (!w.done && w.account.id === accountId && (w.t.key === conId || (w.t.legs ?? []).some((l) => l.tradable.key === conId))) this.finish(w, 'Cancelled', reason);
    }
  }

  /**
   * Records what an expiry or a close-out did to an account (an exercise, an
   * assignment, a lapse, a cash or final settlement, IB's liquidation ahead
   * of delivery) as IB reports it: an execution of no API order (order id and
   * permId 0, client 0, so it reaches the master client), its exchange naming
   * the event, with its commission report (nothing charged but for a
   * liquidation, which IB charges like any trade).
   */
  recordSettlement(f: {
    account: string; contract: Contract; buying: boolean; shares: number; price: number; commissionCurrency: string; realized: number | undefined; event: string;
    commission?: number; liquidation?: boolean;
  }): void {
    const rec: OpenOrderRecord = {
      // No order lies behind it: the log reads only the order's reference, which is empty.
      orderId: 0, clientId: 0, permId: 0, contract: f.contract, order: { orderRef: '' } as Order, state: {} as OpenOrderRecord['state'],
      status: 'Filled', filled: f.shares, remaining: 0, avgFillPrice: f.price, lastFillPrice: f.price, reason: f.event,
    };
    this.ctx.emitFill(this.log.record({
      at: this.ctx.clock.now(), rec, account: f.account, exchange: f.event, buying: f.buying, shares: f.shares, price: f.price,
      commission: f.commission ?? 0, commissionCurrency: f.commissionCurrency, realized: f.realized, removedLiquidity: false,
      ...(f.liquidation ? { liquidation: true } : {}),
    }));
  }

  /** The highest order id each client has used (placed or refused). */
  highestOrderIds(): Map<number, number> {
    const out = new Map<number, number>();
    for (const k of this.usedIds) {
      const [client, order] = k.split(':').map(Number) as [number, number];
      out.set(client, Math.max(out.get(client) ?? 0, order));
    }
    return out;
  }

  rejectNextOrder(reason: string): void {
    this.rejectNext = reason;
  }

  hasOrdersAt(index: number): boolean {
    const set = this.byListing.get(index);
    return set !== undefined && set.size > 0;
  }

  place(clientId: number, orderId: number, t: Tradable, order: Order): PlaceResult {
    const k = key(clientId, orderId);
    const existing = this.orders.get(k);
    if (!order.whatIf && (existing?.done || (!existing && this.usedIds.has(k)))) {
      return { kind: 'rejected', code: SimCode.DUPLICATE_ORDER_ID, reason: `Duplicate order id` };
    }
    if (!order.whatIf && existing && (existing.t.key !== t.key || existing.rec.order.action !== order.action)) {
      // Re-sending a working order's id is a modify, but it may not change the product or the side.
      return { kind: 'rejected', code: SimCode.DUPLICATE_ORDER_ID, reason: `Duplicate order id` };
    }

    const invalid = invalidOrder(order, { secType: t.secType, minTick: t.minTick, minSize: t.minSize, sizeIncrement: t.sizeIncrement });
    const accountId = order.account || (existing?.account.id ?? this.ctx.defaultAccount);
    const account = this.ctx.account(accountId);
    if (!order.whatIf && this.rejectNext !== undefined) {
      const reason = this.rejectNext;
      this.rejectNext = undefined;
      this.usedIds.add(k);
      return { kind: 'rejected', code: SimCode.ORDER_REJECTED, reason };
    }
    if (invalid) {
      if (!order.whatIf) this.usedIds.add(k);
      return { kind: 'rejected', code: SimCode.ORDER_REJECTED, reason: invalid };
    }
    if (!account) {
      if (!order.whatIf) this.usedIds.add(k);
      return { kind: 'rejected', code: SimCode.ORDER_REJECTED, reason: `Account ${accountId} is not one of this login's accounts` };
    }
    const buying = order.action === 'BUY';
    const qty = order.totalQuantity!;
    const left = qty - (existing?.rec.filled ?? 0);
    const est = this.estimatePrice(t, order, buying);
    const commission = this.commissionOf(t, qty, est);
    const trades = tradesOf(t, buying, left, est);
    const why = refusal(account, this.ctx.marks, t.symbol, trades, this.pendingTrades(account, existing), commission);

    if (order.whatIf) return this.whatIf(account, t, order, trades, commission, why);

    let parent: Working | undefined;
    if (order.parentId) {
      parent = this.orders.get(key(clientId, order.parentId));
      if (!parent || (parent.done && parent.rec.status !== 'Filled')) {
        this.usedIds.add(k);
        return { kind: 'rejected', code: SimCode.ORDER_REJECTED, reason: `Parent order ${order.parentId} is not working` };
      }
    }
    if (why) {
      this.usedIds.add(k);
      return { kind: 'rejected', code: SimCode.ORDER_REJECTED, reason: why };
    }
    if (existing) this.modify(existing, order, account);
    else this.open(clientId, orderId, t, order, account, parent);
    return { kind: 'accepted' };
  }

  cancel(orderId: number, clientId: number): boolean {
    let w = this.orders.get(key(clientId, orderId));
    // The master client (0) may cancel any client's order, as at TWS.
    if (!w && clientId === 0) w = [...this.orders.values()].find((o) => o.rec.orderId === orderId && !o.done);
    if (!w || w.done) return false;
    this.setStatus(w, 'PendingCancel');
    this.finish(w, 'Cancelled', '');
    return true;
  }

  /**
   * A Gateway restart that loses its working orders: they vanish with no
   * status to anyone. The ids stay used, so a client re-using one still gets 103.
   */
  forgetOpen(): void {
    for (const [k, w] of [...this.orders]) {
      if (w.done) continue;
      this.orders.delete(k);
      for (const set of this.byListing.values()) set.delete(w);
      w.unwatch?.();
    }
  }

  cancelAll(): void {
    for (const w of [...this.orders.values()]) if (!w.done) this.finish(w, 'Cancelled', 'global cancel');
  }

  openOrders(forClientId: number | 'all'): OpenOrderRecord[] {
    const out: OpenOrderRecord[] = [];
    for (const w of this.orders.values()) {
      if (w.done) continue;
      if (forClientId !== 'all' && w.rec.clientId !== forClientId) continue;
      out.push(snapshot(w.rec));
    }
    return out;
  }

  /** Orders that reached Filled, Cancelled or Inactive, oldest first (reqCompletedOrders). */
  completedOrders(forClientId: number | 'all'): CompletedOrderRecord[] {
    const out: CompletedOrderRecord[] = [];
    for (const w of this.orders.values()) {
      if (!w.done) continue;
      if (forClientId !== 'all' && w.rec.clientId !== forClientId) continue;
      out.push({ ...snapshot(w.rec), completedAt: w.doneAt });
    }
    return out.sort((a, b) => a.completedAt - b.completedAt);
  }

  executions(filter: ExecutionQuery): FillRecord[] {
    return this.log.query(filter);
  }

  /** The quote of one listing changed: work every order resting in it. */
  match(index: number): void {
    const set = this.byListing.get(index);
    if (!set || set.size === 0) return;
    const now = this.ctx.clock.now();
    for (const w of [...set]) this.work(w, w.t.phase(now));
  }

  /** Session phase changed: orders waiting for the open become live (and statuses say so). */
  phaseChanged(): void {
    const now = this.ctx.clock.now();
    for (const w of [...this.orders.values()]) {
      if (w.done) continue;
      const phase = w.t.phase(now);
      this.setStatus(w, this.liveStatus(w, phase));
      this.work(w, phase);
    }
  }

  /** The order's commission for `qty` at `price`, by its class's schedule. */
  private commissionOf(t: Tradable, qty: number, price: number): Cost {
    const value = qty * price * t.terms.factor;
    const usd = value * usdPer(this.ctx.marks, t.terms.currency);
    if (t.legs) {
      // A combo pays each leg's contracts, at the legs' own premiums.
      let amount = 0;
      for (const l of t.legs) amount += orderCommission({ secType: 'OPT', currency: 'USD', symbol: t.symbol }, qty * l.ratio, 0, l.tradable.last()).amount;
      return { amount: Math.round(amount * 10_000) / 10_000, currency: 'USD' };
    }
    return orderCommission({ secType: t.secType, currency: t.terms.currency, symbol: t.symbol }, qty, value, price, usd);
  }

  private estimatePrice(t: Tradable, order: Order, buying: boolean): number {
    const touch = t.touch(buying);
    const type = String(order.orderType);
    // A marketable limit fills at the touch; a resting one at its limit.
    if (type === 'LMT') return buying ? Math.min(order.lmtPrice!, touch) : Math.max(order.lmtPrice!, touch);
    if (type === 'STP LMT') return order.lmtPrice!;
    if (type === 'STP') return order.auxPrice!;
    return touch;
  }

  /** What the account's other working orders would trade, at their expected prices. */
  private pendingTrades(a: Account, except: Working | undefined): Trade[] {
    const out: Trade[] = [];
    for (const w of this.orders.values()) {
      if (w.done || w === except || w.account !== a) continue;
      out.push(...tradesOf(w.t, w.buying, w.rec.remaining, this.estimatePrice(w.t, w.rec.order, w.buying)));
    }
    return out;
  }

  private whatIf(a: Account, t: Tradable, order: Order, trades: Trade[], commission: Cost, why: string | undefined): PlaceResult {
    const state = whatIfState(marginImpact(a, this.ctx.marks, trades, commission), commission, why);
    return { kind: 'whatIf', order: { ...order, account: a.id, whatIf: true }, contract: { ...t.contract }, state };
  }

  private open(clientId: number, orderId: number, t: Tradable, order: Order, account: Account, parent: Working | undefined): void {
    const now = this.ctx.clock.now();
    const qty = order.totalQuantity!;
    const rec: OpenOrderRecord = {
      orderId, clientId, permId: this.nextPermId++, contract: { ...t.contract },
      order: { ...order, orderId, clientId, account: account.id, tif: order.tif || ('DAY' as Order['tif']), orderRef: order.orderRef ?? '' },
      state: { status: 'PreSubmitted' as OrderStatus, commissionCurrency: this.commissionOf(t, 1, t.last()).currency },
      status: 'PreSubmitted', filled: 0, remaining: qty, avgFillPrice: 0, lastFillPrice: 0, reason: '',
    };
    rec.order.permId = rec.permId;
    const untransmitted = order.transmit === false;
    const w: Working = {
      rec, t, account, buying: order.action === 'BUY', placedAt: now,
      held: untransmitted || (parent !== undefined && parent.rec.status !== 'Filled'), untransmitted,
      triggered: false, trailStop: undefined, commissionCharged: 0, legCharged: (t.legs ?? [t]).map(() => 0), filledValue: 0,
      cancelExpiry: undefined, done: false, doneAt: 0, unwatch: this.ctx.watch?.(t),
    };
    const k = key(clientId, orderId);
    this.orders.set(k, w);
    this.usedIds.add(k);
    let set = this.byListing.get(t.driver);
    if (!set) this.byListing.set(t.driver, (set = new Set()));
    set.add(w);
    this.armExpiry(w);
    // A transmitted child sends its whole bracket (parent and the siblings placed before it).
    if (!untransmitted && parent) this.transmitFamily(parent);
    this.initTrail(w);
    const phase = t.phase(now);
    this.setStatus(w, this.liveStatus(w, phase), true);
    this.work(w, phase, true);
    if (!w.done && String(rec.order.tif) === 'IOC' && !w.held) this.finish(w, 'Cancelled', 'IOC remainder');
  }

  private modify(w: Working, order: Order, account: Account): void {
    const filled = w.rec.filled;
    const qty = Math.max(order.totalQuantity!, filled);
    w.rec.order = { ...w.rec.order, ...order, orderId: w.rec.orderId, clientId: w.rec.clientId, permId: w.rec.permId, account: account.id, orderRef: order.orderRef ?? w.rec.order.orderRef ?? '' };
    w.rec.remaining = qty - filled;
    const wasUntransmitted = w.untransmitted;
    w.untransmitted = order.transmit === false;
    if (wasUntransmitted && !w.untransmitted) this.transmitFamily(w);
    w.cancelExpiry?.();
    this.armExpiry(w);
    if (String(order.orderType) === 'TRAIL') this.initTrail(w);
    const phase = w.t.phase(this.ctx.clock.now());
    this.setStatus(w, this.liveStatus(w, phase), true);
    if (w.rec.remaining === 0) this.finish(w, 'Filled', '');
    else this.work(w, phase);
  }

  private transmitFamily(root: Working): void {
    const family = [root, ...[...this.orders.values()].filter((o) => o.rec.clientId === root.rec.clientId && o.rec.order.parentId === root.rec.orderId)];
    const now = this.ctx.clock.now();
    for (const o of family) {
      if (o.done || !o.untransmitted) continue;
      o.untransmitted = false;
      o.held = o !== root && root.rec.status !== 'Filled';
      this.setStatus(o, this.liveStatus(o, o.t.phase(now)), true);
    }
    for (const o of family) if (!o.done && !o.held) this.work(o, o.t.phase(now));
  }

  private armExpiry(w: Working): void {
    w.cancelExpiry = undefined;
    const tif = String(w.rec.order.tif || 'DAY');
    if (tif !== 'DAY') return;
    if ((w.t.secType !== 'STK' && w.t.secType !== 'OPT' && w.t.secType !== 'BAG') || w.t.terms.currency !== 'USD') {
      // Venues with their own sessions: a DAY order lives until its venue next closes (a day at most around the clock).
      const at = venueClose(w.t, w.placedAt);
      w.cancelExpiry = this.ctx.clock.schedule(at, () => {
        if (!w.done) this.finish(w, 'Cancelled', 'DAY order expired at the close');
      });
      return;
    }
    // A DAY order lives until the close of the session it first trades in (after-hours close if outsideRth).
    // outsideRth only extends limit-priced orders: a market order can never trade after hours anyway.
    const type = String(w.rec.order.orderType);
    const outside = w.rec.order.outsideRth === true && (type === 'LMT' || type === 'STP LMT');
    let d = tradingDay(w.placedAt, this.ctx.hours);
    for (let i = 0; i < 10 && !(d.tradingDay && w.placedAt < (outside ? d.extendedClose : d.close)); i++) d = tradingDay(d.end, this.ctx.hours);
    const at = outside ? d.extendedClose : d.close;
    w.cancelExpiry = this.ctx.clock.schedule(at, () => {
      if (!w.done) this.finish(w, 'Cancelled', 'DAY order expired at the close');
    });
  }

  private initTrail(w: Working): void {
    if (String(w.rec.order.orderType) !== 'TRAIL') return;
    const last = w.t.last();
    const given = w.rec.order.trailStopPrice;
    w.trailStop = isPrice(given) ? given : cents(w.buying ? last + this.trailAmount(w, last) : last - this.trailAmount(w, last));
    w.rec.order.trailStopPrice = w.trailStop;
  }

  private trailAmount(w: Working, last: number): number {
    const o = w.rec.order;
    return isPrice(o.trailingPercent) ? (last * o.trailingPercent) / 100 : (o.auxPrice ?? 0);
  }

  private liveStatus(w: Working, phase: SessionPhase): SimOrderStatus {
    if (w.held || w.untransmitted) return 'PreSubmitted';
    const type = String(w.rec.order.orderType);
    // IB holds stop-type orders in its own system until triggered, and shows them PreSubmitted.
    if ((type === 'STP' || type === 'STP LMT' || type === 'TRAIL') && !w.triggered) return 'PreSubmitted';
    if (!this.tradable(w, phase)) return 'PreSubmitted';
    return 'Submitted';
  }

  /** Whether the order may execute in this session phase. */
  private tradable(w: Working, phase: SessionPhase): boolean {
    if (phase === 'closed') return false;
    if (phase === 'rth') return true;
    // Outside regular hours only limit-priced orders flagged outsideRth execute, as at IB.
    if (!w.t.extendedHours && w.t.secType !== 'CRYPTO') return false;
    const type = String(w.rec.order.orderType);
    const limitPriced = type === 'LMT' || type === 'STP LMT';
    return w.rec.order.outsideRth === true && limitPriced;
  }

  private work(w: Working, phase: SessionPhase, placing = false): void {
    if (w.done || w.held || w.untransmitted) return;
    const last = w.t.last();
    const type = String(w.rec.order.orderType);
    if (type === 'TRAIL' && !w.triggered && phase !== 'closed' && (phase === 'rth' || w.rec.order.outsideRth)) {
      const amt = this.trailAmount(w, last);
      const candidate = cents(w.buying ? last + amt : last - amt);
      if (w.trailStop === undefined || (w.buying ? candidate < w.trailStop : candidate > w.trailStop)) {
        w.trailStop = candidate;
        w.rec.order.trailStopPrice = candidate;
      }
    }
    if (!w.triggered && (type === 'STP' || type === 'STP LMT' || type === 'TRAIL')) {
      if (!(phase === 'rth' || (phase !== 'closed' && w.rec.order.outsideRth))) return;
      const stop = type === 'TRAIL' ? w.trailStop! : w.rec.order.auxPrice!;
      const hit = w.buying ? last >= stop : last <= stop;
      if (!hit) return;
      w.triggered = true;
    }
    if (!this.tradable(w, phase) && !(w.triggered && phase === 'rth')) {
      this.setStatus(w, this.liveStatus(w, phase));
      return;
    }
    if (w.triggered && type !== 'STP LMT' && phase !== 'rth') {
      this.setStatus(w, 'PreSubmitted');
      return;
    }
    const touch = w.t.touch(w.buying);
    const limited = type === 'LMT' || type === 'STP LMT';
    if (limited) {
      const lmt = w.rec.order.lmtPrice!;
      if (w.buying ? touch > lmt : touch < lmt) {
        this.setStatus(w, 'Submitted');
        return;
      }
    }
    const depth = w.t.depth(w.buying);
    const qty = Math.min(w.rec.remaining, depth);
    if (qty <= 0) {
      this.setStatus(w, 'Submitted');
      return;
    }
    this.fill(w, qty, touch, placing || !limited);
  }

  private fill(w: Working, qty: number, price: number, removedLiquidity: boolean): void {
    const now = this.ctx.clock.now();
    const rec = w.rec;
    const t = w.t;
    const cumQty = rec.filled + qty;
    w.filledValue += qty * price;
    // Legs are priced before the combo takes liquidity, so their fills add up to the combo's price.
    const legs = t.legs
      ? t.legs.map((l) => ({ t: l.tradable, qty: qty * l.ratio, buying: l.buying === w.buying, price: l.tradable.touch(l.buying === w.buying) }))
      : [{ t, qty, buying: w.buying, price }];
    const total = this.commissionOf(t, cumQty, w.filledValue / cumQty);
    const commission = Math.max(0, Math.round((total.amount - w.commissionCharged) * 10_000) / 10_000);
    w.commissionCharged += commission;
    t.consume(w.buying, qty, price, now);
    rec.filled = cumQty;
    rec.remaining -= qty;
    rec.avgFillPrice = round6(w.filledValue / cumQty);
    rec.lastFillPrice = price;
    rec.state = { ...rec.state, commission: w.commissionCharged, commissionCurrency: total.currency };
    const contracts = legs.reduce((n, l) => n + l.qty, 0);
    let left = commission;
    legs.forEach((l, i) => {
      // A combo's commission is shared by its legs in proportion to their contracts.
      const share = i === legs.length - 1 ? left : Math.round((commission * l.qty) / contracts * 10_000) / 10_000;
      left = Math.round((left - share) * 10_000) / 10_000;
      const realized = settleFill(w.account, {
        conId: l.t.key, terms: l.t.terms, signedQty: l.buying ? l.qty : -l.qty, price: l.price, commission: share, commissionCurrency: total.currency,
        ...(l.t.baseCurrency ? { baseCurrency: l.t.baseCurrency } : {}),
      });
      this.ctx.emitFill(this.log.record({
        at: now, rec, account: w.account.id, exchange: l.t.venue, buying: l.buying, shares: l.qty, price: l.price,
        commission: share, commissionCurrency: total.currency, realized, removedLiquidity,
        ...(t.legs ? { contract: l.t.contract, cumQty: rec.filled * (l.qty / qty), avgPrice: l.price } : {}),
      }));
    });
    if (rec.remaining === 0) this.finish(w, 'Filled', '');
    else this.setStatus(w, 'Submitted', true);
    this.ctx.emitAccount(w.account.id);
    this.afterFill(w, qty);
  }

  /** Brackets and OCA groups react to a fill. */
  private afterFill(w: Working, qty: number): void {
    const rec = w.rec;
    if (rec.status === 'Filled') {
      const now = this.ctx.clock.now();
      for (const child of this.children(w)) {
        if (child.done || child.untransmitted) continue;
        child.held = false;
        const phase = child.t.phase(now);
        this.setStatus(child, this.liveStatus(child, phase), true);
        this.work(child, phase);
      }
    }
    for (const { other, reduce } of this.ocaSiblings(w)) {
      if (other.done) continue;
      if (reduce) {
        // Reduce the others by what filled rather than cancelling them, so a half-filled
        // take-profit still leaves a stop-loss protecting the other half.
        other.rec.remaining = Math.max(0, other.rec.remaining - qty);
        other.rec.order.totalQuantity = other.rec.filled + other.rec.remaining;
        if (other.rec.remaining === 0) this.finish(other, 'Cancelled', 'OCA group filled');
        else this.setStatus(other, other.rec.status, true);
      } else {
        this.finish(other, 'Cancelled', 'OCA group filled');
      }
    }
  }

  private children(w: Working): Working[] {
    const out: Working[] = [];
    for (const o of this.orders.values()) if (o.rec.clientId === w.rec.clientId && o.rec.order.parentId === w.rec.orderId && o !== w) out.push(o);
    return out;
  }

  /**
   * Orders that react when this one fills: its explicit OCA group (cancelled
   * for ocaType 1, reduced for 2 and 3), and the other children of its
   * bracket (reduced, as IB's bracket OCA does).
   */
  private ocaSiblings(w: Working): { other: Working; reduce: boolean }[] {
    const group = w.rec.order.ocaGroup;
    const parentId = w.rec.order.parentId;
    const ocaType = w.rec.order.ocaType ?? 1;
    const out: { other: Working; reduce: boolean }[] = [];
    for (const o of this.orders.values()) {
      if (o === w || o.done) continue;
      if (group && o.rec.order.ocaGroup === group && o.account === w.account) out.push({ other: o, reduce: ocaType === 2 || ocaType === 3 });
      else if (parentId && o.rec.clientId === w.rec.clientId && o.rec.order.parentId === parentId) out.push({ other: o, reduce: true });
    }
    return out;
  }

  private setStatus(w: Working, status: SimOrderStatus, force = false): void {
    if (w.rec.status === status && !force) return;
    w.rec.status = status;
    w.rec.state = { ...w.rec.state, status: status as OrderStatus };
    this.ctx.emitOrder(snapshot(w.rec));
  }

  private finish(w: Working, status: 'Filled' | 'Cancelled' | 'Inactive', reason: string): void {
    if (w.done) return;
    w.done = true;
    w.doneAt = this.ctx.clock.now();
    w.rec.reason = reason;
    w.cancelExpiry?.();
    this.byListing.get(w.t.driver)?.delete(w);
    w.unwatch?.();
    this.setStatus(w, status, true);
    // Cancelling a bracket's parent takes its children with it.
    if (status !== 'Filled') for (const child of this.children(w)) this.finish(child, 'Cancelled', 'parent order cancelled');
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const EXPIRED_REASON = 'the contract expired';

/** What an order trades if `qty` more of it fill at `price`: its legs for a combo, the instrument itself otherwise. */
function tradesOf(t: Tradable, buying: boolean, qty: number, price: number): Trade[] {
  if (!t.legs) return [{ conId: t.key, terms: t.terms, signedQty: buying ? qty : -qty, price, ...(t.baseCurrency ? { baseCurrency: t.baseCurrency } : {}) }];
  return t.legs.map((l) => {
    const legBuys = l.buying === buying;
    return { conId: l.tradable.key, terms: l.tradable.terms, signedQty: (legBuys ? 1 : -1) * qty * l.ratio, price: l.tradable.touch(legBuys) };
  });
}

/** When a venue next closes after `from` (looked up in five-minute steps), at most a day later. */
function venueClose(t: Tradable, from: number): number {
  const step = 5 * 60_000;
  let wasOpen = t.phase(from) !== 'closed';
  for (let at = from + step; at <= from + 86_400_000; at += step) {
    const open = t.phase(at) !== 'closed';
    if (wasOpen && !open) return at;
    wasOpen = wasOpen || open;
  }
  return from + 86_400_000;
}

/** How an error names a contract it could not find: a combo by its legs, anything else by conId. */
function describe(c: Contract): string {
  if (c.comboLegs && c.comboLegs.length > 0) return `combo of conIds ${c.comboLegs.map((l) => l.conId ?? '?').join(', ')}`;
  return `${String(c.secType ?? '')} conId ${c.conId ?? '?'}`.trim();
}

function snapshot(rec: OpenOrderRecord): OpenOrderRecord {
  return { ...rec, contract: { ...rec.contract }, order: { ...rec.order }, state: { ...rec.state } };
}

