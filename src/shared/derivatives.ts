import { closeOutOf } from './futures-delivery';
import type { PositionView, QuoteView } from './portfolio';

/**
 * Options and futures as a trader reads them: grouped under their
 * underlying, with days to expiry, delta-adjusted exposure, the strategies
 * their legs make, and what needs attention before expiry. Pure functions of
 * the positions (with IB's greeks) and today's date, so main, the renderer
 * and Claude's tools all read the same.
 */

export const ROLL_WARNING_DAYS = 7;
export const ASSIGNMENT_RISK_DAYS = 7;

const isOption = (p: Pick<PositionView, 'secType'>): boolean => p.secType === 'OPT' || p.secType === 'FOP';

/**
 * Calendar days from today (yyyyMMdd) to an expiry (yyyyMMdd); 0 on the day
 * itself. A bare contract month (yyyyMM) counts to its first day, the
 * earliest it can expire, never to the last day of the month before.
 */
export function daysToExpiry(expiry: string, today: string): number {
  const at = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, s.length >= 8 ? Number(s.slice(6, 8)) : 1);
  return Math.round((at(expiry.slice(0, 8)) - at(today)) / 86_400_000);
}

/** The Friday that ends today's trading week (the next one at a weekend), yyyyMMdd. */
export function endOfWeek(today: string): string {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(4, 6)) - 1, Number(today.slice(6, 8))));
  const wd = d.getUTCDay();
  d.setUTCDate(d.getUTCDate() + (wd === 6 ? 6 : wd === 0 ? 5 : 5 - wd));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export interface Exposure {
  /** Shares of the underlying the position moves like: delta x quantity x multiplier for an option. */
  sharesEquivalent: number | null;
  /** In the account's base currency: delta-adjusted for options, notional for futures, market value otherwise. */
  notional: number | null;
  basis: 'value' | 'delta' | 'notional';
}

/** IB's multiplier when it is a usable number; unknown otherwise, never taken as 1 or 100. */
function unitsOf(p: PositionView): number | null {
  const m: number | null | undefined = p.multiplier;
  return m !== null && m !== undefined && Number.isFinite(m) && m > 0 ? m : null;
}

export function exposureOf(p: PositionView, underlyingPrice: number | null): Exposure {
  const units = unitsOf(p);
  if (isOption(p)) {
    const delta = p.greeks?.delta ?? null;
    const shares = delta === null || units === null ? null : delta * p.quantity * units;
    const und = p.greeks?.underlyingPrice ?? underlyingPrice;
    return { sharesEquivalent: shares, notional: shares === null || und === null || p.fxRate === null ? null : shares * und * p.fxRate, basis: 'delta' };
  }
  if (p.secType === 'FUT') {
    const shares = units === null ? null : p.quantity * units;
    return { sharesEquivalent: shares, notional: shares === null || p.marketPrice === null || p.fxRate === null ? null : shares * p.marketPrice * p.fxRate, basis: 'notional' };
  }
  return { sharesEquivalent: p.secType === 'STK' ? p.quantity : null, notional: p.baseValue, basis: 'value' };
}

export type StrategyKind = 'vertical' | 'covered call' | 'cash-secured put' | 'straddle' | 'strangle' | 'leg';

export interface Strategy {
  kind: StrategyKind;
  /** "SPY 20261218 580/600 call vertical, long 10". */
  label: string;
  /** Position keys of the legs (a covered call names its shares too). */
  legs: string[];
}

export interface UnderlyingGroup {
  account: string;
  underlying: string;
  /** The underlying's own position (shares) first, then options by expiry, strike and right, then futures. */
  positions: PositionView[];
  strategies: Strategy[];
  sharesEquivalent: number | null;
  /** Delta-adjusted exposure in the account's base currency. */
  exposure: number | null;
  /** Sum of base-currency market values. */
  marketValue: number | null;
  underlyingPrice: number | null;
}

const sumOrNull = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0));

function legLabel(p: PositionView): string {
  const side = p.quantity > 0 ? 'long' : 'short';
  if (!isOption(p)) return `${p.symbol}, ${side} ${Math.abs(p.quantity)}`;
  return `${p.underlying} ${p.expiry} ${p.strike} ${p.right === 'C' ? 'call' : 'put'}, ${side} ${Math.abs(p.quantity)}`;
}

