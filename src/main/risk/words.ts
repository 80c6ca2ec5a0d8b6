import type { Draft } from '../../shared/draft';

/** Prices as a trader reads them: 2 decimals, 4 below one unit (penny stocks, options). */
export function price(n: number): string {
  return Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(2);
}

// Built once: toLocaleString builds a formatter per call, which dominated the
// cost of a full check run (the approval path has a 10 ms budget).
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const qtyFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export function money(n: number, currency?: string): string {
  const text = moneyFormat.format(n);
  return currency === undefined ? text : `${text} ${currency}`;
}

export function pct(n: number): string {
  return `${Number(n.toFixed(1))}%`;
}

export function qty(n: number): string {
  return qtyFormat.format(n);
}

/** "BUY 10 AAPL" */
export function orderWords(draft: Draft): string {
  return `${draft.order.side} ${qty(draft.order.quantity)} ${draft.contract.symbol}`;
}
