// What the order book trades: one instrument (a share, an option, a future,
// a currency pair, a coin) or a combo of option legs, each with the quotes it
// fills against, the session it trades in, its settlement terms and its
// commission schedule. The book works every order through this one shape.
import type { Listing } from './catalogue';
import { contractOf } from './catalogue';
import type { Market } from './market';
import type { OptionSeries } from './options';
import type { MarketHours, SessionPhase } from './trading-hours';
import { venuePhase } from './venues';
import type { Terms, TradedClass } from './terms';
import type { Contract, Quote } from './types';

export interface Tradable {
  /** conId of the instrument; a combo's key is built from its legs. */
  key: number;
  /** The contract as the broker reports it back in open orders and executions. */
  contract: Contract;
  symbol: string;
  secType: TradedClass | 'BAG';
  terms: Terms;
  /** Forex: the pair's base currency. */
  baseCurrency?: string;
  /** The market index whose moves change this instrument's quote (an option's underlying). */
  driver: number;
  minTick: number;
  minSize: number;
  sizeIncrement: number;
  /** Execution venue named in executions. */
  venue: string;
  /** Limit-priced orders flagged outsideRth may execute outside the liquid session. */
  extendedHours: boolean;
  phase(now: number): SessionPhase;
  touch(buying: boolean): number;
  depth(buying: boolean): number;
  last(): number;
  consume(buying: boolean, qty: number, price: number, now: number): void;
  /** Combos: the legs, each bought when the combo is bought if `buying`. */
  legs?: ComboLeg[];
}

export interface ComboLeg {
  tradable: Tradable;
  ratio: number;
  buying: boolean;
}

const US_VENUE: Record<string, string> = { NASDAQ: 'ISLAND', NYSE: 'NYSE', ARCA: 'ARCA', BATS: 'BATS' };

/** Futures exchange margin per contract (USD), as IB publishes it for outright positions. */
const FUTURE_MARGIN: Record<string, { init: number; maint: number }> = {
  ES: { init: 16_000, maint: 14_500 }, MES: { init: 1_600, maint: 1_450 }, NQ: { init: 24_000, maint: 21_800 },
  CL: { init: 6_300, maint: 5_700 }, GC: { init: 11_000, maint: 10_000 }, ZN: { init: 2_200, maint: 2_000 },
};

export interface TradableContext {
  market: Market;
  hours: MarketHours;
  usPhase(now: number): SessionPhase;
}

/** A share, future, pair, coin or index from the catalogue's walk. */
export function listingTradable(ctx: TradableContext, l: Listing, asked: Contract): Tradable | undefined {
  const i = ctx.market.indexOf(l.conId);
  if (i === undefined) return undefined;
  const m = ctx.market;
  const s = l.spec;
  const secType = (s?.secType ?? 'STK') as Tradable['secType'];
  const quoteBased = {
    touch: (buying: boolean) => m.touchAt(i, buying),
    depth: (buying: boolean) => m.depthAt(i, buying),
    last: () => m.lastAt(i),
    consume: (buying: boolean, qty: number, price: number, now: number) => m.consume(i, buying, qty, price, now),
  };
  if (!s) {
    return {
      key: l.conId, symbol: l.symbol, secType: 'STK', terms: { secType: 'STK', currency: 'USD', factor: 1 }, driver: i,
      contract: {
        ...asked, conId: l.conId, symbol: l.symbol, secType: 'STK' as Contract['secType'], currency: 'USD', exchange: asked.exchange || 'SMART',
        primaryExch: l.primaryExch, localSymbol: l.symbol, tradingClass: l.primaryExch === 'NASDAQ' && !l.etf ? 'NMS' : l.symbol,
      },
      minTick: 0.01, minSize: 1, sizeIncrement: 1, venue: US_VENUE[l.primaryExch] ?? l.primaryExch, extendedHours: true,
      phase: (now) => ctx.usPhase(now), ...quoteBased,
    };
  }
  if (s.secType === 'IND') return undefined;
  const terms = specTerms(l, s);
  const always = ctx.hours === 'always-open';
  return {
    key: l.conId, symbol: l.symbol, secType, terms, driver: i, contract: { ...asked, ...contractOf(l), exchange: asked.exchange || s.exchange },
    ...(s.secType === 'CASH' ? { baseCurrency: l.symbol } : {}),
    minTick: s.minTick, minSize: s.minSize ?? 1, sizeIncrement: s.sizeIncrement ?? 1,
    venue: s.secType === 'STK' ? l.primaryExch : s.exchange, extendedHours: s.secType !== 'CRYPTO',
    phase: (now) => (always ? 'rth' : venuePhase(s.venue, now)), ...quoteBased,
  };
}