/** Recognises strategies in one account's legs on one underlying; `cash` is the account's cash in base, for puts it can secure. */
export function recogniseStrategies(positions: readonly PositionView[], cash: number | null): Strategy[] {
  const options = positions.filter(isOption).filter((p) => p.expiry && p.strike !== null && p.right);
  const used = new Set<string>();
  const out: Strategy[] = [];
  const free = (p: PositionView): boolean => !used.has(p.key);
  // Verticals: same expiry and right, opposite sides, equal size, different strikes.
  for (const long of options.filter((p) => p.quantity > 0)) {
    if (!free(long)) continue;
    const short = options.find((s) => free(s) && s.quantity === -long.quantity && s.expiry === long.expiry && s.right === long.right && s.strike !== long.strike);
    if (!short) continue;
    used.add(long.key).add(short.key);
    const [lo, hi] = [long.strike!, short.strike!].sort((a, b) => a - b);
    // Long the lower strike is bullish for calls and puts alike.
    const bullish = long.strike! < short.strike!;
    out.push({ kind: 'vertical', label: `${long.underlying} ${long.expiry} ${lo}/${hi} ${long.right === 'C' ? 'call' : 'put'} vertical (${bullish ? 'bull' : 'bear'}), ${long.quantity} wide`, legs: [long.key, short.key] });
  }
  // Straddles and strangles: a call and a put on the same side, size and expiry.
  for (const call of options.filter((p) => p.right === 'C')) {
    if (!free(call)) continue;
    const put = options.find((p) => free(p) && p.right === 'P' && p.expiry === call.expiry && p.quantity === call.quantity);
    if (!put) continue;
    used.add(call.key).add(put.key);
    const kind = put.strike === call.strike ? 'straddle' : 'strangle';
    const strikes = kind === 'straddle' ? `${call.strike}` : `${put.strike}/${call.strike}`;
    out.push({ kind, label: `${call.underlying} ${call.expiry} ${strikes} ${kind}, ${call.quantity > 0 ? 'long' : 'short'} ${Math.abs(call.quantity)}`, legs: [call.key, put.key] });
  }
  // Covered calls: short calls against shares held.
  let shares = positions.filter((p) => p.secType === 'STK').reduce((a, p) => a + p.quantity, 0);
  const stockKeys = positions.filter((p) => p.secType === 'STK').map((p) => p.key);
  for (const call of options.filter((p) => free(p) && p.right === 'C' && p.quantity < 0)) {
    const units = unitsOf(call);
    if (units === null) continue;
    const needed = -call.quantity * units;
    if (shares < needed) continue;
    shares -= needed;
    used.add(call.key);
    out.push({ kind: 'covered call', label: `${call.underlying} ${call.expiry} ${call.strike} covered call, ${-call.quantity} against ${needed} shares`, legs: [call.key, ...stockKeys] });
  }
  // Cash-secured puts: short puts the account's cash would pay for if assigned.
  let left = cash;
  for (const put of options.filter((p) => free(p) && p.right === 'P' && p.quantity < 0)) {
    const needed = -put.quantity * (unitsOf(put) ?? Number.NaN) * put.strike! * (put.fxRate ?? Number.NaN);
    if (left === null || !(left >= needed)) continue;
    left -= needed;
    used.add(put.key);
    out.push({ kind: 'cash-secured put', label: `${put.underlying} ${put.expiry} ${put.strike} cash-secured put, short ${-put.quantity}`, legs: [put.key] });
  }
  for (const p of options) if (free(p)) out.push({ kind: 'leg', label: legLabel(p), legs: [p.key] });
  return out;
}

function order(a: PositionView, b: PositionView): number {
  const rank = (p: PositionView): number => (isOption(p) ? 1 : p.secType === 'FUT' ? 2 : 0);
  return rank(a) - rank(b) || (a.expiry ?? '').localeCompare(b.expiry ?? '') || (a.strike ?? 0) - (b.strike ?? 0) || (a.right ?? '').localeCompare(b.right ?? '') || a.key.localeCompare(b.key);
}

