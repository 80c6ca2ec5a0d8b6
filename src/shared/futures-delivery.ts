/**
 * When IB closes out an expiring future, as far as Countersign can know it.
 *
 * IB does not let its clients make or take delivery of physically delivered
 * futures: it may liquidate a position without notice from the start of its
 * close-out period, which for longs runs from a few business days before the
 * exchange's first notice (first position) day and for shorts from a few
 * business days before the last trading day (IBKR's "Futures Close-Out
 * Policy"; the standard deadline is the end of the second business day
 * before first notice for longs, before the last trading day for shorts).
 * For gold, crude or the 10-year note that is days to weeks before the last
 * trading day, so a roll warning counted from the last trading day comes too
 * late.
 *
 * IB's API does not carry either date: contract details give the last
 * trading day (lastTradeDateOrContractMonth, realExpirationDate) and its
 * time (lastTradeTime), nothing about first notice, close-out or how the
 * contract settles. So the first notice days here are the exchanges' own
 * rules for the products Countersign knows (the same rules the demo
 * gateway's catalogue lists them with), counted in weekdays: an exchange
 * holiday can move a date a day earlier, which is why the close-out lead
 * is one business day longer than IB's standard. A future Countersign does
 * not know is treated as possibly physically delivered and warned about
 * from the earliest date its close-out can plausibly start.
 */

export type Settlement = 'cash' | 'physical';

interface DeliveryRule {
  settlement: Settlement;
  /**
   * Months from the last trading day's month to the contract month: 0 where
   * the contract stops trading in its own month (GC, ZN), 1 where it stops
   * in the month before (CL, NG, HO, RB).
   */
  contractMonthAfterLastTrade?: 0 | 1;
  /** The exchange's first notice day (yyyyMMdd) of a contract month, given its last trading day. */
  firstNotice?: (contractYear: number, contractMonth: number, lastTrade: string) => string;
  /** Business days before first notice (longs) or the last trading day (shorts) that Countersign counts IB's close-out from. */
  leadBusinessDays?: number;
}

/** Business days before IB's cutoff that its close-out period is taken to start: IB's standard is 2; one more for a holiday the weekday count cannot see. */
export const CLOSE_OUT_LEAD_BUSINESS_DAYS = 3;
/**
 * For a future whose terms are not known: how long before its last trading
 * day a close-out can plausibly start. Gold's is the longest of the common
 * ones (first notice on the last business day of the month before the
 * contract month, close-out a few days before that, last trade near the end
 * of the contract month): about five weeks.
 */
export const UNKNOWN_CLOSE_OUT_DAYS_BEFORE_LAST_TRADE = 35;

const parse = (s: string): Date => new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)) || 1));
const format = (d: Date): string => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
const weekday = (d: Date): boolean => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;

/** The date `n` business days (weekdays) before (negative n: after) yyyyMMdd. */
export function businessDaysBefore(date: string, n: number): string {
  const d = parse(date);
  let left = Math.abs(n);
  const step = n >= 0 ? -1 : 1;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + step);
    if (weekday(d)) left--;
  }
  return format(d);
}

export function addCalendarDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** The last weekday of the month before a contract month. */
function lastBusinessDayBefore(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 0));
  while (!weekday(d)) d.setUTCDate(d.getUTCDate() - 1);
  return format(d);
}

const cash: DeliveryRule = { settlement: 'cash' };
/** COMEX metals, CBOT grains and Treasuries: first notice on the last business day of the month before the contract month. */
const endOfPriorMonth: DeliveryRule = { settlement: 'physical', contractMonthAfterLastTrade: 0, firstNotice: (y, m) => lastBusinessDayBefore(y, m) };
/** NYMEX energy that stops trading in the month before delivery: first notice the business day after the last trading day. */
const dayAfterLastTrade: DeliveryRule = { settlement: 'physical', contractMonthAfterLastTrade: 1, firstNotice: (_y, _m, last) => businessDaysBefore(last, -1) };