/** The settlement terms of an instrument beyond US stocks (its class, currency, multiplier, a future's margin). */
function specTerms(l: Listing, s: NonNullable<Listing['spec']>): Terms {
  // A bond is quoted in percent of its 1,000 face: a point is worth 10.
  const factor = s.secType === 'BOND' ? 10 : (s.multiplier ?? 1) / (s.priceMagnifier ?? 1);
  return {
    secType: s.secType as TradedClass, currency: s.currency, factor,
    ...(s.secType === 'FUT' ? { futureMargin: FUTURE_MARGIN[l.symbol] ?? { init: 0.1 * l.price * factor, maint: 0.09 * l.price * factor } } : {}),
  };
}

/**
 * A contract month that has expired and is no longer listed, for the orders
 * a saved book kept in it: it never trades again (its market is closed for
 * good and it has no quote), so a working order in it can only be cancelled.
 */
export function expiredListingTradable(l: Listing, asked: Contract): Tradable | undefined {
  const s = l.spec;
  if (!s || s.secType === 'IND') return undefined;
  return {
    key: l.conId, symbol: l.symbol, secType: s.secType as Tradable['secType'], terms: specTerms(l, s), driver: -1,
    contract: { ...asked, ...contractOf(l), exchange: asked.exchange || s.exchange },
    minTick: s.minTick, minSize: s.minSize ?? 1, sizeIncrement: s.sizeIncrement ?? 1, venue: s.exchange, extendedHours: false,
    phase: () => 'closed', touch: () => 0, depth: () => 0, last: () => 0, consume: () => {},
  };
}

/** A listed equity option, quoted from its underlying's walk. Options trade in US regular hours only. */
export function optionTradable(ctx: TradableContext, series: OptionSeries, contract: Contract, quote: () => Quote): Tradable | undefined {
  const driver = ctx.market.indexOf(series.underlying.conId);
  if (driver === undefined) return undefined;
  return {
    key: series.conId, symbol: series.underlying.symbol, secType: 'OPT', driver, contract: { ...contract, exchange: contract.exchange || 'SMART' },
    terms: { secType: 'OPT', currency: 'USD', factor: 100, underlyingConId: series.underlying.conId, strike: series.strike, right: series.right, expiry: series.expiry },
    // Premiums under 3.00 trade in pennies, above in nickels.
    minTick: 0.01, minSize: 1, sizeIncrement: 1, venue: 'CBOE', extendedHours: false,
    phase: (now) => {
      const p = ctx.usPhase(now);
      return p === 'rth' ? 'rth' : 'closed';
    },
    touch: (buying) => { const q = quote(); return buying ? q.ask : q.bid; },
    depth: (buying) => { const q = quote(); return buying ? q.askSize : q.bidSize; },
    last: () => quote().last,
    // The model's quote is refreshed from the underlying at every look: a fill leaves no hole to fill in.
    consume: () => {},
  };
}

/** A combo of option legs on one underlying, priced as the net of its legs (a debit is positive). */
export function comboTradable(contract: Contract, legs: ComboLeg[]): Tradable {
  const first = legs[0]!.tradable;
  const net = (buying: boolean): number => {
    let p = 0;
    for (const l of legs) {
      // Buying the combo buys the legs marked BUY (at their ask) and sells the others (at their bid).
      const legBuys = l.buying === buying;
      p += (legBuys ? 1 : -1) * l.ratio * l.tradable.touch(legBuys);
    }
    return Math.round((buying ? p : -p) * 100) / 100;
  };
  const key = legs.reduce((k, l) => (k * 31 + l.tradable.key * (l.buying ? 1 : -1) * l.ratio) % 2_147_483_647, 17);
  return {
    key, symbol: first.symbol, secType: 'BAG', terms: { secType: 'OPT', currency: 'USD', factor: 100 }, driver: first.driver,
    contract: { ...contract, symbol: contract.symbol || first.symbol, currency: contract.currency || 'USD', exchange: contract.exchange || 'SMART' },
    minTick: 0.01, minSize: 1, sizeIncrement: 1, venue: first.venue, extendedHours: false, legs,
    phase: (now) => first.phase(now),
    touch: net,
    depth: (buying) => Math.min(...legs.map((l) => Math.floor(l.tradable.depth(l.buying === buying) / l.ratio))),
    last: () => net(true),
    consume: (buying, qty, _price, now) => {
      for (const l of legs) l.tradable.consume(l.buying === buying, qty * l.ratio, l.tradable.touch(l.buying === buying), now);
    },
  };
}
