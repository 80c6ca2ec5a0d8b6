// The simulated accounts, as a household at IBKR has them: a Reg T margin
// account, an IRA (cash, no shorting, no borrowing) and a business account
// whose base currency is EUR. Each keeps a cash ledger per currency, and
// positions of any class (stocks here and abroad, options, futures) with
// IB-style average cost (multiplier and commission included). Figures are
// kept per currency and totalled in the base currency with the exchange rates
// the account reports. Prices come from the market's last; fills settle
// through settlement.ts and margin comes from margin.ts.
import { printedRate } from './fx';
import { positionsMargin, stockMargin, type MarginPosition } from './margin';
import { settleFill } from './settlement';
import { US_STOCK, type Terms } from './terms';

export type AccountKind = 'margin' | 'cash';

export const MARGIN_ACCOUNT = 'DU1234567';
export const CASH_ACCOUNT = 'DU7654321';
export const BUSINESS_ACCOUNT = 'DU5550123';

const DAY_TRADE_THRESHOLD = 25_000;

export interface Holding {
  conId: number;
  qty: number;
  /** IB's average cost: per unit of quantity, multiplier and commission included. */
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
  /** The advisor model the position belongs to (absent or '' = none), for the per-model account streams. */
  model?: string;
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

export interface Marks {
  /** Last price as quoted (an option's premium per share, an LSE share in pence). */
  last(conId: number): number;
  close(conId: number): number;
  /** USD per unit of a currency; without it only USD can be valued. */
  fx?(currency: string): number;
}

/** One currency's part of an account, in that currency. */
export interface CurrencyFigures {
  currency: string;
  /** Units of the base currency per unit of this one, as the account reports it. */
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

/** USD per unit; a currency the marks cannot convert makes the figures NaN rather than quietly wrong. */
export function usdPer(marks: Marks, currency: string): number {
  if (currency === 'USD') return 1;
  return marks.fx ? marks.fx(currency) : Number.NaN;
}

/** Units of `base` per unit of `currency` as TWS prints it (eight figures); every base total uses this printed rate. */
export function rateIn(marks: Marks, currency: string, base: string): number {
  if (currency === base) return 1;
  return printedRate(usdPer(marks, currency) / usdPer(marks, base));
}

export function termsOf(h: Holding): Terms {
  return h.terms ?? US_STOCK;
}

export function cashIn(a: Account, currency: string): number {
  return a.ledger.get(currency) ?? 0;
}

export function marginOf(kind: AccountKind, qty: number, price: number): { init: number; maint: number } {
  return stockMargin(kind, qty, price);
}

/** What a holding adds to net liquidation, in its currency: market value, or for a future its open P&L. */
export function holdingValue(h: Holding, price: number): number {
  const t = termsOf(h);
  return t.secType === 'FUT' ? h.qty * (price * t.factor - (h.openPrice ?? 0)) : h.qty * price * t.factor;
}

export function figures(a: Account, marks: Marks, model?: string): Figures {
  const parts = new Map<string, CurrencyFigures>();
  const part = (currency: string): CurrencyFigures => {
    let p = parts.get(currency);
    if (!p) {
      p = { currency, rate: rateIn(marks, currency, a.base), cash: 0, stockValue: 0, optionValue: 0, futuresPnl: 0, netLiq: 0, unrealized: 0, realized: 0 };
      parts.set(currency, p);
    }
    return p;
  };
  part(a.base);
  // A model's figures are its positions only: the simulated models keep no cash of their own.
  if (!model) for (const [currency, amount] of a.ledger) part(currency).cash += amount;
  let gross = 0;
  let daily = 0;
  const positions: MarginPosition[] = [];
  for (const h of a.holdings.values()) {
    if (model && (h.model ?? '') !== model) continue;
    const t = termsOf(h);
    const p = part(t.currency);
    const price = marks.last(h.conId);
    const value = holdingValue(h, price);
    if (t.secType === 'FUT') p.futuresPnl += value;
    else if (t.secType === 'OPT') p.optionValue += value;
    else p.stockValue += value;
    if (t.secType !== 'FUT' && t.secType !== 'CASH') gross += Math.abs(value) * p.rate;
    positions.push({ conId: h.conId, qty: h.qty, terms: t });
    p.unrealized += h.qty * price * t.factor - h.qty * h.avgCost;
    p.realized += h.dayRealized;
    daily += holdingDaily(h, marks) * p.rate;
  }
  // Margin in the base currency: margin.ts converts each position with the rate it is given.
  const { init, maint } = positionsMargin(a.kind, positions, { last: (id) => marks.last(id), fx: (c) => rateIn(marks, c, a.base) });
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

export function dayTradesRemaining(f: Figures): number {
  // Pattern-day-trader rule: above $25k equity the count is unlimited, which TWS shows as -1.
  return f.netLiq >= DAY_TRADE_THRESHOLD ? -1 : 3;
}