/** Every account's positions grouped by underlying; `cashOf` gives an account's cash in base (for cash-secured puts). */
export function groupByUnderlying(positions: readonly PositionView[], cashOf: (account: string) => number | null = () => null): UnderlyingGroup[] {
  const groups = new Map<string, PositionView[]>();
  for (const p of positions) {
    const id = `${p.account}\u0000${p.underlying}`;
    const list = groups.get(id) ?? [];
    list.push(p);
    groups.set(id, list);
  }
  const out: UnderlyingGroup[] = [];
  for (const list of groups.values()) {
    list.sort(order);
    const first = list[0]!;
    const stock = list.find((p) => p.secType === 'STK');
    const underlyingPrice = list.find((p) => p.greeks?.underlyingPrice != null)?.greeks?.underlyingPrice ?? stock?.marketPrice ?? null;
    const exposures = list.map((p) => exposureOf(p, underlyingPrice));
    // Futures move like quantity x multiplier of the underlying, the units option deltas x multiplier are in.
    const shareLike = list.map((p, i) => (p.secType === 'STK' || p.secType === 'FUT' || isOption(p) ? exposures[i]!.sharesEquivalent : 0));
    out.push({
      account: first.account, underlying: first.underlying, positions: list,
      strategies: recogniseStrategies(list, cashOf(first.account)),
      sharesEquivalent: sumOrNull(shareLike),
      exposure: sumOrNull(exposures.map((e) => e.notional)),
      marketValue: sumOrNull(list.map((p) => p.baseValue)),
      underlyingPrice,
    });
  }
  return out.sort((a, b) => a.account.localeCompare(b.account) || a.underlying.localeCompare(b.underlying));
}

/** Delta-adjusted exposure of each account, in its base currency. */
export function accountExposure(groups: readonly UnderlyingGroup[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const g of groups) {
    const prev = out.has(g.account) ? out.get(g.account)! : 0;
    out.set(g.account, prev === null || g.exposure === null ? null : prev + g.exposure);
  }
  return out;
}

export type ExpiryFlagKind = 'expires this week' | 'assignment risk' | 'assignment risk unknown' | 'roll future';

export interface ExpiryFlag {
  key: string;
  kind: ExpiryFlagKind;
  daysToExpiry: number;
  text: string;
}

export interface UnderlyingPrice {
  price: number;
  /** Where it came from, for the flag's words. */
  source: string;
}

/** What of a quote prices an underlying. */
export type UnderlyingQuote = Pick<QuoteView, 'symbol' | 'bid' | 'ask' | 'last' | 'close'>;

const usable = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x) && x > 0;

/**
 * The underlying's price for an option: IB's own (the option computation
 * tick) where there is one; else the market price of the underlying held in
 * the book (shares in the option's currency for a stock option, the nearest
 * future expiring with or after a futures option); else the underlying's
 * quote, when only one quote goes by that symbol (a quote does not say its
 * currency, and SAP in Frankfurt is not SAP in New York). Accounts without
 * an options data subscription never get option computation ticks, so the
 * greeks alone would leave a deep in-the-money short call unflagged.
 */
export function underlyingPriceOf(option: PositionView, positions: readonly PositionView[], quotes: readonly UnderlyingQuote[] = []): UnderlyingPrice | null {
  if (usable(option.greeks?.underlyingPrice)) return { price: option.greeks.underlyingPrice, source: 'IB’s option model' };
  if (option.secType === 'OPT') {
    const shares = positions.find((p) => p.secType === 'STK' && p.symbol === option.underlying && p.currency === option.currency && usable(p.marketPrice));
    if (shares) return { price: shares.marketPrice!, source: `the ${option.underlying} shares held` };
    const named = quotes.filter((x) => x.symbol === option.underlying);
    const q = named.length === 1 ? named[0]! : undefined;
    const mid = q && usable(q.bid) && usable(q.ask) ? (q.bid + q.ask) / 2 : null;
    const quoted = q ? (usable(q.last) ? q.last : mid ?? (usable(q.close) ? q.close : null)) : null;
    return quoted === null ? null : { price: quoted, source: `the ${option.underlying} quote` };
  }
  const expiry = option.expiry ?? '';
  const future = positions
    .filter((p) => p.secType === 'FUT' && p.underlying === option.underlying && p.currency === option.currency && usable(p.marketPrice) && (p.expiry ?? '') >= expiry)
    .sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? ''))[0];
  return future ? { price: future.marketPrice!, source: `the ${future.symbol} future held` } : null;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/**
 * Options expiring this week, short options in the money near expiry (or
 * whose moneyness cannot be known for want of a price), futures near the day
 * IB may close them out. `quotes` are the quotes at hand, for underlyings IB
 * sent no option model price for.
 */
