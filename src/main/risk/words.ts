import type { Draft } from '../../shared/draft';

/** Prices as a trader reads them: 2 decimals, 4 below one unit (penny stocks, options). */
export function price(n: number): string {
  return Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(2);
}

export function money(n: number, currency?: string): string {
  const text = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency === undefined ? text : `${text} ${currency}`;
}

export function pct(n: number): string {
  return `${Number(n.toFixed(1))}%`;
}

export function qty(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** "BUY 10 AAPL" */
export function orderWords(draft: Draft): string {
  return `${draft.order.side} ${qty(draft.order.quantity)} ${draft.contract.symbol}`;
}
