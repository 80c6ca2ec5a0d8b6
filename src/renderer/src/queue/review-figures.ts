import type { Draft } from '../../../shared/draft';
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
  const quote = draftQuote(draft, quotes);
  const reference = quote ? (draft.order.side === 'BUY' ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last)) : null;
  const orderPrice = draft.order.limitPrice ?? draft.order.stopPrice ?? null;
  const price = orderPrice ?? reference ?? quote?.last ?? null;
  const multiplier = draft.contract.multiplier ?? 1;
  const notional = price === null ? null : draft.order.quantity * price * multiplier;
  const netLiq = account?.netLiquidation ?? null;
  const held = positions.find((p) => p.account === draft.account && sameContract(draft, p));
  const before = held?.quantity ?? 0;
  const signed = draft.order.side === 'BUY' ? draft.order.quantity : -draft.order.quantity;
  const after = before + signed;
  const unit = price === null ? null : price * multiplier;
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

const isStock = (draft: Draft): boolean => draft.contract.secType === 'STK' || draft.contract.secType === 'ETF';

/**
 * A draft that names IB's contract is that contract: another listing of its
 * symbol (SHEL in New York for SHEL in London) is another holding, with
 * another quote in another currency. Only a draft without a conId falls back
 * to a stock of its symbol and currency.
 */
function sameContract(draft: Draft, p: PositionView): boolean {
  if (draft.contract.conId) return p.conId === draft.contract.conId;
  return isStock(draft) && p.secType === 'STK' && p.symbol === draft.contract.symbol && p.currency === draft.contract.currency;
}

function draftQuote(draft: Draft, quotes: QuoteView[]): QuoteView | undefined {
  if (draft.contract.conId) return quotes.find((q) => q.conId === draft.contract.conId);
  return isStock(draft) ? quotes.find((q) => q.symbol === draft.contract.symbol) : undefined;
}
