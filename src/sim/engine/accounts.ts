// The simulated accounts, as a household at IBKR has them: a Reg T margin
// account, an IRA (cash, no shorting, no borrowing) and a business account
// whose base currency is EUR. Each keeps a cash ledger per currency, and
// positions of any class (stocks here and abroad, options, futures) with
// IB-style average cost (multiplier and commission included). Figures are
// kept per currency and totalled in the base currency with the exchange rates
// the account reports. Prices come from the market's last.

export type AccountKind = 'margin' | 'cash';

export const MARGIN_ACCOUNT = 'DU1234567';
export const CASH_ACCOUNT = 'DU7654321';
export const BUSINESS_ACCOUNT = 'DU5550123';

// Reg T: 50% to open, 25% to hold a long; shorts need a little more to hold.
const LONG_INIT = 0.5;
const LONG_MAINT = 0.25;
const SHORT_INIT = 0.5;
const SHORT_MAINT = 0.3;
// Futures: exchange margin, roughly what CME asks of an equity index future.
const FUT_INIT = 0.06;
const FUT_MAINT = 0.05;
// A naked short option: its premium plus 20% of the underlying (Reg T's basic rule).
const SHORT_OPTION_UNDERLYING = 0.2;
const DAY_TRADE_THRESHOLD = 25_000;

export interface Holding {
  conId: number;
  qty: number;
  /** IB's average cost: per contract, multiplier and commission included. */
  avgCost: number;
  /** Realized since the engine started (portfolio rows). */
  realized: number;
  /** Daily P&L bookkeeping: position at the start of the day, and today's trade cash flows. */
  dayStartQty: number;
  dayCashFlow: number;
  dayCommission: number;
  dayRealized: number;
  /** The advisor model the position belongs to ('' = none), for the per-model account streams. */
  model: string;
}

export interface Account {
  id: string;
  kind: AccountKind;
  /** What AccountType reports: INDIVIDUAL, IRA, CORPORATION. */
  accountType: string;
  /** The currency every total is reported in. */
  base: string;
  /** Cash by currency, in that currency (negative: borrowed). */
  ledger: Map<string, number>;
  holdings: Map<number, Holding>;
  prevDayEwl: number;
}

/** What an instrument's price means: its currency, multiplier and class. */
export interface Terms {
  currency: string;
  multiplier: number;
  secType: string;
  /** Options: the underlying's last, for short-option margin. */
  underlyingPrice?: number;
}

export interface Marks {
  /** Last price per unit in the instrument's own currency (LSE pence divided out). */
  last(conId: number): number;
  close(conId: number): number;
  terms(conId: number): Terms;
  /** Units of `base` per unit of `currency`, as the account reports it. */
  rate(currency: string, base: string): number;
}

/** One currency's part of an account, in that currency. */
export interface CurrencyFigures {
  currency: string;
  /** Units of the base currency per unit of this one. */
  rate: number;
  cash: number;
  stockValue: number;
  optionValue: number;
  /** Futures count with their open P&L only: the notional is not the account's money. */
  futuresPnl: number;
  netLiq: number;
  unrealized: number;
  realized: number;
}

export interface Figures {
  base: string;
  cash: number;
  stockValue: number;
  optionValue: number;
  futuresPnl: number;
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
  /** Every currency the account holds cash or positions in, the base first. */
  byCurrency: CurrencyFigures[];
}

const USD_STOCK: Terms = { currency: 'USD', multiplier: 1, secType: 'STK' };

export function cashIn(a: Account, currency: string): number {
  return a.ledger.get(currency) ?? 0;
}

export function marginOf(kind: AccountKind, qty: number, price: number): { init: number; maint: number } {
  const value = Math.abs(qty) * price;
  // A cash account carries every position at 100%: what it owns is paid for in full.
  if (kind === 'cash') return { init: value, maint: value };
  return qty >= 0 ? { init: value * LONG_INIT, maint: value * LONG_MAINT } : { init: value * SHORT_INIT, maint: value * SHORT_MAINT };
}

/** Margin of one holding in its own currency, by class. */
export function holdingMargin(kind: AccountKind, qty: number, price: number, t: Terms): { init: number; maint: number } {
  const value = Math.abs(qty) * price * t.multiplier;
  if (t.secType === 'FUT') return { init: value * FUT_INIT, maint: value * FUT_MAINT };
  if (t.secType === 'OPT' || t.secType === 'FOP') {
    // Long premium is paid in full and lends nothing; a cash account may only write covered calls, which need no margin.
    if (qty >= 0) return { init: value, maint: value };
    if (kind === 'cash') return { init: 0, maint: 0 };
    const m = value + SHORT_OPTION_UNDERLYING * Math.abs(qty) * t.multiplier * (t.underlyingPrice ?? price);
    return { init: m, maint: m };
  }
  return marginOf(kind, qty, price);
}

