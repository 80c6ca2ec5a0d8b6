import { positionKey, type Draft } from '../../shared/draft';
import { contractPriceMagnifier } from '../../shared/draft';
import type { PositionSnapshot, QuoteSnapshot, RiskContext } from './context';

/**
 * Units per contract: 1 for stocks; an option or future carries IB's own
 * multiplier (set when the contract is resolved). Without it the order cannot
 * be valued: 100 is wrong for mini, index and most non-US options.
 */
export function multiplier(draft: Draft): number | null {
  const c = draft.contract;
  if (c.secType === 'STK' || c.secType === 'ETF') return 1;
  return c.multiplier !== undefined && Number.isFinite(c.multiplier) && c.multiplier > 0 ? c.multiplier : null;
}

/** IB's price magnifier of the draft's contract (100 for an LSE share quoted in pence); null when not known. */
export function priceMagnifier(draft: Draft): number | null {
  return contractPriceMagnifier(draft.contract);
}

export interface ReferencePrice {
  price: number;
  /** 'ask', 'bid' or 'last', for explanations. */
  source: 'ask' | 'bid' | 'last';
}

/** The price this order would trade against now: the ask for a buy, the bid for a sell, else the last. */
export function referencePrice(quote: QuoteSnapshot | null, side: Draft['order']['side']): ReferencePrice | null {
  if (quote === null) return null;
  const usable = (n: number | null): n is number => n !== null && Number.isFinite(n) && n > 0;
  const near = side === 'BUY' ? quote.ask : quote.bid;
  if (usable(near)) return { price: near, source: side === 'BUY' ? 'ask' : 'bid' };
  if (usable(quote.last)) return { price: quote.last, source: 'last' };
  return null;
}

/**
 * The per-unit price used to value the order, in the contract's currency
 * (pounds for an LSE share quoted in pence): the highest of the reference
 * price and the order's own limit/stop. Conservative (a buy limit below the
 * market is valued at the market), and it only grows as a price moves away
 * from the quote, so a looser price can never make a size check pass.
 */
export function valuationPrice(ctx: RiskContext, draft: Draft): number | null {
  const candidates = [referencePrice(ctx.quote, draft.order.side)?.price, draft.order.limitPrice, draft.order.stopPrice].filter(
    (n): n is number => n !== undefined && Number.isFinite(n) && n > 0,
  );
  const magnifier = priceMagnifier(draft);
  return candidates.length === 0 || magnifier === null ? null : Math.max(...candidates) / magnifier;
}

/**
 * IB's ExchangeRate from the draft's currency to the account's base currency
 * (1 when they are the same). null when IB has not given a usable rate: a
 * missing or zero rate is never taken as 1, or a EUR order would be weighed
 * as if it were dollars.
 */
export function baseRate(ctx: RiskContext, draft: Draft): number | null {
  const account = ctx.account;
  if (account === null) return null;
  const currency = draft.contract.currency;
  if (currency === account.baseCurrency) return 1;
  const rate = account.exchangeRates[currency];
  return rate !== undefined && rate !== null && Number.isFinite(rate) && rate > 0 ? rate : null;
}

/**
 * The order's value in the account's base currency (the currency of net
 * liquidation, buying power and the per-order limit), or null when it cannot
 * be valued. Contracts that open or add to a short option are valued at what
 * they oblige the account to (see obligationPerContract), not at their
 * premium: 100 SPY 580 puts sold at 2.00 bring in 20,000 and may cost 5.8
 * million at assignment. Contracts that close a long keep their premium.
 */
export function orderNotional(ctx: RiskContext, draft: Draft): number | null {
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  if (unit === null || mult === null || rate === null) return null;
  const opening = shortOptionOpening(ctx, draft);
  if (opening === 0) return draft.order.quantity * unit * mult * rate;
  const obligation = obligationPerContract(ctx, draft);
  if (obligation === null) return null;
  return (draft.order.quantity - opening) * unit * mult * rate + opening * obligation;
}

/** Contracts of this order that open or add to a short option; 0 for any other order. */
export function shortOptionOpening(ctx: RiskContext, draft: Draft): number {
  if (draft.contract.secType !== 'OPT' || draft.order.side !== 'SELL') return 0;
  return draft.order.quantity - positionChange(ctx, draft).closes;
}

/**
 * What one short contract may cost at assignment, in the account's base
 * currency: a put its strike (the shares must be bought at it), a call the
 * underlying's value (the shares must be delivered, at whatever they cost
 * then). null when it cannot be known: no multiplier, no rate, or for a call
 * no price of the underlying.
 */
