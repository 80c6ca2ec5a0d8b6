// Two linked accounts, as a typical IBKR client has them: a Reg T margin
// account and an IRA (cash, no shorting, no borrowing). Cash, positions with
// IB-style average cost (commission included), realized/unrealized/daily P&L,
// and the margin figures TWS reports. Prices come from the market's last.
import { Random, mixSeed } from './random';
import type { Catalogue, Listing } from './catalogue';
import type { Market } from './market';
import { positionsMargin, stockMargin, type MarginPosition } from './margin';
import { settleFill } from './settlement';
import { US_STOCK, type Terms } from './terms';

export type AccountKind = 'margin' | 'cash';

export const MARGIN_ACCOUNT = 'DU1234567';
export const CASH_ACCOUNT = 'DU7654321';

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
  /** The instrument's class, currency and multiplier; absent for a US stock or ETF. */
  terms?: Terms;
  /** Futures: the average price the position was opened at (times the multiplier), commission excluded. */
  openPrice?: number;
}

export interface Account {
  id: string;
  kind: AccountKind;
  cash: number;
  holdings: Map<number, Holding>;
  prevDayEwl: number;
  /** Cash in currencies other than USD (from trading foreign instruments and forex). */
  otherCash?: Map<string, number>;
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
  /** USD per unit of a currency; without it only USD can be valued. */
  fx?(currency: string): number;
}

/** USD per unit; a currency the marks cannot convert makes the figures NaN rather than quietly wrong. */
export function usdPer(marks: Marks, currency: string): number {
  if (currency === 'USD') return 1;
  return marks.fx ? marks.fx(currency) : Number.NaN;
}

export function termsOf(h: Holding): Terms {
  return h.terms ?? US_STOCK;
}

export function marginOf(kind: AccountKind, qty: number, price: number): { init: number; maint: number } {
  return stockMargin(kind, qty, price);
}

/** What a holding adds to net liquidation, in its currency: market value, or for a future its open P&L. */
export function holdingValue(h: Holding, price: number): number {
  const t = termsOf(h);
  return t.secType === 'FUT' ? h.qty * (price * t.factor - (h.openPrice ?? 0)) : h.qty * price * t.factor;
}

export function figures(a: Account, marks: Marks): Figures {
  let stockValue = 0;
  let gross = 0;
  let unrealized = 0;
  let realizedToday = 0;
  let daily = 0;
  let cash = a.cash;
  for (const [currency, amount] of a.otherCash ?? []) cash += amount * usdPer(marks, currency);
  const positions: MarginPosition[] = [];
  for (const h of a.holdings.values()) {
    const t = termsOf(h);
    const fx = usdPer(marks, t.currency);
    const price = marks.last(h.conId);
    const value = holdingValue(h, price) * fx;
    stockValue += value;
    if (t.secType !== 'FUT') gross += Math.abs(value);
    positions.push({ conId: h.conId, qty: h.qty, terms: t });
    unrealized += (h.qty * price * t.factor - h.qty * h.avgCost) * fx;
    realizedToday += h.dayRealized * fx;
    daily += holdingDaily(h, marks) * fx;
  }
  const { init, maint } = positionsMargin(a.kind, positions, { last: (id) => marks.last(id), fx: (c) => usdPer(marks, c) });
  const netLiq = cash + stockValue;
  const ewl = netLiq;
  const available = ewl - init;
  const excess = ewl - maint;
  const buyingPower = a.kind === 'cash' ? Math.max(0, cash) : Math.max(0, 4 * available);
  return { cash, stockValue, gross, init, maint, netLiq, ewl, available, excess, buyingPower, unrealized, realizedToday, daily };
}

/** Today's P&L of one holding: value change since the close, net of today's trades and their commission. */
export function holdingDaily(h: Holding, marks: Marks): number {
  const f = termsOf(h).factor;
  return (h.qty * marks.last(h.conId) - h.dayStartQty * marks.close(h.conId)) * f + h.dayCashFlow - h.dayCommission;
}

/**
 * Books a fill of a US stock in USD. Returns the realized P&L (commission
 * included) when the fill closed some of the position, undefined when it only
 * opened or added.
 */
export function bookFill(a: Account, conId: number, signedQty: number, price: number, commission: number): number | undefined {
  return settleFill(a, { conId, terms: US_STOCK, signedQty, price, commission, commissionCurrency: 'USD' });
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