export function figures(a: Account, marks: Marks, model?: string): Figures {
  const parts = new Map<string, CurrencyFigures>();
  const part = (currency: string): CurrencyFigures => {
    let p = parts.get(currency);
    if (!p) {
      p = { currency, rate: marks.rate(currency, a.base), cash: 0, stockValue: 0, optionValue: 0, futuresPnl: 0, netLiq: 0, unrealized: 0, realized: 0 };
      parts.set(currency, p);
    }
    return p;
  };
  part(a.base);
  // A model's figures are its positions only: the simulated models keep no cash of their own.
  if (!model) for (const [currency, amount] of a.ledger) part(currency).cash += amount;
  let gross = 0;
  let init = 0;
  let maint = 0;
  let daily = 0;
  for (const h of a.holdings.values()) {
    if (model !== undefined && model !== '' && h.model !== model) continue;
    const t = marks.terms(h.conId);
    const p = part(t.currency);
    const price = marks.last(h.conId);
    const value = h.qty * price * t.multiplier;
    const unrealized = value - h.qty * h.avgCost;
    if (t.secType === 'FUT') p.futuresPnl += unrealized;
    else if (t.secType === 'OPT' || t.secType === 'FOP') p.optionValue += value;
    else p.stockValue += value;
    if (t.secType !== 'FUT') gross += Math.abs(value) * p.rate;
    const m = holdingMargin(a.kind, h.qty, price, t);
    init += m.init * p.rate;
    maint += m.maint * p.rate;
    p.unrealized += unrealized;
    p.realized += h.dayRealized;
    daily += holdingDaily(h, marks) * p.rate;
  }
  let cash = 0;
  let stockValue = 0;
  let optionValue = 0;
  let futuresPnl = 0;
  let unrealized = 0;
  let realizedToday = 0;
  for (const p of parts.values()) {
    p.netLiq = p.cash + p.stockValue + p.optionValue + p.futuresPnl;
    cash += p.cash * p.rate;
    stockValue += p.stockValue * p.rate;
    optionValue += p.optionValue * p.rate;
    futuresPnl += p.futuresPnl * p.rate;
    unrealized += p.unrealized * p.rate;
    realizedToday += p.realized * p.rate;
  }
  const netLiq = cash + stockValue + optionValue + futuresPnl;
  const ewl = netLiq;
  const available = ewl - init;
  const excess = ewl - maint;
  const buyingPower = a.kind === 'cash' ? Math.max(0, cash) : Math.max(0, 4 * available);
  const byCurrency = [...parts.values()].sort((x, y) => (x.currency === a.base ? -1 : y.currency === a.base ? 1 : x.currency.localeCompare(y.currency)));
  return { base: a.base, cash, stockValue, optionValue, futuresPnl, gross, init, maint, netLiq, ewl, available, excess, buyingPower, unrealized, realizedToday, daily, byCurrency };
}

/** Today's P&L of one holding in its own currency: value change since the close, net of today's trades and their commission. */
export function holdingDaily(h: Holding, marks: Marks): number {
  const m = marks.terms(h.conId).multiplier;
  return h.qty * marks.last(h.conId) * m - h.dayStartQty * marks.close(h.conId) * m + h.dayCashFlow - h.dayCommission;
}

function holding(a: Account, conId: number): Holding {
  let h = a.holdings.get(conId);
  if (!h) {
    h = { conId, qty: 0, avgCost: 0, realized: 0, dayStartQty: 0, dayCashFlow: 0, dayCommission: 0, dayRealized: 0, model: '' };
    a.holdings.set(conId, h);
  }
  return h;
}

function credit(a: Account, currency: string, amount: number): void {
  a.ledger.set(currency, (a.ledger.get(currency) ?? 0) + amount);
}

/**
 * Books a fill in the instrument's currency. Stocks and options move their
 * premium through the ledger; a future moves only its commission and, when it
 * closes, its realized P&L. Returns the realized P&L (commission included)
 * when the fill closed some of the position, undefined when it only opened or added.
 */
export function bookFill(a: Account, conId: number, signedQty: number, price: number, commission: number, terms: Terms = USD_STOCK): number | undefined {
  const h = holding(a, conId);
  const m = terms.multiplier;
  const future = terms.secType === 'FUT';
  credit(a, terms.currency, -(future ? 0 : signedQty * price * m) - commission);
  h.dayCashFlow -= signedQty * price * m;
  h.dayCommission += commission;
  let realized: number | undefined;
  const closing = h.qty !== 0 && Math.sign(h.qty) !== Math.sign(signedQty);
  if (!closing) {
    const basis = h.qty * h.avgCost + signedQty * price * m + commission;
    h.qty += signedQty;
    h.avgCost = basis / h.qty;
  } else {
    const closed = Math.min(Math.abs(signedQty), Math.abs(h.qty));
    const opened = Math.abs(signedQty) - closed;
    const closeCommission = commission * (closed / Math.abs(signedQty));
    realized = (price * m - h.avgCost) * closed * Math.sign(h.qty) - closeCommission;
    // A future's gain settles into cash when it closes (its commission is already out).
    if (future) credit(a, terms.currency, realized + closeCommission);
    h.realized += realized;
    h.dayRealized += realized;
    h.qty += signedQty;
    if (opened > 0) h.avgCost = (h.qty * price * m + (commission - closeCommission)) / h.qty;
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

export function dayTradesRemaining(f: Figures): number {
  // Pattern-day-trader rule: above $25k equity the count is unlimited, which TWS shows as -1.
  return f.netLiq >= DAY_TRADE_THRESHOLD ? -1 : 3;
}