export function expiryFlags(positions: readonly PositionView[], today: string, quotes: readonly UnderlyingQuote[] = []): ExpiryFlag[] {
  const friday = endOfWeek(today);
  const out: ExpiryFlag[] = [];
  for (const p of positions) {
    if (!p.expiry) continue;
    const dte = daysToExpiry(p.expiry, today);
    if (dte < 0) continue;
    if (p.secType === 'FUT') {
      const roll = rollFlag(p, today, dte);
      if (roll) out.push(roll);
      continue;
    }
    if (!isOption(p)) continue;
    if (p.expiry.slice(0, 8) <= friday) out.push({ key: p.key, kind: 'expires this week', daysToExpiry: dte, text: `${legLabel(p)} expires ${p.expiry}.` });
    if (p.quantity >= 0 || dte > ASSIGNMENT_RISK_DAYS || p.strike === null) continue;
    const und = underlyingPriceOf(p, positions, quotes);
    if (und === null) {
      out.push({
        key: p.key, kind: 'assignment risk unknown', daysToExpiry: dte,
        text: `${legLabel(p)} expires in ${days(dte)} and there is no ${p.underlying} price (no option model from IB, no quote, none held): whether it is in the money and may be assigned is not known.`,
      });
      continue;
    }
    const itm = p.right === 'C' ? und.price > p.strike : und.price < p.strike;
    if (itm) out.push({ key: p.key, kind: 'assignment risk', daysToExpiry: dte, text: `${legLabel(p)} is in the money (underlying ${und.price}, from ${und.source}) ${days(dte)} before expiry: it may be assigned.` });
  }
  return out;
}

/**
 * A future is flagged a week before the first day IB may close it out: its
 * last trading day if it settles in cash, a few business days before first
 * notice (longs) or the last trading day (shorts) if it is physically
 * delivered, and from the earliest plausible such day if Countersign does
 * not know how it settles.
 */
function rollFlag(p: PositionView, today: string, dte: number): ExpiryFlag | null {
  const closeOut = closeOutOf(p.underlying, p.expiry!, p.quantity);
  const until = daysToExpiry(closeOut.date, today);
  if (until > ROLL_WARNING_DAYS) return null;
  const stops = `It stops trading in ${days(dte)} (${p.expiry}).`;
  if (closeOut.settlement === 'cash') return { key: p.key, kind: 'roll future', daysToExpiry: dte, text: `${p.symbol} stops trading in ${days(dte)} (${p.expiry}): roll or close it.` };
  const when = until > 0 ? `from ${closeOut.date} (in ${days(until)})` : until === 0 ? `from today (${closeOut.date})` : `at any time now (since ${closeOut.date})`;
  const text = closeOut.settlement === 'physical'
    ? `IB may close ${p.symbol} out ${when}: ${closeOut.basis}. ${stops} Roll or close it before IB does.`
    : `IB may close ${p.symbol} out ${when} if it is physically delivered: ${closeOut.basis}. ${stops}`;
  return { key: p.key, kind: 'roll future', daysToExpiry: dte, text };
}

/** The asset class a position counts under in allocation views; a type the app does not know keeps IB's name. */
export function assetClassOf(p: Pick<PositionView, 'secType' | 'knownType'>, isEtf = false): string {
  switch (p.secType) {
    case 'STK': return isEtf ? 'ETFs' : 'Stocks';
    case 'OPT': return 'Options';
    case 'FOP': return 'Futures options';
    case 'FUT': return 'Futures';
    case 'CASH': return 'Forex';
    case 'BOND': return 'Bonds';
    case 'CRYPTO': return 'Crypto';
    case 'WAR': return 'Warrants';
    case 'CFD': return 'CFDs';
    case 'FUND': return 'Funds';
    default: return `Other (${p.secType})`;
  }
}
