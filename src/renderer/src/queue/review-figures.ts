import { contractPriceMagnifier, type Draft } from '../../../shared/draft';
import { formatMoney, formatPercent } from '../../../shared/format-numbers';
import type { AccountView, PositionView, QuoteView } from '../../../shared/portfolio';
import type { OrderSize } from '../../../shared/queue';

/**
 * The numbers a careful reviewer needs beside a draft, so approving is a
 * decision and not a reflex: position and concentration before and after,
 * the order's size against the account. How far its price is from the
 * quote is main's (a fact of the waiting draft's review). Shown where main
 * has not judged the draft (it is no longer waiting, or its review has not
 * arrived): the order's amount is in the contract's currency, and a share of
 * net liquidation (in the account's base) only at IB's rate for that
 * currency; without one it is not known, never a ratio of two currencies.
 */
export interface ReviewFigures {
  price: number | null;
  /** In `currency`, the contract's. */
  notional: number | null;
  currency: string;
  pctNetLiq: number | null;
  positionBefore: number;
  positionAfter: number;
  weightBefore: number | null;
  weightAfter: number | null;
}

/** Units per contract: 1 for shares; a derivative's is IB's, and without it the order is not valued (100 is wrong for minis and most non-US options). */
function unitsPerContract(draft: Draft): number | null {
  const { secType, multiplier } = draft.contract;
  if (secType === 'STK' || secType === 'ETF') return 1;
  const m: number | null | undefined = multiplier;
  return m !== null && m !== undefined && Number.isFinite(m) && m > 0 ? m : null;
}

/** IB's ExchangeRate from `currency` to the account's base: 1 for the base itself, null when IB has not given a usable one. */
function rateToBase(account: AccountView | undefined, currency: string): number | null {
  if (!account) return null;
  if (currency === account.currency) return 1;
  const rate = account.cashByCurrency.find((c) => c.currency === currency)?.rate ?? null;
  return rate !== null && Number.isFinite(rate) && rate > 0 ? rate : null;
}

export function reviewFigures(draft: Draft, account: AccountView | undefined, positions: PositionView[], quotes: QuoteView[]): ReviewFigures {
  const quote = draftQuote(draft, quotes);
  const reference = quote ? (draft.order.side === 'BUY' ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last)) : null;
  const orderPrice = draft.order.limitPrice ?? draft.order.stopPrice ?? null;
  const price = orderPrice ?? reference ?? quote?.last ?? null;
  // Prices are as IB quotes them (pence for an LSE share); amounts are in the currency.
  const magnifier = contractPriceMagnifier(draft.contract);
  const units = unitsPerContract(draft);
  const multiplier = magnifier === null || units === null ? null : units / magnifier;
  const unit = price === null || multiplier === null ? null : price * multiplier;
  const notional = unit === null ? null : draft.order.quantity * unit;
  const rate = rateToBase(account, draft.contract.currency);
  const netLiq = account?.netLiquidation ?? null;
  const held = positions.find((p) => p.account === draft.account && sameContract(draft, p));
  const before = held?.quantity ?? 0;
  const signed = draft.order.side === 'BUY' ? draft.order.quantity : -draft.order.quantity;
  const after = before + signed;
  const share = (amount: number | null): number | null => (amount !== null && rate !== null && netLiq ? ((amount * rate) / netLiq) * 100 : null);
  return {
    price,
    notional,
    currency: draft.contract.currency,
    pctNetLiq: share(notional),
    positionBefore: before,
    positionAfter: after,
    weightBefore: unit === null ? null : share(before * unit),
    weightAfter: unit === null ? null : share(after * unit),
  };
}

/**
 * The card's Notional line, every amount named by its currency. Main's size
 * (in the account's base, as the checks value it) when there is one, with the
 * contract-currency amount before it when that is another currency; else the
 * renderer's own figure in the contract's currency.
 */
export function notionalLine(size: OrderSize | undefined, figures: ReviewFigures): string {
  const named = (amount: number | null, currency: string | null): string => (amount === null ? '—' : `${formatMoney(amount)}${currency ? ` ${currency}` : ''}`);
  const share = (pctNetLiq: number | null, why: string): string => (pctNetLiq === null ? `(share of net liq not known${why})` : `(${formatPercent(pctNetLiq)} of net liq)`);
  if (size) {
    const own = size.currency !== null && size.currency !== figures.currency && figures.notional !== null ? `${named(figures.notional, figures.currency)} ≈ ` : '';
    return `${own}${named(size.notional, size.currency)} ${share(size.pctNetLiq, '')}`;
  }
  return `${named(figures.notional, figures.currency)} ${share(figures.pctNetLiq, figures.notional === null ? '' : `: no ${figures.currency} rate or net liquidation from IB`)}`;
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
