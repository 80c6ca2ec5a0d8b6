// Listed equity options on the large underlyings: monthly expiries a year out
// and weekly ones for the next two months, strikes around spot, multiplier
// 100, OCC-style local symbols. Contracts are derived, not stored: a conId
// encodes its series, so a chain of thousands of strikes costs nothing until
// someone asks for a quote.
import { easternParts, easternToMs, addDays, ymd } from './eastern-time';
import type { Listing } from './catalogue';
import { blackScholes, smileVol, type Greeks } from './option-pricing';
import type { Contract } from './types';

export const OPTION_UNDERLYINGS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'TSLA', 'GOOGL', 'SPY', 'QQQ', 'IWM'];
/** Index options (European, cash-settled), after the equity ones so their conIds stay put. */
export const INDEX_OPTION_UNDERLYINGS = ['SPX'];
/** conIds of simulated options: base + underlying slot * 2^22 + series index. */
export const OPTION_CONID_BASE = 1_000_000_000;
const SERIES_PER_UNDERLYING = 1 << 22;
const RATE = 0.045;
const MULTIPLIER = 100;

export interface OptionSeries {
  underlying: Listing;
  expiry: string;
  strike: number;
  right: 'C' | 'P';
  conId: number;
}

export interface OptionChain {
  exchange: string;
  underlyingConId: number;
  tradingClass: string;
  multiplier: number;
  expirations: string[];
  strikes: number[];
}

/** Strike spacing by price, as the listed markets use. */
export function strikeStep(spot: number): number {
  return spot < 25 ? 0.5 : spot < 100 ? 1 : spot < 250 ? 2.5 : spot < 500 ? 5 : 10;
}

/** Third Friday of a month (Eastern calendar). */
function thirdFriday(year: number, month: number): string {
  let d = addDays({ year, month, day: 1 }, 0);
  while (d.weekday !== 5) d = addDays(d, 1);
  return ymd(addDays(d, 14));
}

export function expiries(now: number): string[] {
  const p = easternParts(now);
  const today = ymd(p);
  const out = new Set<string>();
  // Weeklies: the next eight Fridays.
  let d = addDays(p, 0);
  while (d.weekday !== 5) d = addDays(d, 1);
  for (let i = 0; i < 8; i++) out.add(ymd(addDays(d, 7 * i)));
  // Monthlies: twelve third Fridays.
  for (let i = 0; i < 13; i++) {
    const m = ((p.month - 1 + i) % 12) + 1;
    const y = p.year + Math.floor((p.month - 1 + i) / 12);
    out.add(thirdFriday(y, m));
  }
  return [...out].filter((e) => e >= today).sort().slice(0, 20);
}

export class OptionBook {
  private readonly slots = new Map<number, Listing>();
  private readonly slotOf = new Map<number, number>();
  /** Strikes are fixed at the start price, as listed strikes do not move with the stock intraday. */
  private readonly strikesOf = new Map<number, number[]>();

  constructor(underlyings: readonly Listing[], private readonly now: () => number) {
    underlyings.forEach((l, i) => {
      this.slots.set(i, l);
      this.slotOf.set(l.conId, i);
      // Index options list five-point strikes around the money.
      const step = isIndex(l) ? 5 : strikeStep(l.price);
      const centre = Math.round(l.price / step) * step;
      const strikes: number[] = [];
      // 50 strikes either side of the money.
      for (let k = -50; k <= 50; k++) {
        const strike = Math.round((centre + k * step) * 100) / 100;
        if (strike > 0) strikes.push(strike);
      }
      this.strikesOf.set(l.conId, strikes);
    });
  }

  hasOptions(underlyingConId: number): boolean {
    return this.slotOf.has(underlyingConId);
  }

  isOption(conId: number): boolean {
    return conId >= OPTION_CONID_BASE && conId < OPTION_CONID_BASE + this.slots.size * SERIES_PER_UNDERLYING;
  }

  chains(underlyingConId: number, exchange: string): OptionChain[] {
    const l = this.slots.get(this.slotOf.get(underlyingConId) ?? -1);
    if (!l) return [];
    // SPX options list on CBOE alone, as SPX (monthly, AM-settled) and SPXW (the other expiries).
    const venues = isIndex(l) ? ['SMART', 'CBOE'] : ['SMART', 'CBOE', 'AMEX', 'ISE', 'PHLX', 'BOX'];
    const wanted = exchange.trim() ? venues.filter((v) => v === exchange.trim().toUpperCase()) : venues;
    const all = expiries(this.now());
    const classes = isIndex(l)
      ? [{ tradingClass: l.symbol, expirations: all.filter(isMonthly) }, { tradingClass: `${l.symbol}W`, expirations: all.filter((e) => !isMonthly(e)) }]
      : [{ tradingClass: l.symbol, expirations: all }];
    return wanted.flatMap((ex) => classes.map((c) => ({
      exchange: ex, underlyingConId, tradingClass: c.tradingClass, multiplier: MULTIPLIER, expirations: c.expirations, strikes: [...this.strikesOf.get(l.conId)!],
    })));
  }

