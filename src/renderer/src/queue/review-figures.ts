import { contractPriceMagnifier, type Draft } from '../../../shared/draft';
import type { AccountView, PositionView, QuoteView } from '../../../shared/portfolio';

/**
 * The numbers a careful reviewer needs beside a draft, so approving is a
 * decision and not a reflex: position and concentration before and after,
 * the order's size against the account. How far its price is from the
 * quote is main's (a fact of the waiting draft's review).
 */
export interface ReviewFigures {
  price: number | null;
  notional: number | null;
  pctNetLiq: number | null;
  positionBefore: number;
  positionAfter: number;
  weightBefore: number | null;
  weightAfter: number | null;
}

export function reviewFigures(draft: Draft, account: AccountView | undefined, positions: PositionView[], quotes: QuoteView[]): ReviewFigures {
  const quote = quotes.find((q) => q.conId === draft.contract.conId) ?? quotes.find((q) => q.symbol === draft.contract.symbol);
  const reference = quote ? (draft.order.side === 'BUY' ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last)) : null;
  const orderPrice = draft.order.limitPrice ?? draft.order.stopPrice ?? null;
  const price = orderPrice ?? reference ?? quote?.last ?? null;
  // Prices are as IB quotes them (pence for an LSE share); amounts are in the currency.
  const magnifier = contractPriceMagnifier(draft.contract);
  const multiplier = magnifier === null ? null : (draft.contract.multiplier ?? 1) / magnifier;
  const notional = price === null || multiplier === null ? null : draft.order.quantity * price * multiplier;
  const netLiq = account?.netLiquidation ?? null;
  const held = positions.find((p) => p.account === draft.account && (p.conId === draft.contract.conId || p.symbol === draft.contract.symbol));
  const before = held?.quantity ?? 0;
  const signed = draft.order.side === 'BUY' ? draft.order.quantity : -draft.order.quantity;
  const after = before + signed;
  const unit = price === null || multiplier === null ? null : price * multiplier;
  return {
    price,
    notional,
    pctNetLiq: notional !== null && netLiq ? (notional / netLiq) * 100 : null,
    positionBefore: before,
    positionAfter: after,
    weightBefore: unit !== null && netLiq ? ((before * unit) / netLiq) * 100 : null,
    weightAfter: unit !== null && netLiq ? ((after * unit) / netLiq) * 100 : null,
  };
}