export function obligationPerContract(ctx: RiskContext, draft: Draft): number | null {
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  if (mult === null || rate === null) return null;
  const per = draft.contract.right === 'P' ? (draft.contract.strike ?? null) : (ctx.option?.underlyingPrice ?? null);
  return per !== null && Number.isFinite(per) && per > 0 ? per * mult * rate : null;
}

/** How a short option's size was reached, for the explanations (a phrase, no brackets); '' for any other order. */
export function sizeBasis(ctx: RiskContext, draft: Draft): string {
  const opening = shortOptionOpening(ctx, draft);
  if (opening === 0) return '';
  const c = draft.contract;
  const mult = multiplier(draft) ?? 0;
  const contracts = `${opening} contract${opening === 1 ? '' : 's'}`;
  if (c.right === 'P') return `sized by what the short put obliges: ${contracts} × ${mult} × the ${c.strike ?? '?'} strike, not its premium`;
  return `sized by what the short call obliges: ${contracts} × ${mult} × ${c.symbol} at ${ctx.option?.underlyingPrice ?? '?'}, not its premium`;
}

/** Why orderNotional is null, in the person's words. */
export function whyUnvalued(ctx: RiskContext, draft: Draft): string {
  const c = draft.contract;
  if (priceMagnifier(draft) === null) return `IB has not given the price magnifier of ${c.symbol} (how its quotes relate to ${c.currency})`;
  if (valuationPrice(ctx, draft) === null) return `no ${c.symbol} price`;
  if (multiplier(draft) === null) return `no contract multiplier for ${c.symbol}`;
  if (ctx.account === null) return 'IB has not reported the account';
  if (baseRate(ctx, draft) === null) return `IB has not given an exchange rate from ${c.currency} to the account’s ${ctx.account.baseCurrency}`;
  return `a short call is sized by the value of the shares it may have to deliver, and there is no price of ${c.symbol}, its underlying`;
}

/** The held position the draft trades: the same contract (IB's conId), never another one sharing its symbol. */
export function heldPosition(ctx: RiskContext, draft: Draft): PositionSnapshot | undefined {
  return ctx.account?.positions[positionKey(draft.contract)];
}

export interface PositionExposure {
  /** In the account's base currency, unsigned. */
  value: number;
  /**
   * 'market': shares or futures at the market; 'obligation': a short option
   * at what it obliges; 'delta': a long option as the shares it moves like;
   * 'premium': a long option at its premium, its delta being unknown.
   */
  basis: 'market' | 'obligation' | 'delta' | 'premium';
}

/**
 * A position of `units` (signed) in the draft's contract, as exposure: an
 * option is not its market value (a short one at its obligation, a long one
 * delta-adjusted where IB's delta is known). null when it cannot be valued.
 */
export function positionExposure(ctx: RiskContext, draft: Draft, units: number): PositionExposure | null {
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  if (unit === null || mult === null || rate === null) return null;
  const size = Math.abs(units);
  if (draft.contract.secType !== 'OPT') return { value: size * unit * mult * rate, basis: 'market' };
  if (units < 0) {
    const obligation = obligationPerContract(ctx, draft);
    return obligation === null ? null : { value: size * obligation, basis: 'obligation' };
  }
  const delta = ctx.option?.delta ?? null;
  const underlying = ctx.option?.underlyingPrice ?? null;
  if (delta !== null && underlying !== null) return { value: size * Math.abs(delta) * underlying * mult * rate, basis: 'delta' };
  return { value: size * unit * mult * rate, basis: 'premium' };
}

export interface PositionChange {
  before: number;
  after: number;
  /** Units of the existing position this order closes. */
  closes: number;
  /** 'reduces': only closes part or all of a position; 'increases': opens, adds, or flips to the other side. */
  effect: 'reduces' | 'increases';
}

export function positionChange(ctx: RiskContext, draft: Draft): PositionChange {
  const before = heldPosition(ctx, draft)?.qty ?? 0;
  const signed = draft.order.side === 'BUY' ? draft.order.quantity : -draft.order.quantity;
  const after = before + signed;
  const opposite = before !== 0 && Math.sign(signed) !== Math.sign(before);
  const closes = opposite ? Math.min(Math.abs(signed), Math.abs(before)) : 0;
  const reduces = opposite && Math.abs(signed) <= Math.abs(before);
  return { before, after, closes, effect: reduces ? 'reduces' : 'increases' };
}
