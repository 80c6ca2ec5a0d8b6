// Two linked accounts, as a typical IBKR client has them: a Reg T margin
// account and an IRA (cash, no shorting, no borrowing). Cash, positions with
// IB-style average cost (commission included), realized/unrealized/daily P&L,
// and the margin figures TWS reports. Prices come from the market's last.
import { Random, mixSeed } from './random';
import type { Catalogue, Listing } from './catalogue';
import type { Market } from './market';

export type AccountKind = 'margin' | 'cash';

export const MARGIN_ACCOUNT = 'DU1234567';
export const CASH_ACCOUNT = 'DU7654321';

// Reg T: 50% to open, 25% to hold a long; shorts need a little more to hold.
const LONG_INIT = 0.5;
const LONG_MAINT = 0.25;
const SHORT_INIT = 0.5;
const SHORT_MAINT = 0.3;
const DAY_TRADE_THRESHOLD = 25_000;

export interface Holding {
  conId: number;
  qty: number;
  avgCost: number;
  /** Realized since the engine started (portfolio rows). */
  realized: number;
  /** Daily P&L bookkeeping: position at the start of the day, and today's trade cash flows. */
  dayStartQty: number;
  dayCashFlow: number;
  dayCommission: number;
  dayRealized: number;
}

export interface Account {
  id: string;
  kind: AccountKind;
  cash: number;
  holdings: Map<number, Holding>;
  prevDayEwl: number;
}

export interface Figures {
  cash: number;
  stockValue: number;
  gross: number;
  init: number;
  maint: number;
  netLiq: number;
  ewl: number;
  available: number;
  excess: number;
  buyingPower: number;
  unrealized: number;
  realizedToday: number;
  daily: number;
}

export interface Marks {
  last(conId: number): number;
  close(conId: number): number;
}

export function marginOf(kind: AccountKind, qty: number, price: number): { init: number; maint: number } {
  const value = Math.abs(qty) * price;
  // A cash account carries every position at 100%: what it owns is paid for in full.
  if (kind === 'cash') return { init: value, maint: value };
  return qty >= 0 ? { init: value * LONG_INIT, maint: value * LONG_MAINT } : { init: value * SHORT_INIT, maint: value * SHORT_MAINT };
}

export function figures(a: Account, marks: Marks): Figures {
  let stockValue = 0;
  let gross = 0;
  let init = 0;
  let maint = 0;
  let unrealized = 0;
  let realizedToday = 0;
  let daily = 0;
  for (const h of a.holdings.values()) {
    const price = marks.last(h.conId);
    const value = h.qty * price;
    stockValue += value;
    gross += Math.abs(value);
    const m = marginOf(a.kind, h.qty, price);
    init += m.init;
    maint += m.maint;
    unrealized += value - h.qty * h.avgCost;
    realizedToday += h.dayRealized;
    daily += holdingDaily(h, marks);
  }
  const netLiq = a.cash + stockValue;
  const ewl = netLiq;
  const available = ewl - init;
  const excess = ewl - maint;
  const buyingPower = a.kind === 'cash' ? Math.max(0, a.cash) : Math.max(0, 4 * available);
  return { cash: a.cash, stockValue, gross, init, maint, netLiq, ewl, available, excess, buyingPower, unrealized, realizedToday, daily };
}

/** Today's P&L of one holding: value change since the close, net of today's trades and their commission. */
export function holdingDaily(h: Holding, marks: Marks): number {
  return h.qty * marks.last(h.conId) - h.dayStartQty * marks.close(h.conId) + h.dayCashFlow - h.dayCommission;
}

function holding(a: Account, conId: number): Holding {
  let h = a.holdings.get(conId);
  if (!h) {
    h = { conId, qty: 0, avgCost: 0, realized: 0, dayStartQty: 0, dayCashFlow: 0, dayCommission: 0, dayRealized: 0 };
    a.holdings.set(conId, h);
  }
  return h;
}

/**
 * Books a fill. Returns the realized P&L (commission included) when the fill
 * closed some of the position, undefined when it only opened or added.
 */
