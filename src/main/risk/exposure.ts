import { positionKey, type Draft } from '../../shared/draft';
import { contractPriceMagnifier } from '../../shared/draft';
import type { QuoteSnapshot, RiskContext } from './context';

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
 * be valued.
 */
export function orderNotional(ctx: RiskContext, draft: Draft): number | null {
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  if (unit === null || mult === null || rate === null) return null;
  return draft.order.quantity * unit * mult * rate;
}

/** Why orderNotional is null, in the person's words. */
export function whyUnvalued(ctx: RiskContext, draft: Draft): string {
  const c = draft.contract;
  if (priceMagnifier(draft) === null) return `IB has not given the price magnifier of ${c.symbol} (how its quotes relate to ${c.currency})`;
  if (valuationPrice(ctx, draft) === null) return `no ${c.symbol} price`;
  if (multiplier(draft) === null) return `no contract multiplier for ${c.symbol}`;
  if (ctx.account === null) return 'IB has not reported the account';
  return `IB has not given an exchange rate from ${c.currency} to the account’s ${ctx.account.baseCurrency}`;
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
  const before = ctx.account?.positions[positionKey(draft.contract)]?.qty ?? 0;
  const signed = draft.order.side === 'BUY' ? draft.order.quantity : -draft.order.quantity;
  const after = before + signed;
  const opposite = before !== 0 && Math.sign(signed) !== Math.sign(before);
  const closes = opposite ? Math.min(Math.abs(signed), Math.abs(before)) : 0;
  const reduces = opposite && Math.abs(signed) <= Math.abs(before);
  return { before, after, closes, effect: reduces ? 'reduces' : 'increases' };
}
