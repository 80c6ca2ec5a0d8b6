// Instruments beyond US stocks and ETFs: indices, futures (with their live
// contract months), forex on IDEALPRO, stocks listed in Europe and Japan in
// their own currencies, crypto on PAXOS, US Treasuries, plus a few US MLPs and ADRs. conIds
// are IB's where we know them, stable made-up numbers otherwise.
import { addDays, easternParts, ymd } from './eastern-time';
import type { InstrumentSpec, Listing } from './catalogue';

const STK_ORDER_TYPES = 'ALGO,ALLOC,DAY,GTC,GTD,IOC,LMT,MKT,MOC,MOO,OCA,STP,STPLMT,TRAIL,WHATIF';
const FUT_ORDER_TYPES = 'ACTIVETIM,ADJUST,ALERT,ALLOC,DAY,GTC,GTD,IOC,LIT,LMT,MIT,MKT,OCA,STP,STPLMT,TRAIL,WHATIF';
const FX_ORDER_TYPES = 'ACTIVETIM,AD,ALERT,ALLOC,AVGCOST,BASKET,DAY,GTC,GTD,IOC,LMT,MKT,OCA,STP,STPLMT,TRAIL,WHATIF';

function base(symbol: string, conId: number, primaryExch: string, longName: string, industry: string, category: string, price: number, vol: number, lotSize: number, spec: InstrumentSpec): Listing {
  return { symbol, conId, primaryExch, longName, industry, category, etf: false, price, vol, lotSize, spec };
}

function indices(): Listing[] {
  const idx = (symbol: string, conId: number, exchange: string, name: string, price: number, vol: number): Listing => base(symbol, conId, exchange, name, 'Indices', 'Index', price, vol, 1, {
    secType: 'IND', exchange, currency: 'USD', localSymbol: symbol, tradingClass: symbol, minTick: 0.01, marketRuleId: 26, venue: 'CBOE_INDEX',
    validExchanges: exchange, orderTypes: '', lastOnly: true,
  });
  return [
    idx('SPX', 416904, 'CBOE', 'S&P 500 Stock Index', 5870, 0.15),
    idx('NDX', 416843, 'NASDAQ', 'NASDAQ 100 Stock Index', 20750, 0.2),
    idx('VIX', 13455763, 'CBOE', 'CBOE Volatility Index', 15.2, 0.9),
  ];
}

const MONTH_CODES = 'FGHJKMNQUVXZ';

interface FutureRoot {
  symbol: string; exchange: string; name: string; multiplier: number; tick: number; rule: number; price: number; vol: number;
  /** Listed months, 1-12. */
  months: number[]; listed: number; slot: number;
  /** Last trading day of a contract month (year, month 1-12) as yyyyMMdd. */
  lastTrade: (year: number, month: number) => string;
  /** Physically delivered roots: the exchange's first notice day of a contract month as yyyyMMdd. Cash-settled roots have none. */
  firstNotice?: (year: number, month: number) => string;
}

const nth = (year: number, month: number, weekday: number, n: number): string => {
  let d = addDays({ year, month, day: 1 }, 0);
  while (d.weekday !== weekday) d = addDays(d, 1);
  return ymd(addDays(d, 7 * (n - 1)));
};
/** A business day `back` business days before the given date. */
const businessDaysBefore = (year: number, month: number, day: number, back: number): string => {
  let d = addDays({ year, month, day }, 0);
  let left = back;
  while (left > 0) {
    d = addDays(d, -1);
    if (d.weekday !== 0 && d.weekday !== 6) left--;
  }
  return ymd(d);
};
const lastBusinessDay = (year: number, month: number): { year: number; month: number; day: number } => {
  let d = addDays({ year, month: month + 1 > 12 ? 1 : month + 1, day: 1 }, 0);
  if (month === 12) d = addDays({ year: year + 1, month: 1, day: 1 }, 0);
  d = addDays(d, -1);
  while (d.weekday === 0 || d.weekday === 6) d = addDays(d, -1);
  return d;
};

/** The last business day of the month before a contract month: COMEX metals' and CBOT Treasuries' first notice day. */
const endOfPriorMonth = (year: number, month: number): string => ymd(month === 1 ? lastBusinessDay(year - 1, 12) : lastBusinessDay(year, month - 1));
/** The business day after a date: NYMEX crude's first notice follows its last trading day. */
const nextBusinessDay = (date: string): string => {
  let d = addDays({ year: Number(date.slice(0, 4)), month: Number(date.slice(4, 6)), day: Number(date.slice(6, 8)) }, 1);
  while (d.weekday === 0 || d.weekday === 6) d = addDays(d, 1);
  return ymd(d);
};