/** By IB's symbol for the future (its underlying): the products Countersign knows. */
const RULES: Record<string, DeliveryRule> = {
  // Equity index, volatility, rates and crypto futures settle in cash.
  ES: cash, MES: cash, NQ: cash, MNQ: cash, RTY: cash, M2K: cash, YM: cash, MYM: cash, EMD: cash, NKD: cash, VIX: cash, VXM: cash,
  DAX: cash, ESTX50: cash, N225: cash, Z: cash, HSI: cash, SR3: cash, ZQ: cash, BRR: cash, MBT: cash, ETHUSDRR: cash, MET: cash, HE: cash,
  GC: endOfPriorMonth, MGC: endOfPriorMonth, SI: endOfPriorMonth, SIL: endOfPriorMonth, HG: endOfPriorMonth, PL: endOfPriorMonth, PA: endOfPriorMonth,
  ZN: endOfPriorMonth, ZB: endOfPriorMonth, ZF: endOfPriorMonth, ZT: endOfPriorMonth, UB: endOfPriorMonth, TN: endOfPriorMonth,
  ZC: endOfPriorMonth, ZS: endOfPriorMonth, ZW: endOfPriorMonth, ZL: endOfPriorMonth, ZM: endOfPriorMonth,
  // Crude is also one of IB's negative-price products: only margin-reducing orders from five business days before expiry.
  CL: { ...dayAfterLastTrade, leadBusinessDays: 5 }, MCL: { ...dayAfterLastTrade, leadBusinessDays: 5 }, QM: { ...dayAfterLastTrade, leadBusinessDays: 5 },
  NG: dayAfterLastTrade, QG: dayAfterLastTrade, HO: dayAfterLastTrade, RB: dayAfterLastTrade,
};

export interface CloseOut {
  settlement: Settlement | 'unknown';
  /** yyyyMMdd: the first day IB may close the position out (the last trading day for a cash-settled future). */
  date: string;
  /** The exchange's first notice day, when known. */
  firstNotice: string | null;
  /** Why this is the date, in the person's words. */
  basis: string;
}

/** The settlement of a future by IB's symbol, or 'unknown'. */
export function settlementOf(symbol: string): Settlement | 'unknown' {
  return RULES[symbol]?.settlement ?? 'unknown';
}

/** The exchange's first notice day of a physically delivered future Countersign knows, from its last trading day; null otherwise. */
export function firstNoticeDay(symbol: string, lastTrade: string): string | null {
  const rule = RULES[symbol];
  if (rule?.firstNotice === undefined || lastTrade.length < 8) return null;
  const ltd = parse(lastTrade);
  const contract = new Date(Date.UTC(ltd.getUTCFullYear(), ltd.getUTCMonth() + (rule.contractMonthAfterLastTrade ?? 0), 1));
  return rule.firstNotice(contract.getUTCFullYear(), contract.getUTCMonth() + 1, lastTrade.slice(0, 8));
}

/**
 * The first day IB may close out a position in this future: a long is cut
 * off ahead of first notice, a short ahead of the last trading day; a
 * cash-settled future simply stops trading. `lastTrade` is yyyyMMdd.
 */
export function closeOutOf(symbol: string, lastTrade: string, quantity: number): CloseOut {
  const rule = RULES[symbol];
  const last = lastTrade.slice(0, 8);
  if (rule?.settlement === 'cash') return { settlement: 'cash', date: last, firstNotice: null, basis: `it settles in cash and stops trading on ${last}` };
  if (rule === undefined) {
    const date = addCalendarDays(last, -UNKNOWN_CLOSE_OUT_DAYS_BEFORE_LAST_TRADE);
    return {
      settlement: 'unknown', date, firstNotice: null,
      basis: `Countersign does not know how ${symbol} settles or its first notice day, and IB’s API gives neither; IB closes physically delivered futures out ahead of first notice, which can be about ${UNKNOWN_CLOSE_OUT_DAYS_BEFORE_LAST_TRADE} days before the last trading day. Check IB’s close-out date for it`,
    };
  }
  const lead = rule.leadBusinessDays ?? CLOSE_OUT_LEAD_BUSINESS_DAYS;
  const firstNotice = firstNoticeDay(symbol, last);
  const cutoff = quantity > 0 && firstNotice !== null && firstNotice < last ? firstNotice : last;
  const what = cutoff === firstNotice ? `first notice ${firstNotice}` : `its last trading day ${last}`;
  return {
    settlement: 'physical', date: businessDaysBefore(cutoff, lead), firstNotice,
    basis: `it is physically delivered, and IB closes ${quantity > 0 ? 'a long' : 'a short'} out from ${lead} business days before ${what}`,
  };
}