  /** Every series matching a (partial) option contract: symbol, expiry, strike and right narrow it down. */
  find(q: Contract): OptionSeries[] {
    if (q.conId) {
      const s = this.byConId(q.conId);
      return s ? [s] : [];
    }
    const l = [...this.slots.values()].find((x) => x.symbol === q.symbol?.toUpperCase());
    if (!l) {
      const local = q.localSymbol ? this.fromLocalSymbol(q.localSymbol) : undefined;
      return local ? [local] : [];
    }
    const exps = expiries(this.now()).filter((e) => !q.lastTradeDateOrContractMonth || e.startsWith(q.lastTradeDateOrContractMonth));
    const strikes = this.strikesOf.get(l.conId)!.filter((k) => !q.strike || Math.abs(k - q.strike) < 1e-9);
    const rights: ('C' | 'P')[] = q.right ? [String(q.right).toUpperCase().startsWith('C') ? 'C' : 'P'] : ['C', 'P'];
    const out: OptionSeries[] = [];
    for (const e of exps) for (const k of strikes) for (const r of rights) out.push(this.series(l, e, k, r));
    // SPX and SPXW share a root: the trading class tells the monthlies from the weeklies.
    const cls = q.tradingClass?.trim().toUpperCase();
    return cls ? out.filter((s) => tradingClassOf(s) === cls) : out;
  }

  byConId(conId: number): OptionSeries | undefined {
    if (!this.isOption(conId)) return undefined;
    const offset = conId - OPTION_CONID_BASE;
    const l = this.slots.get(Math.floor(offset / SERIES_PER_UNDERLYING));
    if (!l) return undefined;
    const idx = offset % SERIES_PER_UNDERLYING;
    const right = idx % 2 === 0 ? 'C' : 'P';
    const strikeIdx = Math.floor(idx / 2) % 128;
    const expiryCode = Math.floor(idx / 256);
    const strike = this.strikesOf.get(l.conId)![strikeIdx];
    const expiry = decodeExpiry(expiryCode);
    if (strike === undefined || !expiry) return undefined;
    return { underlying: l, expiry, strike, right, conId };
  }

  contract(s: OptionSeries): Contract {
    return {
      conId: s.conId, symbol: s.underlying.symbol, secType: 'OPT' as Contract['secType'], lastTradeDateOrContractMonth: s.expiry,
      strike: s.strike, right: s.right as Contract['right'], multiplier: MULTIPLIER, exchange: 'SMART', currency: 'USD',
      localSymbol: occSymbol(s), tradingClass: tradingClassOf(s),
    };
  }

  /** Years to the series' expiry (16:00 New York on its last trading day). */
  yearsToExpiry(s: OptionSeries): number {
    const y = Number(s.expiry.slice(0, 4));
    const m = Number(s.expiry.slice(4, 6));
    const d = Number(s.expiry.slice(6, 8));
    return Math.max(0, easternToMs(y, m, d, 16) - this.now()) / (365 * 86_400_000);
  }

  greeks(s: OptionSeries, spot: number): Greeks & { iv: number } {
    const years = this.yearsToExpiry(s);
    const iv = smileVol(s.underlying.vol, spot, s.strike, years);
    return { ...blackScholes(s.right === 'C', spot, s.strike, years, iv, RATE), iv };
  }

  private series(l: Listing, expiry: string, strike: number, right: 'C' | 'P'): OptionSeries {
    const slot = this.slotOf.get(l.conId)!;
    const strikeIdx = this.strikesOf.get(l.conId)!.indexOf(strike);
    const idx = encodeExpiry(expiry) * 256 + strikeIdx * 2 + (right === 'C' ? 0 : 1);
    return { underlying: l, expiry, strike, right, conId: OPTION_CONID_BASE + slot * SERIES_PER_UNDERLYING + idx };
  }

  private fromLocalSymbol(local: string): OptionSeries | undefined {
    const m = /^(\S+)\s+(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(local.trim());
    if (!m) return undefined;
    const l = [...this.slots.values()].find((x) => x.symbol === m[1] || (isIndex(x) && `${x.symbol}W` === m[1]));
    if (!l) return undefined;
    const expiry = `20${m[2]}${m[3]}${m[4]}`;
    const strike = Number(m[6]) / 1000;
    if (!this.strikesOf.get(l.conId)!.some((k) => Math.abs(k - strike) < 1e-9) || !expiries(this.now()).includes(expiry)) return undefined;
    const series = this.series(l, expiry, strike, m[5] as 'C' | 'P');
    // The root must be the series' own class: SPX for a monthly, SPXW for a weekly.
    return tradingClassOf(series) === m[1] ? series : undefined;
  }
}

/** Expiries as days since 2000-01-01, so conIds stay stable while the list of live expiries rolls. */
function encodeExpiry(expiry: string): number {
  const ms = Date.UTC(Number(expiry.slice(0, 4)), Number(expiry.slice(4, 6)) - 1, Number(expiry.slice(6, 8)));
  return Math.round((ms - Date.UTC(2000, 0, 1)) / 86_400_000);
}

function decodeExpiry(code: number): string | undefined {
  if (code <= 0 || code >= SERIES_PER_UNDERLYING / 256) return undefined;
  const d = new Date(Date.UTC(2000, 0, 1) + code * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

const isIndex = (l: Listing): boolean => l.spec?.secType === 'IND';

/** A third-Friday (standard monthly) expiry: every listed expiry is a Friday, so days 15 to 21. */
function isMonthly(expiry: string): boolean {
  const day = Number(expiry.slice(6, 8));
  return day >= 15 && day <= 21;
}

/** SPX for the standard monthlies, SPXW for the weeklies; an equity option's class is its root. */
export function tradingClassOf(s: OptionSeries): string {
  return isIndex(s.underlying) && !isMonthly(s.expiry) ? `${s.underlying.symbol}W` : s.underlying.symbol;
}

/** OCC symbology: root (the trading class) padded to six, yyMMdd, C/P, strike x1000 in eight digits. */
export function occSymbol(s: OptionSeries): string {
  return `${tradingClassOf(s).padEnd(6, ' ')}${s.expiry.slice(2)}${s.right}${String(Math.round(s.strike * 1000)).padStart(8, '0')}`;
}
