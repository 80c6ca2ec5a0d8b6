// IBKR Pro "fixed" pricing for US stocks: USD 0.005 a share, at least USD 1.00
// and at most 1% of the trade value, per order. Partial fills are charged so
// that an order's executions add up to the price of the whole order.

export const PER_SHARE = 0.005;
export const MIN_PER_ORDER = 1.0;
export const MAX_RATE = 0.01;

const cents4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Commission for an order of `shares` with `value` traded value so far. */
export function fixedCommission(shares: number, value: number): number {
  if (shares <= 0) return 0;
  const raw = Math.max(MIN_PER_ORDER, shares * PER_SHARE);
  return cents4(Math.min(raw, MAX_RATE * Math.abs(value)));
}

/** What one execution costs, given what the order had already been charged. */
export function executionCommission(cumShares: number, cumValue: number, alreadyCharged: number): number {
  return cents4(Math.max(0, fixedCommission(cumShares, cumValue) - alreadyCharged));
}
