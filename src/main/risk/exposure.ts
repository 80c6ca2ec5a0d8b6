import { positionKey, type Draft } from '../../shared/draft';
import type { QuoteSnapshot, RiskContext } from './context';

/** Units per contract: 1 for stocks, 100 for US equity options unless told; a future must say. */
export function multiplier(draft: Draft): number | null {
  const c = draft.contract;
  if (c.secType === 'STK' || c.secType === 'ETF') return 1;
  if (c.multiplier !== undefined) return c.multiplier;
  return c.secType === 'OPT' ? 100 : null;
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
 * The per-unit price used to value the order: the highest of the reference
 * price and the order's own limit/stop. Conservative (a buy limit below the
 * market is valued at the market), and it only grows as a price moves away
 * from the quote, so a looser price can never make a size check pass.
 */
export function valuationPrice(ctx: RiskContext, draft: Draft): number | null {
  const candidates = [referencePrice(ctx.quote, draft.order.side)?.price, draft.order.limitPrice, draft.order.stopPrice].filter(
    (n): n is number => n !== undefined && Number.isFinite(n) && n > 0,
  );
  return candidates.length === 0 ? null : Math.max(...candidates);
}

/** The order's value in the contract's currency, or null when it cannot be valued. */
export function orderNotional(ctx: RiskContext, draft: Draft): number | null {
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  if (unit === null || mult === null) return null;
  return draft.order.quantity * unit * mult;
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