const QUARTERLY = [3, 6, 9, 12];
const ROOTS: FutureRoot[] = [
  { symbol: 'ES', exchange: 'CME', name: 'E-mini S&P 500', multiplier: 50, tick: 0.25, rule: 67, price: 5890, vol: 0.15, months: QUARTERLY, listed: 4, slot: 1, lastTrade: (y, mo) => nth(y, mo, 5, 3) },
  { symbol: 'MES', exchange: 'CME', name: 'Micro E-mini S&P 500', multiplier: 5, tick: 0.25, rule: 67, price: 5890, vol: 0.15, months: QUARTERLY, listed: 4, slot: 2, lastTrade: (y, mo) => nth(y, mo, 5, 3) },
  { symbol: 'NQ', exchange: 'CME', name: 'E-mini Nasdaq-100', multiplier: 20, tick: 0.25, rule: 67, price: 20900, vol: 0.2, months: QUARTERLY, listed: 4, slot: 3, lastTrade: (y, mo) => nth(y, mo, 5, 3) },
  // Crude trades out of the month before delivery: three business days before the 25th of the prior month.
  { symbol: 'CL', exchange: 'NYMEX', name: 'Light Sweet Crude Oil', multiplier: 1000, tick: 0.01, rule: 26, price: 71.4, vol: 0.35, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], listed: 6, slot: 4,
    lastTrade: (y, mo) => (mo === 1 ? businessDaysBefore(y - 1, 12, 25, 3) : businessDaysBefore(y, mo - 1, 25, 3)),
    firstNotice: (y, mo) => nextBusinessDay(mo === 1 ? businessDaysBefore(y - 1, 12, 25, 3) : businessDaysBefore(y, mo - 1, 25, 3)) },
  { symbol: 'GC', exchange: 'COMEX', name: 'Gold', multiplier: 100, tick: 0.1, rule: 81, price: 2650, vol: 0.16, months: [2, 4, 6, 8, 10, 12], listed: 4, slot: 5,
    lastTrade: (y, mo) => { const d = lastBusinessDay(y, mo); return businessDaysBefore(d.year, d.month, d.day, 2); }, firstNotice: endOfPriorMonth },
  { symbol: 'ZN', exchange: 'CBOT', name: '10-Year T-Note', multiplier: 1000, tick: 0.015625, rule: 82, price: 110.5, vol: 0.06, months: QUARTERLY, listed: 3, slot: 6,
    lastTrade: (y, mo) => { const d = lastBusinessDay(y, mo); return businessDaysBefore(d.year, d.month, d.day, 7); }, firstNotice: endOfPriorMonth },
];

const FUTURE_CONID_BASE = 600_000_000;

/** One contract month of a root; `found` is how many months before it are listed (carry puts later months a little further from spot). */
function futureListing(r: FutureRoot, y: number, mo: number, found: number): Listing {
  const local = `${r.symbol}${MONTH_CODES[mo - 1]}${y % 10}`;
  const price = Math.round((r.price * (1 + 0.004 * found)) / r.tick) * r.tick;
  return base(r.symbol, FUTURE_CONID_BASE + r.slot * 10_000 + (y % 100) * 100 + mo, r.exchange, r.name, 'Futures', r.name, price, r.vol, 1, {
    secType: 'FUT', exchange: r.exchange, currency: 'USD', localSymbol: local, tradingClass: r.symbol, minTick: r.tick, marketRuleId: r.rule,
    multiplier: r.multiplier, lastTradeDate: r.lastTrade(y, mo), contractMonth: `${y}${String(mo).padStart(2, '0')}`, venue: 'GLOBEX',
    ...(r.firstNotice ? { settlement: 'physical' as const, firstNoticeDate: r.firstNotice(y, mo) } : { settlement: 'cash' as const }),
    validExchanges: r.exchange, orderTypes: FUT_ORDER_TYPES, sizeIncrement: 1, minSize: 1, suggestedSizeIncrement: 1,
  });
}

