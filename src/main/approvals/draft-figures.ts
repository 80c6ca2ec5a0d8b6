import type { Draft, DraftFigures } from '../../shared/draft';
import type { RiskContext } from '../risk/context';
import { baseRate, heldPosition, multiplier, positionChange, priceMagnifier, referencePrice } from '../risk/exposure';

/**
 * Before and after, at the market: the held position at IB's own market
 * value, the order at the price it would trade against now. A buy limit
 * below the market does not make the position after it look smaller.
 */
export function draftFigures(ctx: RiskContext, draft: Draft): DraftFigures {
  const { before, after } = positionChange(ctx, draft);
  const market = referencePrice(ctx.quote, draft.order.side)?.price ?? null;
  const mult = multiplier(draft);
  const magnifier = priceMagnifier(draft);
  // The held value and net liquidation are in the account's base; the quote is in the contract's currency (in pence for an LSE share).
  const rate = baseRate(ctx, draft);
  const unitValue = market !== null && mult !== null && magnifier !== null && rate !== null ? (market / magnifier) * mult * rate : null;
  const netLiq = ctx.account?.netLiquidation ?? null;
  const held = heldPosition(ctx, draft);
  const heldValue = before === 0 ? 0 : (held?.marketValue ?? (unitValue !== null ? before * unitValue : null));
  const valued = netLiq !== null && netLiq > 0;
  const weightBefore = valued && heldValue !== null ? (heldValue / netLiq) * 100 : null;
  const change = unitValue !== null ? (after - before) * unitValue : null;
  const weightAfter = valued && heldValue !== null && change !== null ? ((heldValue + change) / netLiq) * 100 : null;
  return {
    positionBefore: before,
    positionAfter: after,
    weightBefore,
    weightAfter,
    marketPrice: market,
    quote: ctx.quote ? { bid: ctx.quote.bid, ask: ctx.quote.ask, last: ctx.quote.last } : null,
    at: ctx.now,
  };
}