export function bookFill(a: Account, conId: number, signedQty: number, price: number, commission: number): number | undefined {
  const h = holding(a, conId);
  a.cash -= signedQty * price + commission;
  h.dayCashFlow -= signedQty * price;
  h.dayCommission += commission;
  let realized: number | undefined;
  const closing = h.qty !== 0 && Math.sign(h.qty) !== Math.sign(signedQty);
  if (!closing) {
    const basis = h.qty * h.avgCost + signedQty * price + commission;
    h.qty += signedQty;
    h.avgCost = basis / h.qty;
  } else {
    const closed = Math.min(Math.abs(signedQty), Math.abs(h.qty));
    const opened = Math.abs(signedQty) - closed;
    const closeCommission = commission * (closed / Math.abs(signedQty));
    realized = (price - h.avgCost) * closed * Math.sign(h.qty) - closeCommission;
    h.realized += realized;
    h.dayRealized += realized;
    h.qty += signedQty;
    if (opened > 0) h.avgCost = (h.qty * price + (commission - closeCommission)) / h.qty;
    else if (h.qty === 0) h.avgCost = 0;
  }
  return realized;
}

/** A new trading day: today's figures start from the positions carried over. */
export function rollAccountDay(a: Account, marks: Marks): void {
  a.prevDayEwl = figures(a, marks).ewl;
  for (const [conId, h] of a.holdings) {
    if (h.qty === 0) {
      a.holdings.delete(conId);
      continue;
    }
    h.dayStartQty = h.qty;
    h.dayCashFlow = 0;
    h.dayCommission = 0;
    h.dayRealized = 0;
  }
}

// Weights of a plausible long-only portfolio; the margin account holds these first.
const MARGIN_BOOK = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'JPM', 'V', 'SPY', 'QQQ', 'XOM'];
const IRA_BOOK: [string, number][] = [['VTI', 0.35], ['BND', 0.2], ['SCHD', 0.15], ['VOO', 0.1]];

function seedHolding(a: Account, l: Listing, value: number, market: Market, rng: Random): void {
  const i = market.indexOf(l.conId);
  if (i === undefined) return;
  const price = market.lastAt(i);
  const qty = Math.max(1, Math.round(value / price / 5) * 5);
  // Bought a while ago, somewhere between 30% below and 10% above today's price.
  const avgCost = Math.round(price * (0.7 + 0.4 * rng.next()) * 10_000) / 10_000;
  a.holdings.set(l.conId, { conId: l.conId, qty, avgCost, realized: 0, dayStartQty: qty, dayCashFlow: 0, dayCommission: 0, dayRealized: 0 });
  a.cash -= qty * price;
}

/** The demo book: ~$1M margin account with `heldSymbols` holdings, ~$250k IRA in ETFs. */
export function openAccounts(seed: number, catalogue: Catalogue, market: Market, heldSymbols: number, marks: Marks): Account[] {
  const rng = new Random(mixSeed(seed, 0x61636374));
  const margin: Account = { id: MARGIN_ACCOUNT, kind: 'margin', cash: 1_000_000, holdings: new Map(), prevDayEwl: 0 };
  const picks: Listing[] = [];
  for (const s of MARGIN_BOOK) {
    const l = catalogue.bySym(s);
    if (l && picks.length < heldSymbols) picks.push(l);
  }
  for (const l of catalogue.listings) {
    if (picks.length >= heldSymbols) break;
    if (!picks.includes(l) && !IRA_BOOK.some(([s]) => s === l.symbol)) picks.push(l);
  }
  // About 70% invested, the rest in cash.
  const each = picks.length > 0 ? 700_000 / picks.length : 0;
  for (const l of picks) seedHolding(margin, l, each * (0.6 + 0.8 * rng.next()), market, rng);

  const ira: Account = { id: CASH_ACCOUNT, kind: 'cash', cash: 250_000, holdings: new Map(), prevDayEwl: 0 };
  for (const [s, w] of IRA_BOOK) {
    const l = catalogue.bySym(s);
    if (l) seedHolding(ira, l, 250_000 * w, market, rng);
  }
  for (const a of [margin, ira]) a.prevDayEwl = figures(a, marks).ewl;
  return [margin, ira];
}

export function dayTradesRemaining(f: Figures): number {
  // Pattern-day-trader rule: above $25k equity the count is unlimited, which TWS shows as -1.
  return f.netLiq >= DAY_TRADE_THRESHOLD ? -1 : 3;
}