/** The next `listed` contract months of a root whose last trading day is still ahead, and its conId scheme. */
function futures(now: number): Listing[] {
  const p = easternParts(now);
  const today = ymd(p);
  const out: Listing[] = [];
  for (const r of ROOTS) {
    let y = p.year;
    let mo = p.month;
    let found = 0;
    for (let guard = 0; guard < 36 && found < r.listed; guard++) {
      if (r.months.includes(mo) && r.lastTrade(y, mo) >= today) out.push(futureListing(r, y, mo, found++));
      mo++;
      if (mo > 12) { mo = 1; y++; }
    }
  }
  return out;
}

/**
 * Any contract month of a listed root by its conId, listed today or not: a
 * month that has expired is no longer in the catalogue, but a book that held
 * it still has to know what it was (its terms and last trading day) to settle it.
 */
export function futureByConId(conId: number): Listing | undefined {
  const off = conId - FUTURE_CONID_BASE;
  if (off <= 0) return undefined;
  const r = ROOTS.find((x) => x.slot === Math.floor(off / 10_000));
  const mo = off % 100;
  const y = 2000 + Math.floor((off % 10_000) / 100);
  return r && r.months.includes(mo) ? futureListing(r, y, mo, 0) : undefined;
}

function forex(): Listing[] {
  const pair = (baseCcy: string, quote: string, conId: number, price: number, tick: number, vol: number): Listing => base(baseCcy, conId, 'IDEALPRO', `${baseCcy}/${quote}`, 'Currency', 'Currency', price, vol, 100_000, {
    secType: 'CASH', exchange: 'IDEALPRO', currency: quote, localSymbol: `${baseCcy}.${quote}`, tradingClass: `${baseCcy}.${quote}`, minTick: tick, marketRuleId: 239,
    venue: 'IDEALPRO', validExchanges: 'IDEALPRO', orderTypes: FX_ORDER_TYPES,
    // IDEALPRO takes any size; below 25,000 of the base currency an order becomes an odd lot routed elsewhere.
    minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 25_000,
  });
  return [
    pair('EUR', 'USD', 12087792, 1.0855, 0.00005, 0.07),
    pair('GBP', 'USD', 12087797, 1.2705, 0.00005, 0.08),
    pair('USD', 'JPY', 15016059, 149.85, 0.005, 0.09),
    pair('USD', 'CHF', 12087820, 0.8815, 0.00005, 0.07),
    pair('AUD', 'USD', 14433401, 0.6515, 0.00005, 0.09),
  ];
}

function foreignStocks(): Listing[] {
  const stk = (symbol: string, conId: number, exchange: string, venue: InstrumentSpec['venue'], currency: string, name: string, industry: string, category: string, price: number, vol: number, magnifier?: number): Listing =>
    base(symbol, conId, exchange, name, industry, category, price, vol, 100, {
      secType: 'STK', exchange: 'SMART', currency, localSymbol: symbol, tradingClass: symbol, minTick: exchange === 'TSEJ' ? 1 : 0.01, marketRuleId: exchange === 'TSEJ' ? 83 : 26,
      venue, stockType: 'COMMON', validExchanges: `SMART,${exchange}`, orderTypes: STK_ORDER_TYPES,
      ...(magnifier ? { priceMagnifier: magnifier } : {}),
    });
  return [
    stk('SAP', 14204, 'IBIS', 'XETRA', 'EUR', 'SAP SE', 'Technology', 'Software', 228.4, 0.25),
    stk('SIE', 14203, 'IBIS', 'XETRA', 'EUR', 'SIEMENS AG-REG', 'Industrial', 'Miscellaneous Manufactur', 186.2, 0.24),
    stk('ASML', 117902840, 'AEB', 'AEB', 'EUR', 'ASML HOLDING NV', 'Technology', 'Semiconductors', 668.9, 0.4),
    // The LSE quotes in pence: IB's price magnifier of 100 turns 650.2 into GBP 6.502.
    stk('HSBA', 10004, 'LSE', 'LSE', 'GBP', 'HSBC HOLDINGS PLC', 'Financial', 'Banks', 726.3, 0.22, 100),
    stk('7203', 13905, 'TSEJ', 'TSEJ', 'JPY', 'TOYOTA MOTOR CORP', 'Consumer, Cyclical', 'Auto Manufacturers', 2785, 0.28),
  ];
}

function crypto(): Listing[] {
  const coin = (symbol: string, conId: number, name: string, price: number, tick: number, vol: number): Listing => base(symbol, conId, 'PAXOS', name, 'Crypto', 'Crypto', price, vol, 1, {
    secType: 'CRYPTO', exchange: 'PAXOS', currency: 'USD', localSymbol: `${symbol}.USD`, tradingClass: symbol, minTick: tick, marketRuleId: tick >= 0.25 ? 67 : 26,
    venue: 'PAXOS', validExchanges: 'PAXOS', orderTypes: 'DAY,IOC,LMT,MKT,MKTLMT,WHATIF,GTC',
    // Fractional coins, bought with cash only.
    minSize: 0.0001, sizeIncrement: 0.00000001, suggestedSizeIncrement: 0.0001,
  });
  return [coin('BTC', 479624278, 'Bitcoin', 96_500, 0.25, 0.55), coin('ETH', 495759171, 'Ethereum', 3_450, 0.01, 0.7)];
}

/**
 * US Treasury notes and bonds through SMART, quoted in percent of face (1,000
 * a bond) in 1/128ths. The CUSIPs are the simulator's own ("91SIM..."), so
 * none can pass for a real issue.
 */
function treasuries(): Listing[] {
  const ust = (conId: number, cusip: string, coupon: number, maturity: string, issueDate: string, desc: string, price: number, vol: number): Listing =>
    base('US-T', conId, 'SMART', `United States Treasury ${desc}`, 'Government', 'Sovereign', price, vol, 10, {
      secType: 'BOND', exchange: 'SMART', currency: 'USD', localSymbol: cusip, tradingClass: 'US-T', minTick: 1 / 128, marketRuleId: 1036,
      venue: 'UST', validExchanges: 'SMART', orderTypes: 'DAY,GTC,IOC,LMT,MKT,WHATIF', minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 10,
      bond: { cusip, coupon, maturity, issueDate, descAppend: desc, bondType: 'GOVT' },
    });
  return [
    ust(700_000_101, '91SIM0028', 4.25, '20281130', '20261130', 'T 4 1/4 11/30/28', 100.15625, 0.02),
    ust(700_000_102, '91SIM0031', 4.125, '20311130', '20261130', 'T 4 1/8 11/30/31', 99.6875, 0.04),
    ust(700_000_103, '91SIM0036', 4.375, '20361115', '20261115', 'T 4 3/8 11/15/36', 99.21875, 0.07),
    ust(700_000_104, '91SIM0056', 4.625, '20561115', '20261115', 'T 4 5/8 11/15/56', 97.453125, 0.12),
  ];
}

/** US listings with a stock type other than COMMON/ETF. They quote like any US stock. */
function usSpecials(): Listing[] {
  const us = (symbol: string, conId: number, primaryExch: string, name: string, industry: string, category: string, price: number, vol: number, stockType: string): Listing =>
    ({ symbol, conId, primaryExch, longName: name, industry, category, etf: false, price, vol, lotSize: price < 50 ? 500 : 200, stockType });
  return [
    us('EPD', 5206, 'NYSE', 'ENTERPRISE PRODUCTS PARTNERS', 'Energy', 'Pipelines', 31.4, 0.18, 'MLP'),
    us('ET', 251962528, 'NYSE', 'ENERGY TRANSFER LP', 'Energy', 'Pipelines', 19.1, 0.24, 'MLP'),
    us('MPLX', 119972359, 'NYSE', 'MPLX LP', 'Energy', 'Pipelines', 47.8, 0.2, 'MLP'),
    us('TSM', 6223250, 'NYSE', 'TAIWAN SEMICONDUCTOR-SP ADR', 'Technology', 'Semiconductors', 194.5, 0.4, 'ADR'),
    us('NVO', 4784, 'NYSE', 'NOVO-NORDISK A/S-SPONS ADR', 'Consumer, Non-cyclical', 'Pharmaceuticals', 104.2, 0.32, 'ADR'),
    us('BABA', 166090175, 'NYSE', 'ALIBABA GROUP HOLDING-SP ADR', 'Communications', 'Internet', 85.3, 0.42, 'ADR'),
  ];
}

/** Every instrument beyond the core US book, its futures months as live at `now`. */
export function worldListings(now: number): Listing[] {
  return [...usSpecials(), ...indices(), ...futures(now), ...forex(), ...foreignStocks(), ...crypto(), ...treasuries()];
}
